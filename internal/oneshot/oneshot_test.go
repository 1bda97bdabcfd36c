package oneshot

import (
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

func TestApplies(t *testing.T) {
	tests := []struct {
		name string
		args []string
		env  map[string]string
		want bool
	}{
		{"synth", []string{"meething", "synth", "--json"}, nil, true},
		{"diff", []string{"meething", "diff", "--stack", "dev", "--base", "HEAD"}, nil, true},
		{"no command", []string{"meething"}, nil, false},
		{"help", []string{"meething", "--help"}, nil, false},
		{"a test binary", []string{"edge.test", "-test.run", "Synth"}, nil, false},
		{"a flag named synth's value", []string{"meething", "--stack", "synth"}, nil, false},
		{"under the engine", []string{"meething", "synth"}, map[string]string{EnvMonitor: "127.0.0.1:1234"}, false},
		{"GOGC set", []string{"meething", "synth"}, map[string]string{"GOGC": "100"}, false},
		{"GOMEMLIMIT set", []string{"meething", "diff"}, map[string]string{"GOMEMLIMIT": "512MiB"}, false},
		{"other variables", []string{"meething", "synth"}, map[string]string{"HOME": "/root"}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Applies(tt.args, func(k string) string { return tt.env[k] }); got != tt.want {
				t.Errorf("Applies(%q, %v) = %v, want %v", tt.args, tt.env, got, tt.want)
			}
		})
	}
}

func TestEnvMonitorIsTheSDKs(t *testing.T) {
	if EnvMonitor != pulumi.EnvMonitor {
		t.Errorf("EnvMonitor = %q, the SDK's pulumi.EnvMonitor %q", EnvMonitor, pulumi.EnvMonitor)
	}
}
