package iampolicy

import (
	"fmt"
	"maps"
	"slices"
	"strings"
)

// Route 53's condition keys on ChangeResourceRecordSets (Route53Docs).
const (
	KeyRecordNames = "route53:ChangeResourceRecordSetsNormalizedRecordNames"
	KeyRecordTypes = "route53:ChangeResourceRecordSetsRecordTypes"
	KeyActions     = "route53:ChangeResourceRecordSetsActions"
)

// recordStatements let the deploy role change records: in its own zone (any
// zone but the foreign ones) only names within its domain, and in each
// foreign zone only the names it writes there, each with its own types.
// Both keys must be present (Null false): a ForAllValues condition alone
// is true for a request without the key.
func recordStatements(n Needs, env Env, foreignZones []string) []Statement {
	if !slices.Contains(n.Types, "aws:route53/record:Record") {
		return nil
	}
	present := Condition{KeyRecordNames: {"false"}, KeyRecordTypes: {"false"}}
	own := Statement{Sid: "RecordsInOwnZone", Effect: Allow, Action: []string{"route53:ChangeResourceRecordSets"},
		Resource: []string{zoneARN(env.Partition, "*")}}
	if len(foreignZones) > 0 {
		own.Resource, own.NotResource = nil, foreignZones
	}
	if n.Domain != "" {
		d := NormalizeRecordName(n.Domain)
		own.Condition = map[string]Condition{
			"ForAllValues:StringLike": {KeyRecordNames: {d, "*." + d}},
			"Null":                    present,
		}
	}
	out := []Statement{own}
	for i, z := range n.Foreign {
		id := z.ID
		if id == "" {
			id = env.ZoneIDs[z.Zone]
		}
		byName := map[string][]string{}
		for _, r := range z.Records {
			name := NormalizeRecordName(r.Name)
			byName[name] = append(byName[name], strings.ToUpper(r.Type))
		}
		for j, name := range slices.Sorted(maps.Keys(byName)) {
			out = append(out, Statement{
				Sid:    fmt.Sprintf("RecordsInForeignZone%dName%d", i+1, j+1),
				Effect: Allow, Action: []string{"route53:ChangeResourceRecordSets"},
				Resource: []string{zoneARN(env.Partition, id)},
				Condition: map[string]Condition{
					"ForAllValues:StringEquals": {KeyRecordNames: {name}, KeyRecordTypes: byName[name]},
					"Null":                      present,
				},
			})
		}
	}
	return out
}

// NormalizeRecordName writes a record name as Route 53 compares it with
// route53:ChangeResourceRecordSetsNormalizedRecordNames: lowercase, no
// trailing dot, and every character but a-z, 0-9, -, _ and . as a
// backslash and three octal digits ("*.dev.meething.net" is
// `\052.dev.meething.net`). Route53Docs.
func NormalizeRecordName(name string) string {
	var b strings.Builder
	for _, c := range []byte(strings.TrimSuffix(strings.ToLower(name), ".")) {
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9', c == '-', c == '_', c == '.':
			b.WriteByte(c)
		default:
			fmt.Fprintf(&b, "\\%03o", c)
		}
	}
	return b.String()
}
