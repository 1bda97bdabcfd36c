// Package stackfile reads a project's Pulumi.yaml and Pulumi.<stack>.yaml the
// way the Pulumi CLI hands config to a program: a map of fully qualified keys
// ("meething:domain") to strings, lists and objects encoded as JSON, with the
// project's declared defaults filling the keys the stack does not set.
// Encrypted values ("secure:") cannot be read without the stack's secrets
// provider; they become the placeholder "[secret]".
package stackfile

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/meething/edge/stackconfig"
)

// SecretPlaceholder stands in for every encrypted value.
const SecretPlaceholder = stackconfig.RedactedValue

// Project is the part of Pulumi.yaml the program needs.
type Project struct {
	Name    string                 `yaml:"name"`
	Runtime any                    `yaml:"runtime"`
	Config  map[string]Declaration `yaml:"config"`
}

// Declaration is one key declared under Pulumi.yaml's config.
type Declaration struct {
	Type        string `yaml:"type"`
	Description string `yaml:"description"`
	Default     any    `yaml:"default"`
	Items       any    `yaml:"items"`
	Secret      bool   `yaml:"secret"`
}

// Stack is a stack's config as the program would receive it.
type Stack struct {
	Project string
	Name    string
	// Config maps fully qualified keys to their encoded values.
	Config map[string]string
	// SecretKeys are the keys whose values were encrypted, sorted.
	SecretKeys []string
}

// LoadProject reads dir/Pulumi.yaml.
func LoadProject(dir string) (*Project, error) {
	path := filepath.Join(dir, "Pulumi.yaml")
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("reading the project file: %w", err)
	}
	var p Project
	if err := yaml.Unmarshal(data, &p); err != nil {
		return nil, fmt.Errorf("parsing %s: %w", path, err)
	}
	if p.Name == "" {
		return nil, fmt.Errorf("%s has no project name", path)
	}
	return &p, nil
}

// Load reads dir/Pulumi.yaml and dir/Pulumi.<stack>.yaml.
func Load(dir, stack string) (*Stack, error) {
	p, err := LoadProject(dir)
	if err != nil {
		return nil, err
	}
	path := filepath.Join(dir, "Pulumi."+stack+".yaml")
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("reading the config of stack %s: %w", stack, err)
	}
	var file struct {
		Config map[string]any `yaml:"config"`
	}
	if err := yaml.Unmarshal(data, &file); err != nil {
		return nil, fmt.Errorf("parsing %s: %w", path, err)
	}

	defaults, err := p.Defaults()
	if err != nil {
		return nil, err
	}
	s := &Stack{Project: p.Name, Name: stack, Config: defaults}
	for key, raw := range file.Config {
		v, secret, err := encode(raw)
		if err != nil {
			return nil, fmt.Errorf("%s in %s: %w", key, path, err)
		}
		full := qualify(p.Name, key)
		s.Config[full] = v
		if secret {
			s.SecretKeys = append(s.SecretKeys, full)
		}
	}
	sort.Strings(s.SecretKeys)
	return s, nil
}

// Defaults returns the declared defaults, encoded as the program receives
// them.
func (p *Project) Defaults() (map[string]string, error) {
	out := map[string]string{}
	for key, decl := range p.Config {
		if decl.Default == nil {
			continue
		}
		v, _, err := encode(decl.Default)
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

// encode turns a YAML value into the string the program receives, and
// reports whether it held an encrypted value.
func encode(v any) (string, bool, error) {
	plain, secret := unsecure(v)
	switch t := plain.(type) {
	case string:
		return t, secret, nil
	case bool, int, float64:
		return fmt.Sprint(t), secret, nil
	}
	b, err := json.Marshal(plain)
	if err != nil {
		return "", false, err
	}
	return string(b), secret, nil
}

// unsecure replaces every {secure: ...} with the placeholder.
func unsecure(v any) (any, bool) {
	switch t := v.(type) {
	case map[string]any:
		if len(t) == 1 {
			if _, ok := t["secure"]; ok {
				return SecretPlaceholder, true
			}
		}
		out := make(map[string]any, len(t))
		secret := false
		for k, e := range t {
			var s bool
			out[k], s = unsecure(e)
			secret = secret || s
		}
		return out, secret
	case []any:
		out := make([]any, len(t))
		secret := false
		for i, e := range t {
			var s bool
			out[i], s = unsecure(e)
			secret = secret || s
		}
		return out, secret
	}
	return v, false
}
