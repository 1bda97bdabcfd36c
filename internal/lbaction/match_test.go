package lbaction

import "testing"

func TestMatch(t *testing.T) {
	tests := []struct {
		pattern, s string
		fold, want bool
	}{
		{"api.meething.net", "api.meething.net", true, true},
		{"api.dev.meething.net", "API.dev.meething.net", true, true},
		{"*.meething.net", "api.meething.net", true, true},
		{"*.meething.net", "meething.net", true, false},
		{"*.meething.net", "a.b.meething.net", true, true}, // * spans dots in a host condition
		{"ap?.meething.net", "api.meething.net", true, true},
		{"ap?.meething.net", "ap.meething.net", true, false},
		{"chat.dev.meething.net", "api.dev.meething.net", true, false},
		{"/up/*", "/up/a/b", false, true},
		{"/up/*", "/down/a", false, false},
		{"/Up/*", "/up/a", false, false}, // paths keep their case
		{"", "", false, true},
	}
	for _, tt := range tests {
		if got := Match(tt.pattern, tt.s, tt.fold); got != tt.want {
			t.Errorf("Match(%q, %q, %v) = %v, want %v", tt.pattern, tt.s, tt.fold, got, tt.want)
		}
	}
}
