package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gopkg.in/yaml.v3"

	"github.com/meething/edge/internal/verify"
	vt "github.com/meething/edge/internal/verify/verifytest"
)

// verifyStack is a stack file of a domain the fake edge serves: one
// service with a health path and the header its answer carries, HSTS,
// IPv4 only.
const verifyStack = `config:
  aws:region: ap-northeast-2
  meething:domain: ` + vt.Domain + `
  meething:services:
    - name: api
      healthCheck:
        path: /healthz
      answer:
        header: "X-Service: api"
  meething:responseHeaders:
    strictTransportSecurity: max-age=31536000
`

// verifySetup writes the project and stack files and a CA file into a
// directory, starts a fake edge for them, and returns the arguments of a
// verify of it that passes.
func verifySetup(t *testing.T) (*vt.Edge, []string) {
	t.Helper()
	dir := t.TempDir()
	project, err := os.ReadFile("Pulumi.yaml")
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "Pulumi.yaml"), project, 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "Pulumi.vt.yaml"), []byte(verifyStack), 0o644))

	api, unmatched := "api."+vt.Domain, verify.UnmatchedLabel+"."+vt.Domain
	e := vt.NewEdge(t, []string{api, unmatched}, []string{api})
	e.ALB.Services[api] = vt.Named("api")
	e.ALB.Headers["Strict-Transport-Security"] = "max-age=31536000"
	caFile := filepath.Join(dir, "ca.pem")
	require.NoError(t, os.WriteFile(caFile, e.CA.PEM, 0o644))
	return e, []string{"verify", "--stack", "vt", "--dir", dir,
		"--alb-dns", vt.LB, "--name-servers", e.Zone.Addr, "--resolver", e.Zone.Addr,
		"--http-port", strconv.Itoa(e.ALB.HTTPPort), "--https-port", strconv.Itoa(e.ALB.HTTPSPort),
		"--ca-file", caFile, "--attempts", "1", "--timeout", "20s"}
}

func TestVerifyCommand(t *testing.T) {
	e, args := verifySetup(t)

	t.Run("pass", func(t *testing.T) {
		var stdout, stderr strings.Builder
		code := run(args, false, &stdout, &stderr)
		require.Equal(t, exitOK, code, "stdout:\n%s\nstderr:\n%s", stdout.String(), stderr.String())
		assert.Regexp(t, `api\.meething\.test\s+service\s+ok\s+ok\s+ok\s+ok\s+ok`, stdout.String())
		assert.Contains(t, stdout.String(), "PASS: stack vt, 2 hosts via dns: 10 checks, 0 failed, 0 skipped")
		assert.Contains(t, stderr.String(), "verify: ", "progress goes to stderr")
	})

	t.Run("json", func(t *testing.T) {
		var stdout, stderr strings.Builder
		require.Equal(t, exitOK, run(append(args, "--json"), false, &stdout, &stderr), stderr.String())
		var report verify.Report
		require.NoError(t, json.Unmarshal([]byte(stdout.String()), &report))
		assert.True(t, report.Passed)
		require.Len(t, report.Hosts, 2)
		assert.Equal(t, "api.meething.test", report.Hosts[0].Host)
		assert.Len(t, report.Hosts[0].Checks, len(verify.Checks))
	})

	t.Run("outputs file", func(t *testing.T) {
		outputs := filepath.Join(t.TempDir(), "outputs.json")
		doc, _ := json.Marshal(map[string]any{"albDnsName": vt.LB, "nameServers": []string{e.Zone.Addr},
			"serviceUrls": map[string]string{"api": "https://api.meething.test", "old": "https://old.meething.test"}})
		require.NoError(t, os.WriteFile(outputs, doc, 0o644))
		var without []string
		for i := 0; i < len(args); i++ {
			if args[i] == "--alb-dns" || args[i] == "--name-servers" {
				i++
				continue
			}
			without = append(without, args[i])
		}
		var stdout, stderr strings.Builder
		assert.Equal(t, exitOK, run(append(without, "--outputs", outputs), false, &stdout, &stderr), stdout.String()+stderr.String())
		assert.Contains(t, stderr.String(), "meething verify: warning: the deployed stack serves old.meething.test, which the working tree's stack vt does not: not checked\n")
		assert.NotContains(t, stderr.String(), "serves api.meething.test")
	})

	t.Run("a check fails", func(t *testing.T) {
		good := e.ALB.Cert
		e.ALB.Set(func(f *vt.ALB) { f.Cert = e.CA.Issue(t, 90*24*time.Hour, "*.example.com") })
		defer e.ALB.Set(func(f *vt.ALB) { f.Cert = good })
		var stdout, stderr strings.Builder
		assert.Equal(t, exitCheckFailed, run(args, false, &stdout, &stderr))
		assert.Contains(t, stdout.String(), "api.meething.test: tls: certificate covers *.example.com, not api.meething.test")
		assert.Contains(t, stdout.String(), "FAIL: stack vt")
	})

	t.Run("another service answers", func(t *testing.T) {
		e.ALB.Set(func(f *vt.ALB) { f.Services["api."+vt.Domain] = vt.Named("chat") })
		defer e.ALB.Set(func(f *vt.ALB) { f.Services["api."+vt.Domain] = vt.Named("api") })
		var stdout, stderr strings.Builder
		assert.Equal(t, exitCheckFailed, run(args, false, &stdout, &stderr), stdout.String())
		assert.Contains(t, stdout.String(), `api.meething.test: answer: api.meething.test /healthz: answered 200 with "X-Service: chat", not "X-Service: api" (the answer of another service?)`)
	})

	t.Run("connect", func(t *testing.T) {
		var stdout, stderr strings.Builder
		assert.Equal(t, exitOK, run(append(args, "--connect", "127.0.0.1"), false, &stdout, &stderr), stdout.String())
		assert.Contains(t, stdout.String(), "\nnote: --connect 127.0.0.1: the dns column checks the records alone")
	})

	t.Run("via alb while the names point elsewhere", func(t *testing.T) {
		e.PointAt(t, "api."+vt.Domain, vt.OldLB)
		defer e.PointAt(t, "api."+vt.Domain, "")
		var stdout, stderr strings.Builder
		assert.Equal(t, exitOK, run(append(args, "--via", "alb"), false, &stdout, &stderr), stdout.String())
		assert.Contains(t, stdout.String(), "api.meething.test: dns: (skipped) not counted with --via alb: A at ")
		assert.Contains(t, stdout.String(), "points at another load balancer, "+vt.OldLB)
	})
}

