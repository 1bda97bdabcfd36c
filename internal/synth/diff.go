package synth

import (
	"fmt"
	"regexp"
	"strings"
)

// Diff returns a readable line diff of two plans printed by WriteJSON, or ""
// when they are equal: only the changed lines ("-" old, "+" new) with
// context unchanged lines around them, each hunk headed by its line numbers
// and the URNs of the resources its changes fall in. It stops after
// maxDiffLines lines.
func Diff(oldJSON, newJSON []byte, context int) string {
	a, b := splitLines(oldJSON), splitLines(newJSON)
	ops := diffLines(a, b)
	labelsA, labelsB := lineLabels(a), lineLabels(b)

	var out strings.Builder
	lines := 0
	for _, h := range hunks(ops, context) {
		if lines >= maxDiffLines {
			break
		}
		var where []string
		seen := map[string]bool{}
		for _, op := range ops[h.from:h.to] {
			label := ""
			switch op.kind {
			case '-':
				label = labelsA[op.a]
			case '+':
				label = labelsB[op.b]
			default:
				continue
			}
			if !seen[label] {
				seen[label] = true
				where = append(where, label)
			}
		}
		first := ops[h.from]
		fmt.Fprintf(&out, "@@ old line %d, new line %d @@ %s\n", first.a+1, first.b+1, strings.Join(where, ", "))
		for _, op := range ops[h.from:h.to] {
			if lines >= maxDiffLines {
				fmt.Fprintf(&out, "... (diff cut after %d lines)\n", maxDiffLines)
				break
			}
			switch op.kind {
			case '-':
				fmt.Fprintf(&out, "-%s\n", a[op.a])
			case '+':
				fmt.Fprintf(&out, "+%s\n", b[op.b])
			default:
				fmt.Fprintf(&out, " %s\n", a[op.a])
			}
			lines++
		}
	}
	return out.String()
}

// maxDiffLines caps the diff's length; a diff longer than this is a
// rewrite, better read with a diff tool after UPDATE_GOLDEN.
const maxDiffLines = 400

// maxLCSCells caps the table of the line matching: beyond it the changed
// middle shows as all removed, then all added.
const maxLCSCells = 16 << 20

type diffOp struct {
	kind byte // ' ' same, '-' only in old, '+' only in new
	a, b int  // line indexes in old and new (the next one for an insert or delete)
}

func splitLines(data []byte) []string {
	s := strings.TrimSuffix(string(data), "\n")
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}

// diffLines is a longest-common-subsequence line diff of a and b, after
// taking off the common prefix and suffix.
func diffLines(a, b []string) []diffOp {
	pre := 0
	for pre < len(a) && pre < len(b) && a[pre] == b[pre] {
		pre++
	}
	suf := 0
	for suf < len(a)-pre && suf < len(b)-pre && a[len(a)-1-suf] == b[len(b)-1-suf] {
		suf++
	}
	var ops []diffOp
	for i := 0; i < pre; i++ {
		ops = append(ops, diffOp{' ', i, i})
	}
	ma, mb := a[pre:len(a)-suf], b[pre:len(b)-suf]
	if len(ma)*len(mb) > maxLCSCells {
		for i := range ma {
			ops = append(ops, diffOp{'-', pre + i, pre})
		}
		for j := range mb {
			ops = append(ops, diffOp{'+', pre + len(ma), pre + j})
		}
	} else {
		ops = append(ops, lcsOps(ma, mb, pre, pre)...)
	}
	for k := 0; k < suf; k++ {
		ops = append(ops, diffOp{' ', len(a) - suf + k, len(b) - suf + k})
	}
	return ops
}

func lcsOps(a, b []string, offA, offB int) []diffOp {
	n, m := len(a), len(b)
	// l[i*(m+1)+j] is the LCS length of a[i:] and b[j:].
	l := make([]int32, (n+1)*(m+1))
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if a[i] == b[j] {
				l[i*(m+1)+j] = l[(i+1)*(m+1)+j+1] + 1
			} else {
				l[i*(m+1)+j] = max(l[(i+1)*(m+1)+j], l[i*(m+1)+j+1])
			}
		}
	}
	var ops []diffOp
	i, j := 0, 0
	for i < n || j < m {
		switch {
		case i < n && j < m && a[i] == b[j]:
			ops = append(ops, diffOp{' ', offA + i, offB + j})
			i, j = i+1, j+1
		case i < n && (j == m || l[(i+1)*(m+1)+j] >= l[i*(m+1)+j+1]):
			ops = append(ops, diffOp{'-', offA + i, offB + j})
			i++
		default:
			ops = append(ops, diffOp{'+', offA + i, offB + j})
			j++
		}
	}
	return ops
}

type hunk struct{ from, to int } // a range of ops

// hunks groups the changed ops with context unchanged ops on each side,
// merging groups that touch.
func hunks(ops []diffOp, context int) []hunk {
	var out []hunk
	for k, op := range ops {
		if op.kind == ' ' {
			continue
		}
		from, to := max(0, k-context), min(len(ops), k+context+1)
		if n := len(out); n > 0 && from <= out[n-1].to {
			out[n-1].to = max(out[n-1].to, to)
		} else {
			out = append(out, hunk{from, to})
		}
	}
	return out
}

var urnLine = regexp.MustCompile(`^      "urn": "(.*)",$`)

// lineLabels names, for each line of a plan's JSON, the part of the plan it
// belongs to: a resource's URN, "stack outputs" or "plan".
func lineLabels(lines []string) []string {
	labels := make([]string, len(lines))
	current := "plan"
	for i, line := range lines {
		switch {
		case line == "    {" && i+1 < len(lines) && urnLine.MatchString(lines[i+1]):
			current = urnLine.FindStringSubmatch(lines[i+1])[1]
		case line == `  "outputs": {`:
			current = "stack outputs"
		case strings.HasPrefix(line, `  "`) || line == "}":
			current = "plan"
		}
		labels[i] = current
	}
	return labels
}
