package stackconfig

import (
	"errors"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const messagesFile = "testdata/messages.txt"

// messageCase is one bad stack file of testdata/messages.txt: one key set to
// one value, and the exact problems the program reports.
type messageCase struct {
	key, value string
	want       []string
}

func readMessageCases(t *testing.T) (header []string, cases []messageCase) {
	t.Helper()
	data, err := os.ReadFile(messagesFile)
	require.NoError(t, err)
	for _, line := range strings.Split(strings.TrimRight(string(data), "\n"), "\n") {
		switch {
		case strings.HasPrefix(line, "### "):
			key, quoted, ok := strings.Cut(strings.TrimPrefix(line, "### "), " ")
			require.True(t, ok, "bad case line %q", line)
			value, err := strconv.Unquote(quoted)
			require.NoError(t, err, "bad value in %q", line)
			cases = append(cases, messageCase{key: key, value: value})
		case strings.HasPrefix(line, "  - "):
			require.NotEmpty(t, cases, "a message before any case")
			c := &cases[len(cases)-1]
			c.want = append(c.want, strings.TrimPrefix(line, "  - "))
		case len(cases) == 0:
			header = append(header, line)
		}
	}
	return header, cases
}

// problemLines returns the problems of parsing the one-key stack file.
func problemLines(t *testing.T, c messageCase) []string {
	t.Helper()
	m := map[string]string{c.key: c.value}
	if c.key != RegionKey {
		m = withRequired(m)
	} else {
		m = with(m, FullKey(KeyDomain), testDomain)
	}
	cfg, err := Parse(lookupOf(m), keysOf(m))
	if err == nil {
		require.NotNil(t, cfg)
		return nil
	}
	var e *Error
	require.True(t, errors.As(err, &e), "%T: %v", err, err)
	var lines []string
	for _, p := range e.Problems {
		lines = append(lines, p.String())
	}
	return lines
}

// TestMessages parses every bad stack file of testdata/messages.txt and
// compares the problems with the exact messages recorded there. Each must be
// rejected, every problem must name the key (or a path under it), and no
// message may hold Go type names, JSON decoder words or escaped quotes.
// UPDATE_GOLDEN=1 (make golden) rewrites the messages from the program.
func TestMessages(t *testing.T) {
	header, cases := readMessageCases(t)
	if os.Getenv("UPDATE_GOLDEN") == "1" {
		var b strings.Builder
		for _, h := range header {
			b.WriteString(h + "\n")
		}
		for _, c := range cases {
			b.WriteString("### " + c.key + " " + strconv.Quote(c.value) + "\n")
			for _, l := range problemLines(t, c) {
				b.WriteString("  - " + l + "\n")
			}
			b.WriteString("\n")
		}
		require.NoError(t, os.WriteFile(messagesFile, []byte(strings.TrimRight(b.String(), "\n")+"\n"), 0o644))
		return
	}

	namingTheKey := 0
	for _, c := range cases {
		t.Run(c.key+"="+c.value, func(t *testing.T) {
			got := problemLines(t, c)
			require.NotEmpty(t, got, "%s = %q is accepted", c.key, c.value)
			assert.Equal(t, c.want, got)
			named := true
			for _, l := range got {
				named = named && (strings.HasPrefix(l, c.key+": ") || strings.HasPrefix(l, c.key+".") || strings.HasPrefix(l, c.key+"["))
				for _, bad := range []string{"json:", "Go struct", "unmarshal", `\"`, "map[string]", "[]string", "float64", "int64"} {
					assert.NotContains(t, l, bad, "a message in the program's terms")
				}
			}
			if named {
				namingTheKey++
			}
		})
	}
	t.Logf("%d bad stack files, %d rejected with the key named", len(cases), namingTheKey)
}
