package stackconfig

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestSuggestion(t *testing.T) {
	tests := []struct {
		name       string
		candidates []string
		want       string
	}{
		{"http", []string{"HTTP", "HTTPS"}, "; did you mean HTTP?"},
		{"TCP", []string{"HTTP", "HTTPS"}, ""}, // two edits of three letters: no guess
		{"asw", []string{"meething", "aws"}, "; did you mean aws?"},
		{"regoin", []string{"region", "profile"}, "; did you mean region?"},
		{"gren", []string{"api", "green"}, "; did you mean green?"},
		{"monitor", []string{"defensive", "strictest"}, ""},
		{"least-outstanding-requests", Algorithms, "; did you mean least_outstanding_requests?"},
	}
	for _, tc := range tests {
		assert.Equal(t, tc.want, suggestion(tc.name, tc.candidates, ""), tc.name)
	}
	assert.Equal(t, 1, editDistance("asw", "aws"))
	assert.Equal(t, 2, editDistance("tcp", "http"))
	assert.Equal(t, 3, editDistance("", "abc"))
}
