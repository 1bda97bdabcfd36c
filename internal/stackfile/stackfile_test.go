package stackfile

import (
	"context"
	"encoding/base64"
	"os"
	"path/filepath"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/config"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const project = `name: meething
runtime: go
config:
  meething:idleTimeout:
    type: integer
    description: seconds
    default: 60
  meething:dualStack:
    type: boolean
    description: IPv6
    default: false
  meething:services:
    type: array
    items:
      type: object
    description: services
    default: [{name: api}]
  meething:alarms:
    type: object
    description: alarms
    default: {enabled: false}
`

func dirWith(t *testing.T, stacks map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "Pulumi.yaml"), []byte(project), 0o600))
	for name, body := range stacks {
		require.NoError(t, os.WriteFile(filepath.Join(dir, "Pulumi."+name+".yaml"), []byte(body), 0o600))
	}
	return dir
}

// TestRewrittenStackFileReadsTheSame: pulumi stack init rewrites a committed
// stack file, quoting every top-level number and boolean and adding an
// encryptionsalt; the program receives the same config either way.
func TestRewrittenStackFileReadsTheSame(t *testing.T) {
	t.Setenv("PULUMI_CONFIG_PASSPHRASE", "")
	dir := dirWith(t, map[string]string{
		"committed": "config:\n  aws:region: ap-northeast-2\n  meething:idleTimeout: 300\n  meething:dualStack: true\n  meething:services:\n    - name: chat\n      port: 8080\n",
		"rewritten": "encryptionsalt: v1:c2FsdA==:v1:bm9uY2U=:Y2lwaGVy\nconfig:\n  aws:region: ap-northeast-2\n  meething:dualStack: \"true\"\n  meething:idleTimeout: \"300\"\n  meething:services:\n  - name: chat\n    port: 8080\n",
	})
	committed, err := Load(dir, "committed")
	require.NoError(t, err)
	rewritten, err := Load(dir, "rewritten")
	require.NoError(t, err)
	assert.Equal(t, committed.Config, rewritten.Config)
	assert.Equal(t, map[string]string{
		"aws:region":           "ap-northeast-2",
		"meething:idleTimeout": "300",
		"meething:dualStack":   "true",
		"meething:services":    `[{"name":"chat","port":8080}]`,
		"meething:alarms":      `{"enabled":false}`,
	}, committed.Config, "unset keys get the declared defaults, encoded as the CLI does")
}

// secretStack writes a passphrase stack whose alarm email is encrypted.
func secretStack(t *testing.T, passphrase, email string) string {
	t.Helper()
	salt := []byte("0123456789abcdef")
	crypter := config.NewSymmetricCrypterFromPassphrase(passphrase, salt)
	check, err := crypter.EncryptValue(context.Background(), "pulumi")
	require.NoError(t, err)
	secret, err := crypter.EncryptValue(context.Background(), email)
	require.NoError(t, err)
	return dirWith(t, map[string]string{"prod": "encryptionsalt: v1:" + base64.StdEncoding.EncodeToString(salt) + ":" + check + "\n" +
		"config:\n  aws:region: ap-northeast-2\n  meething:alarms:\n    enabled: true\n    emails:\n      - secure: " + secret + "\n"})
}

func TestSecretsAreDecryptedWithThePassphrase(t *testing.T) {
	dir := secretStack(t, "correct horse", "oncall@meething.net")

	t.Setenv("PULUMI_CONFIG_PASSPHRASE", "")
	s, err := Load(dir, "prod")
	require.NoError(t, err)
	assert.Equal(t, `{"emails":["[secret]"],"enabled":true}`, s.Config["meething:alarms"], "a nested secret without the passphrase")
	assert.Equal(t, []string{"meething:alarms"}, s.SecretKeys)
	assert.False(t, s.Decrypted)

	t.Setenv("PULUMI_CONFIG_PASSPHRASE", "correct horse")
	s, err = Load(dir, "prod")
	require.NoError(t, err)
	assert.Equal(t, `{"emails":["oncall@meething.net"],"enabled":true}`, s.Config["meething:alarms"])
	assert.True(t, s.Decrypted)

	t.Setenv("PULUMI_CONFIG_PASSPHRASE", "wrong")
	_, err = Load(dir, "prod")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "PULUMI_CONFIG_PASSPHRASE is not this stack's passphrase")

	t.Setenv("PULUMI_CONFIG_PASSPHRASE", "")
	file := filepath.Join(t.TempDir(), "passphrase")
	require.NoError(t, os.WriteFile(file, []byte("correct horse\n"), 0o600))
	t.Setenv("PULUMI_CONFIG_PASSPHRASE_FILE", file)
	s, err = Load(dir, "prod")
	require.NoError(t, err)
	assert.True(t, s.Decrypted, "the passphrase file works too")
}

func TestLoadErrors(t *testing.T) {
	dir := dirWith(t, nil)
	_, err := Load(dir, "nosuch")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "reading the config of stack nosuch")

	_, err = Load(t.TempDir(), "dev")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "reading the project file")
}

// TestKeys: the keys the stack sets, sorted, as the engine lists them.
func TestKeys(t *testing.T) {
	s := &Stack{Config: map[string]string{"meething:services": "[]", "aws:region": "ap-northeast-2", "meething:domain": "meething.net"}}
	assert.Equal(t, []string{"aws:region", "meething:domain", "meething:services"}, s.Keys())
}
