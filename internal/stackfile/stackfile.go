// Package stackfile reads a project's Pulumi.yaml and Pulumi.<stack>.yaml the
// way the Pulumi CLI hands config to a program, with the Pulumi SDK's own
// loaders and config code (sdk/go/common/workspace, resource/config): a map
// of fully qualified keys ("meething:domain") to strings, lists and objects
// encoded as JSON, with the project's declared defaults filling the keys the
// stack does not set. A stack file the CLI rewrote (numbers and booleans
// quoted, an encryptionsalt added) reads the same.
//
// Encrypted values ("secure:"), nested ones included, are decrypted when
// PULUMI_CONFIG_PASSPHRASE (or PULUMI_CONFIG_PASSPHRASE_FILE) unlocks a
// passphrase stack; otherwise each becomes the placeholder "[secret]".
package stackfile

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/config"
	"github.com/pulumi/pulumi/sdk/v3/go/common/workspace"

	"github.com/meething/edge/stackconfig"
)

// SecretPlaceholder stands in for every encrypted value that is not
// decrypted.
const SecretPlaceholder = stackconfig.RedactedValue

// Project is the part of Pulumi.yaml the program needs.
type Project struct {
	Name   string
	Config map[string]Declaration
}

// Declaration is one key declared under Pulumi.yaml's config.
type Declaration struct {
	Type        string
	Description string
	Default     any
	Secret      bool
}

// Stack is a stack's config as the program would receive it.
type Stack struct {
	Project string
	Name    string
	// Config maps fully qualified keys to their encoded values.
	Config map[string]string
	// SecretKeys are the keys whose values were encrypted, sorted.
	SecretKeys []string
	// Decrypted reports whether the secret values were decrypted; if not,
	// each is SecretPlaceholder.
	Decrypted bool
}

// Keys are the keys of Config, sorted: the keys the stack sets, as the
// engine lists them to the program.
func (s *Stack) Keys() []string { return slices.Sorted(maps.Keys(s.Config)) }

// LoadProject reads dir/Pulumi.yaml with the SDK's loader.
func LoadProject(dir string) (*Project, error) {
	p, err := workspace.LoadProject(filepath.Join(dir, "Pulumi.yaml"))
	if err != nil {
		return nil, fmt.Errorf("reading the project file: %w", err)
	}
	return projectOf(p), nil
}

// projectOf keeps the part of a loaded Pulumi.yaml the program needs.
func projectOf(p *workspace.Project) *Project {
	out := &Project{Name: p.Name.String(), Config: map[string]Declaration{}}
	for key, decl := range p.Config {
		d := Declaration{Description: decl.Description, Default: decl.Default, Secret: decl.Secret}
		if decl.Type != nil {
			d.Type = *decl.Type
		}
		out.Config[key] = d
	}
	return out
}

// Load reads dir/Pulumi.yaml and dir/Pulumi.<stack>.yaml, each once.
func Load(dir, stack string) (*Stack, error) {
	project, err := workspace.LoadProject(filepath.Join(dir, "Pulumi.yaml"))
	if err != nil {
		return nil, fmt.Errorf("reading the project file: %w", err)
	}
	path := filepath.Join(dir, "Pulumi."+stack+".yaml")
	if _, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("reading the config of stack %s: %w", stack, err)
	}
	ps, err := workspace.LoadProjectStack(nil, project, path)
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", path, err)
	}

	decrypter, decrypted, err := decrypterFor(ps, path)
	if err != nil {
		return nil, err
	}
	values, err := ps.Config.Decrypt(decrypter)
	if err != nil {
		return nil, fmt.Errorf("decrypting the secrets of %s: %w", path, err)
	}

	// The project as loaded above: reading and validating Pulumi.yaml is
	// most of the cost of Load.
	p := projectOf(project)
	defaults, err := p.Defaults()
	if err != nil {
		return nil, err
	}
	s := &Stack{Project: p.Name, Name: stack, Config: defaults, Decrypted: decrypted}
	for key, v := range values {
		s.Config[key.String()] = v
	}
	for _, key := range ps.Config.SecureKeys() {
		s.SecretKeys = append(s.SecretKeys, key.String())
	}
	sort.Strings(s.SecretKeys)
	if len(s.SecretKeys) == 0 {
		s.Decrypted = false
	}
	return s, nil
}

