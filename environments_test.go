package main

import (
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/meething/edge/internal/adoption"
	"github.com/meething/edge/internal/synth"
)

// TestEnvironmentsDoNotOverlap reads every Pulumi.<stack>.yaml, including
// one added later: no two stacks create a zone of the same name, write the
// same record or serve the same host; exactly one stack serves the apex, and
// every other stack's zone is delegated from the zone the apex stack holds.
func TestEnvironmentsDoNotOverlap(t *testing.T) {
	plans := map[string]*synth.Plan{}
	domains := map[string]string{}
	for _, name := range synthStackNames(t) {
		file := committedStackFile(t, name)
		plans[name] = synthPlan(t, file)
		domains[name] = file.Config["meething:domain"]
	}

	zones := map[string]string{}
	records := map[string]string{}
	hosts := map[string]string{}
	for _, name := range slices.Sorted(maps.Keys(plans)) {
		for _, r := range plans[name].Resources {
			switch r.Type {
			case tokZone:
				claim(t, zones, "zone "+r.Inputs["name"].(string), name)
			case tokRecord:
				claim(t, records, recordIdentity(&r), name)
			case tokRule:
				for _, h := range ruleHosts(&r) {
					claim(t, hosts, "host "+strings.ToLower(h), name)
				}
			}
		}
	}

	apex := ""
	for _, d := range domains {
		if apex == "" || len(d) < len(apex) {
			apex = d
		}
	}
	var owners []string
	for name, d := range domains {
		if d == apex {
			owners = append(owners, name)
		}
	}
	require.Len(t, owners, 1, "exactly one stack serves the apex %s: %v", apex, owners)
	apexZone := plans[owners[0]].Outputs["hostedZoneId"]

	for name, d := range domains {
		if d == apex {
			continue
		}
		assert.True(t, strings.HasSuffix(d, "."+apex), "stack %s serves %s, which is not under the apex %s", name, d, apex)
		delegated := false
		for _, r := range plans[name].OfType(tokRecord) {
			if r.Inputs["type"] == "NS" && r.Inputs["name"] == d {
				delegated = r.Inputs["zoneId"] == apexZone &&
					assert.ObjectsAreEqual(plans[name].Outputs["nameServers"], r.Inputs["records"])
			}
		}
		assert.True(t, delegated, "stack %s does not delegate %s from the zone %v of stack %s", name, d, apexZone, owners[0])
	}
}

// recordIdentity names what a record occupies: its name and type, or for a
// certificate's validation record the domain it validates (its real name is
// ACM's, the same for every certificate of the domain in the account).
func recordIdentity(r *synth.Resource) string {
	if d, ok := strings.CutPrefix(r.Name, "meething-validation-"); ok {
		return "validation record of " + d
	}
	return "record " + strings.TrimSuffix(r.Inputs["name"].(string), ".") + " " + r.Inputs["type"].(string)
}

func ruleHosts(r *synth.Resource) []string {
	var out []string
	conditions, _ := r.Inputs["conditions"].([]any)
	for _, c := range conditions {
		hh, _ := c.(map[string]any)["hostHeader"].(map[string]any)
		values, _ := hh["values"].([]any)
		for _, v := range values {
			out = append(out, v.(string))
		}
	}
	return out
}

func claim(t *testing.T, owners map[string]string, what, stack string) {
	t.Helper()
	if other, taken := owners[what]; taken && other != stack {
		t.Errorf("%s is claimed by stacks %s and %s", what, other, stack)
	}
	owners[what] = stack
}

// TestProtectCoversEveryResource: in every stack file and example with
// meething:protect on, every resource is protected (providers aside), so a
// destroy without preview deletes nothing, neither the serving path nor the
// security controls, alarms and logs around it.
func TestProtectCoversEveryResource(t *testing.T) {
	checked := 0
	for name, file := range everyStackFile(t) {
		if file.Config["meething:protect"] != "true" {
			continue
		}
		checked++
		// With a target registration, so that those are covered too.
		withTargets := withConfig(t, file, map[string]any{"meething:services": []any{
			map[string]any{"name": "api", "targets": []any{"i-0123456789abcdef0"}},
		}})
		for _, f := range []*synth.Plan{synthPlan(t, file), synthPlan(t, withTargets)} {
			for _, r := range f.Resources {
				if r.Custom && !strings.HasPrefix(r.Type, "pulumi:providers:") {
					assert.True(t, r.Protect, "%s: %s is not protected", name, r.URN)
				}
			}
		}
		assert.NotEmpty(t, synthPlan(t, withTargets).OfType(tokAttachment))
	}
	assert.NotZero(t, checked, "no stack has meething:protect on")

	dev := synthPlan(t, synthStackFile(t, "dev"))
	for _, r := range dev.Resources {
		assert.False(t, r.Protect, "dev protects nothing: %s", r.URN)
	}
}

// TestLogsAreRetainedOnDelete: in every stack file and example, every log
// group and the access-log bucket with its settings are retained on delete,
// protect or not; meething:accessLogs.forceDestroy lets the bucket go.
func TestLogsAreRetainedOnDelete(t *testing.T) {
	holdsLogs := func(typ string) bool {
		return typ == "aws:cloudwatch/logGroup:LogGroup" || strings.HasPrefix(typ, "aws:s3/bucket")
	}
	seen := map[string]bool{}
	for name, file := range everyStackFile(t) {
		forceDestroy := strings.Contains(file.Config["meething:accessLogs"], `"forceDestroy":true`)
		for _, r := range synthPlan(t, file).Resources {
			if holdsLogs(r.Type) && !(forceDestroy && strings.HasPrefix(r.Type, "aws:s3/")) {
				seen[r.Type] = true
				assert.True(t, adoption.KeptLogs[r.Type], "%s: %s holds logs and is not in KeptLogs", name, r.Type)
				assert.True(t, r.RetainOnDelete, "%s: %s holds logs and is not retained on delete", name, r.URN)
			}
		}
	}
	assert.Equal(t, slices.Sorted(maps.Keys(adoption.KeptLogs)), slices.Sorted(maps.Keys(seen)), "KeptLogs lists what the plans hold")

	forced := withConfig(t, synthStackFile(t, "prod"), map[string]any{"meething:accessLogs": map[string]any{"enabled": true, "forceDestroy": true}})
	buckets := 0
	for _, r := range synthPlan(t, forced).Resources {
		if strings.HasPrefix(r.Type, "aws:s3/bucket") {
			buckets++
			assert.False(t, r.RetainOnDelete, "forceDestroy: %s goes with its logs", r.URN)
		}
		if r.Type == "aws:cloudwatch/logGroup:LogGroup" {
			assert.True(t, r.RetainOnDelete, "forceDestroy is the bucket's alone: %s", r.URN)
		}
	}
	assert.NotZero(t, buckets)
}
