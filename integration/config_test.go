package integration

import (
	"crypto/rand"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/auto"

	"github.com/meething/edge/stackconfig"
)

// newRunID names one run: its stack, and the subdomain it deploys. The UTC
// time dates leftovers (every taggable resource carries the tag
// Stack=<run id>); the random part keeps runs started in the same minute
// apart. At 17 characters, *.<run id>.<zone> fits ACM's 64-character limit
// for zones of up to 44.
func newRunID() string {
	var b [2]byte
	_, _ = rand.Read(b[:])
	return fmt.Sprintf("it-%s-%x", time.Now().UTC().Format("0102-1504"), b)
}

// stackConfig is the run's configuration: <run id>.<zone> in the existing
// zone, so parallel runs never share a name, with nothing protected, so the
// stack can be destroyed. The services keep the project default: api, config
// and chat, without targets.
func stackConfig(s settings, domain string) auto.ConfigMap {
	return auto.ConfigMap{
		stackconfig.RegionKey:                                  {Value: s.region},
		stackconfig.FullKey(stackconfig.KeyDomain):             {Value: domain},
		stackconfig.FullKey(stackconfig.KeyExistingZoneName):   {Value: s.zone},
		stackconfig.FullKey(stackconfig.KeyProtect):            {Value: "false"},
		stackconfig.FullKey(stackconfig.KeyDeletionProtection): {Value: "false"},
	}
}

// checkConfig validates cfg with the program's own rules, so that a bad
// MEETHING_IT_DOMAIN (one too long for the certificate, say) fails the test
// before a stack exists.
func checkConfig(t *testing.T, cfg auto.ConfigMap) {
	t.Helper()
	keys := make([]string, 0, len(cfg))
	for k := range cfg {
		keys = append(keys, k)
	}
	_, err := stackconfig.Parse(func(key string) (string, bool) {
		v, ok := cfg[key]
		return v.Value, ok
	}, keys)
	if err != nil {
		t.Fatalf("the run's stack config is invalid (check %s): %v", envDomain, err)
	}
}

// workspaceEnv is the environment of every pulumi command: a file backend in
// a temporary directory unless PULUMI_BACKEND_URL names one, and for it the
// empty passphrase unless one is set (the stack holds no secrets).
func workspaceEnv(t *testing.T) map[string]string {
	env := map[string]string{"PULUMI_SKIP_UPDATE_CHECK": "true"}
	if os.Getenv("PULUMI_BACKEND_URL") != "" {
		return env
	}
	env["PULUMI_BACKEND_URL"] = "file://" + filepath.ToSlash(t.TempDir())
	_, phrase := os.LookupEnv("PULUMI_CONFIG_PASSPHRASE")
	_, phraseFile := os.LookupEnv("PULUMI_CONFIG_PASSPHRASE_FILE")
	if !phrase && !phraseFile {
		env["PULUMI_CONFIG_PASSPHRASE"] = ""
	}
	return env
}
