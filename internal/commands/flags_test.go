package commands

import (
	"flag"
	"io"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseInterspersed(t *testing.T) {
	tests := []struct {
		name       string
		args       []string
		positional []string
		json       bool
		dir        string
		err        string
	}{
		{name: "flags first", args: []string{"--json", "a.json", "b.json"}, positional: []string{"a.json", "b.json"}, json: true, dir: "."},
		{name: "flags last, as pulumi takes them", args: []string{"a.json", "b.json", "--json"}, positional: []string{"a.json", "b.json"}, json: true, dir: "."},
		{name: "flags between", args: []string{"a.json", "--dir", "d", "b.json", "-json"}, positional: []string{"a.json", "b.json"}, json: true, dir: "d"},
		{name: "flag=value after", args: []string{"a.json", "--dir=d"}, positional: []string{"a.json"}, dir: "d"},
		{name: "no positional", args: []string{"--json"}, positional: []string{}, json: true, dir: "."},
		{name: "none at all", args: nil, positional: []string{}, dir: "."},
		{name: "after -- all positional", args: []string{"a.json", "--", "--json", "b.json"}, positional: []string{"a.json", "--json", "b.json"}, dir: "."},
		{name: "an unknown flag after the arguments", args: []string{"a.json", "--bogus"}, err: "flag provided but not defined: -bogus"},
		{name: "a flag missing its value at the end", args: []string{"a.json", "--dir"}, err: "flag needs an argument: -dir"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs := flag.NewFlagSet("diff", flag.ContinueOnError)
			fs.SetOutput(io.Discard)
			asJSON := fs.Bool("json", false, "")
			dir := fs.String("dir", ".", "")
			positional, err := parseInterspersed(fs, tt.args)
			if tt.err != "" {
				require.EqualError(t, err, tt.err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.positional, positional)
			assert.Equal(t, tt.json, *asJSON)
			assert.Equal(t, tt.dir, *dir)
		})
	}
}
