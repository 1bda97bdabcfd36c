package main

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/config"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// encryptedStack is a passphrase stack whose on-call address is encrypted.
func encryptedStack(t *testing.T, passphrase, email string) string {
	t.Helper()
	salt := []byte("fedcba9876543210")
	crypter := config.NewSymmetricCrypterFromPassphrase(passphrase, salt)
	check, err := crypter.EncryptValue(context.Background(), "pulumi")
	require.NoError(t, err)
	secret, err := crypter.EncryptValue(context.Background(), email)
	require.NoError(t, err)
	return "encryptionsalt: v1:" + base64.StdEncoding.EncodeToString(salt) + ":" + check + "\n" +
		"config:\n  aws:region: ap-northeast-2\n  meething:domain: dev.meething.net\n  meething:alarms:\n    enabled: true\n    emails:\n      - secure: " + secret + "\n"
}

// TestSynthWithSecrets: a secret is opaque to the offline synth, which skips
// the rules that need it and says so; with the passphrase it decrypts the
// value and checks it like pulumi up would.
func TestSynthWithSecrets(t *testing.T) {
	dir := synthProjectDir(t, map[string]string{
		"good": encryptedStack(t, "correct horse", "oncall@meething.net"),
		"bad":  encryptedStack(t, "correct horse", "On Call <oncall@meething.net>"),
	})

	t.Setenv("PULUMI_CONFIG_PASSPHRASE", "")
	for _, stack := range []string{"good", "bad"} {
		code, stdout, stderr := cliRun("--dir", dir, "--stack", stack)
		require.Equal(t, exitOK, code, stderr)
		assert.Contains(t, stdout, "\nNot checked (encrypted in the stack file; pulumi up checks them, and so does synth with PULUMI_CONFIG_PASSPHRASE set):\n    meething:alarms.emails[0]\n")

		code, stdout, stderr = cliRun("--dir", dir, "--stack", stack, "--json")
		require.Equal(t, exitOK, code, stderr)
		var plan struct{ Unchecked []string }
		require.NoError(t, json.Unmarshal([]byte(stdout), &plan))
		assert.Equal(t, []string{"meething:alarms.emails[0]"}, plan.Unchecked)
		assert.NotContains(t, stdout, "oncall@meething.net", "the secret stays secret")
	}

	t.Setenv("PULUMI_CONFIG_PASSPHRASE", "correct horse")
	code, stdout, stderr := cliRun("--dir", dir, "--stack", "good")
	require.Equal(t, exitOK, code, stderr)
	assert.NotContains(t, stdout, "Not checked")

	code, _, stderr = cliRun("--dir", dir, "--stack", "bad")
	assert.Equal(t, exitProgram, code)
	assert.Contains(t, stderr, `meething:alarms.emails[0]: "[secret]" is not a bare email address such as oncall@example.com`,
		"checked, and the message does not show the secret")
	assert.NotContains(t, stderr, "On Call")
}
