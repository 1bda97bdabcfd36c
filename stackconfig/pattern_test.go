package stackconfig

import (
	"regexp"
	"testing"
)

// TestPatternsCompile compiles every pattern the package declares: they
// compile on first use, so a typo would otherwise surface only when a stack
// sets the key it checks.
func TestPatternsCompile(t *testing.T) {
	if len(patterns) == 0 {
		t.Fatalf("no patterns registered: lazy() is how the package declares them")
	}
	for _, p := range patterns {
		if _, err := regexp.Compile(p.expr); err != nil {
			t.Errorf("pattern %q: %v", p.expr, err)
		}
	}
}

func TestLazyRegexpMatchesLikeRegexp(t *testing.T) {
	tests := []struct {
		expr, s string
	}{
		{`^[a-z]{2,63}$`, "net"},
		{`^[a-z]{2,63}$`, "n"},
		{`^arn:aws[a-z-]*:acm:([a-z0-9-]+):`, "arn:aws:acm:ap-northeast-2:"},
		{`^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$`, "Team Überweisung 1"},
		{`^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$`, "a;b"},
	}
	for _, tt := range tests {
		t.Run(tt.expr+" "+tt.s, func(t *testing.T) {
			want := regexp.MustCompile(tt.expr)
			got := lazy(tt.expr)
			if got.MatchString(tt.s) != want.MatchString(tt.s) {
				t.Errorf("MatchString(%q) = %v, want %v", tt.s, got.MatchString(tt.s), want.MatchString(tt.s))
			}
			if g, w := got.FindStringSubmatch(tt.s), want.FindStringSubmatch(tt.s); len(g) != len(w) {
				t.Errorf("FindStringSubmatch(%q) = %q, want %q", tt.s, g, w)
			}
		})
	}
}