// decrypterFor returns what decrypts the stack's secrets: the passphrase's
// crypter when PULUMI_CONFIG_PASSPHRASE (or _FILE) is set for a passphrase
// stack, checked against the stack's encryptionsalt; otherwise one that
// turns every secret into SecretPlaceholder.
func decrypterFor(ps *workspace.ProjectStack, path string) (config.Decrypter, bool, error) {
	passphrase, ok, err := passphraseFromEnv()
	if err != nil {
		return nil, false, err
	}
	if !ok || ps.EncryptionSalt == "" || !ps.Config.HasSecureValue() {
		return placeholder{}, false, nil
	}
	// encryptionsalt is v1:<salt>:<"pulumi" encrypted with the key>.
	parts := strings.SplitN(ps.EncryptionSalt, ":", 3)
	if len(parts) != 3 || parts[0] != "v1" {
		return nil, false, fmt.Errorf("%s: encryptionsalt %q is not in the form the CLI writes", path, ps.EncryptionSalt)
	}
	salt, err := base64.StdEncoding.DecodeString(parts[1])
	if err != nil {
		return nil, false, fmt.Errorf("%s: encryptionsalt: %w", path, err)
	}
	crypter := config.NewSymmetricCrypterFromPassphrase(passphrase, salt)
	if check, err := crypter.DecryptValue(context.Background(), parts[2]); err != nil || check != "pulumi" {
		return nil, false, fmt.Errorf("%s: PULUMI_CONFIG_PASSPHRASE is not this stack's passphrase", path)
	}
	return crypter, true, nil
}

func passphraseFromEnv() (string, bool, error) {
	if p, ok := os.LookupEnv("PULUMI_CONFIG_PASSPHRASE"); ok && p != "" {
		return p, true, nil
	}
	if f := os.Getenv("PULUMI_CONFIG_PASSPHRASE_FILE"); f != "" {
		b, err := os.ReadFile(f)
		if err != nil {
			return "", false, fmt.Errorf("reading PULUMI_CONFIG_PASSPHRASE_FILE: %w", err)
		}
		return strings.TrimRight(string(b), "\r\n"), true, nil
	}
	return "", false, nil
}

// placeholder decrypts every secret to SecretPlaceholder.
type placeholder struct{}

func (placeholder) DecryptValue(context.Context, string) (string, error) {
	return SecretPlaceholder, nil
}

func (p placeholder) BatchDecrypt(_ context.Context, ciphertexts []string) ([]string, error) {
	out := make([]string, len(ciphertexts))
	for i := range out {
		out[i] = SecretPlaceholder
	}
	return out, nil
}

// Defaults returns the declared defaults, encoded as the program receives
// them.
func (p *Project) Defaults() (map[string]string, error) {
	out := map[string]string{}
	for key, decl := range p.Config {
		if decl.Default == nil {
			continue
		}
		v, err := encode(decl.Default)
		if err != nil {
			return nil, fmt.Errorf("default of %s in Pulumi.yaml: %w", key, err)
		}
		out[qualify(p.Name, key)] = v
	}
	return out, nil
}

// qualify adds the project namespace to a key that has none.
func qualify(project, key string) string {
	if strings.Contains(key, ":") {
		return key
	}
	return project + ":" + key
}

// encode turns a declared default into the string the program receives:
// text as it is, numbers and booleans as written, lists and objects as JSON.
func encode(v any) (string, error) {
	switch t := v.(type) {
	case string:
		return t, nil
	case bool, int, int64, float64:
		return fmt.Sprint(t), nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		return "", err
	}
	return string(b), nil
}
