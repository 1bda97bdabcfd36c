package main

import (
	"os"
	"os/exec"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// makeOutput runs make with args and returns what it prints.
func makeOutput(t *testing.T, args ...string) string {
	t.Helper()
	if _, err := exec.LookPath("make"); err != nil {
		t.Skip("needs make")
	}
	cmd := exec.Command("make", append([]string{"--no-print-directory"}, args...)...)
	// Neither the caller's variables nor an outer make's (make unit) count.
	for _, kv := range os.Environ() {
		switch name, _, _ := strings.Cut(kv, "="); name {
		case "STACK", "BASE", "ARGS", "MAKEFLAGS", "MFLAGS", "MAKELEVEL":
		default:
			cmd.Env = append(cmd.Env, kv)
		}
	}
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "make %v: %s", args, out)
	return string(out)
}

// TestMakeHelpListsEveryTarget: every target of the Makefile says what it
// does, so `make help` lists it.
func TestMakeHelpListsEveryTarget(t *testing.T) {
	makefile, err := os.ReadFile("Makefile")
	require.NoError(t, err)
	help := makeOutput(t, "help")
	assert.True(t, strings.HasPrefix(help, "  make help "), help)
	targets := regexp.MustCompile(`(?m)^([a-z][a-z-]*):`).FindAllStringSubmatch(string(makefile), -1)
	require.NotEmpty(t, targets)
	for _, m := range targets {
		assert.Contains(t, help, "  make "+m[1]+" ", "make help does not list %s: give it a ## comment", m[1])
	}
}

// TestMakeVerify: make verify runs meething verify on the backend make up
// uses, and make help lists it.
func TestMakeVerify(t *testing.T) {
	out := makeOutput(t, "-n", "verify", "STACK=prod", "ARGS=--via alb")
	assert.Contains(t, out, "go run . verify --stack prod --via alb")
	assert.Contains(t, out, "PULUMI_BACKEND_URL=${PULUMI_BACKEND_URL:-file://$PWD/.pulumi}")
	assert.Contains(t, makeOutput(t, "help"), "\n  make verify           Check the deployed STACK from outside")
}