func TestVerifyCommandUsage(t *testing.T) {
	tests := []struct {
		name   string
		args   []string
		stderr string
	}{
		{"no stack", []string{"verify"}, "meething verify: --stack is required"},
		{"path as stack name", []string{"verify", "--stack", "../dev"}, `"../dev" is not a stack name`},
		{"bad via", []string{"verify", "--stack", "dev", "--via", "cdn"}, `--via is "cdn": dns or alb`},
		{"unknown flag", []string{"verify", "--stack", "dev", "--fast"}, "flag provided but not defined: -fast"},
		{"argument", []string{"verify", "--stack", "dev", "prod"}, `unexpected argument "prod"`},
		{"no such stack", []string{"verify", "--stack", "nosuch", "--alb-dns", "x"}, "nosuch"},
		{"no outputs", []string{"verify", "--stack", "dev", "--outputs", "/nonexistent/outputs.json"}, "reading --outputs"},
		{"bad ipv6", []string{"verify", "--stack", "dev", "--ipv6", "maybe"}, `--ipv6 is "maybe": auto, on or off`},
		{"bad attempts", []string{"verify", "--stack", "dev", "--attempts", "0"}, "--attempts is 0: 1 or more"},
		{"bad timeout", []string{"verify", "--stack", "dev", "--timeout", "-1s"}, "--timeout is -1s: above 0"},
		{"bad min days", []string{"verify", "--stack", "dev", "--min-days", "-1"}, "--min-days is -1: 0 or more"},
		{"bad http port", []string{"verify", "--stack", "dev", "--http-port", "0"}, "--http-port is 0: from 1 to 65535"},
		{"bad https port", []string{"verify", "--stack", "dev", "--https-port", "70000"}, "--https-port is 70000: from 1 to 65535"},
		{"bad ca file", []string{"verify", "--stack", "dev", "--ca-file", "Pulumi.yaml"}, "holds no PEM certificate"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr strings.Builder
			assert.Equal(t, exitUsage, run(tt.args, false, &stdout, &stderr))
			assert.Contains(t, stderr.String(), tt.stderr)
			assert.Empty(t, stdout.String())
		})
	}
	var stdout, stderr strings.Builder
	assert.Equal(t, exitOK, run([]string{"verify", "--help"}, false, &stdout, &stderr))
	assert.Contains(t, stderr.String(), "Exit status: 0 when every check passes, 4 when one fails")
}

// TestPulumiUpRunsVerify checks that the deploy job verifies the edge after
// pulumi up, with flags verify has, and says how to roll back.
func TestPulumiUpRunsVerify(t *testing.T) {
	var help, stderr strings.Builder
	require.Equal(t, exitOK, run([]string{"verify", "--help"}, false, &help, &stderr))
	verifyUsage := stderr.String()
	raw, err := os.ReadFile(filepath.Join(".github", "workflows", "pulumi-up.yml"))
	require.NoError(t, err)
	var wf struct {
		Jobs map[string]struct {
			Steps []struct {
				Uses string `yaml:"uses"`
				Run  string `yaml:"run"`
			} `yaml:"steps"`
		} `yaml:"jobs"`
	}
	require.NoError(t, yaml.Unmarshal(raw, &wf))
	up, verifyAt := -1, -1
	for i, s := range wf.Jobs["up"].Steps {
		if strings.HasPrefix(s.Uses, "pulumi/actions@") {
			up = i
		}
		if strings.Contains(s.Run, "go run . verify --stack") {
			verifyAt = i
			assert.Contains(t, s.Run, "--outputs", "verify reads the outputs of the up")
			assert.Contains(t, s.Run, "$ROLLBACK_URL", "a failure says how to roll back")
			assert.Regexp(t, `meething:cutover:'[^\n]*\n(.*\n)*\s+via=alb`, s.Run, "during a cutover the new edge is checked through its own addresses")
			assert.Contains(t, s.Run, `--via "$via"`)
			assert.Contains(t, string(raw), "README.md#rolling-back")
			for _, flag := range regexp.MustCompile(`\s(--[a-z-]+)`).FindAllStringSubmatch(s.Run, -1) {
				if !strings.Contains(verifyUsage, flag[1]+" ") && flag[1] != "--json" {
					t.Errorf("the workflow passes %s, which verify's usage does not list", flag[1])
				}
			}
		}
	}
	require.GreaterOrEqual(t, up, 0, "no pulumi up step")
	assert.Greater(t, verifyAt, up, "verify runs after pulumi up")
}
