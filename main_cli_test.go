package main

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestBinaryOutsideTheEngine(t *testing.T) {
	tests := []struct {
		name     string
		args     []string
		code     int
		stdout   string
		stderrIs string
	}{
		{name: "no subcommand", args: nil, code: exitUsage,
			stderrIs: "meething is a Pulumi program: run it with pulumi up (make up STACK=dev), or see the plan offline with meething synth --help\n"},
		{name: "help", args: []string{"--help"}, code: exitOK, stdout: "meething diff --stack NAME --base GITREF"},
		{name: "-h", args: []string{"-h"}, code: exitOK, stdout: "pulumi up --stack dev"},
		{name: "cutover without status", args: []string{"cutover"}, code: exitUsage,
			stderrIs: "meething cutover: want the subcommand status, got nothing (see meething cutover --help)\n"},
		{name: "unknown subcommand", args: []string{"deploy"}, code: exitUsage,
			stderrIs: "meething: unknown command \"deploy\"; run pulumi up for the stack, or meething synth --help\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr strings.Builder
			code := run(tt.args, false, &stdout, &stderr)
			assert.Equal(t, tt.code, code)
			if tt.stderrIs != "" {
				assert.Equal(t, tt.stderrIs, stderr.String())
				assert.Empty(t, stdout.String())
			}
			if tt.stdout != "" {
				assert.Contains(t, stdout.String(), tt.stdout)
				assert.Empty(t, stderr.String())
			}
		})
	}

	var stdout, stderr strings.Builder
	assert.Equal(t, exitOK, run([]string{"synth", "--stack", "dev"}, false, &stdout, &stderr), stderr.String())
	assert.Contains(t, stdout.String(), "pulumi:pulumi:Stack")
}

// Under the engine the program sees every key the engine passes it, in
// PULUMI_CONFIG, so that an undeclared key is an error there too.
func TestEngineConfigKeys(t *testing.T) {
	t.Setenv("PULUMI_CONFIG", `{"aws:region":"ap-northeast-2","meething:servics":"[]","meething:domain":"meething.net"}`)
	keys, err := engineConfigKeys()
	assert.NoError(t, err)
	assert.Equal(t, []string{"aws:region", "meething:domain", "meething:servics"}, keys)

	config := map[string]string{"aws:region": "ap-northeast-2", "meething:servics": "[]"}
	_, err = runProgram("dev", config)
	assert.ErrorContains(t, err, `meething:servics: [] is not a setting of this stack; did you mean meething:services?`)

	t.Setenv("PULUMI_CONFIG", `not json`)
	_, err = engineConfigKeys()
	assert.ErrorContains(t, err, "reading the config the engine passed (PULUMI_CONFIG)")
}
