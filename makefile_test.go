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

// TestMakeHelpListsEveryTarget: every target of the Makefile says what it
// does, so `make help` lists it.
func TestMakeHelpListsEveryTarget(t *testing.T) {
	if _, err := exec.LookPath("make"); err != nil {
		t.Skip("needs make")
	}
	makefile, err := os.ReadFile("Makefile")
	require.NoError(t, err)
	out, err := exec.Command("make", "--no-print-directory", "help").Output()
	require.NoError(t, err)
	targets := regexp.MustCompile(`(?m)^([a-z][a-z-]*):`).FindAllStringSubmatch(string(makefile), -1)
	require.NotEmpty(t, targets)
	for _, m := range targets {
		assert.Contains(t, string(out), "  make "+m[1]+" ", "make help does not list %s: give it a ## comment", m[1])
	}
	for _, want := range []string{"test", "golden", "diff", "synth", "preview", "up"} {
		assert.True(t, strings.Contains(string(out), "  make "+want+" "), "make help lists %s", want)
	}
}
