package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/meething/edge/internal/awsmock"
	"github.com/meething/edge/internal/iampolicy"
	"github.com/meething/edge/internal/synth"
)

// policyEnv is an account for the policies of the tests: each foreign zone
// gets an ID of its own.
func policyEnv(n iampolicy.Needs) iampolicy.Env {
	ids := map[string]string{}
	for _, z := range n.Foreign {
		if z.Zone != "" {
			ids[z.Zone] = zoneIDOf(z.Zone)
		}
	}
	return iampolicy.Env{Account: "111122223333", ZoneIDs: ids, StateBucket: "meething-state-1a2b3c4",
		KMSKeyARN: "arn:aws:kms:ap-northeast-2:111122223333:key/0123abcd-0123-0123-0123-0123456789ab"}
}

func zoneIDOf(name string) string { return "Z" + strings.ToUpper(strings.ReplaceAll(name, ".", "X")) }

// needsOf synthesizes a stack file and reads its needs.
func needsOf(t *testing.T, key string) (iampolicy.Needs, *synth.Plan) {
	t.Helper()
	s := everyStackFile(t)[key]
	plan := synthPlan(t, s)
	n, err := iampolicy.NeedsOf(plan, s.Config["aws:region"])
	require.NoError(t, err)
	return n, plan
}

// recordRequest is the change of the records (name, type) in zone.
func recordRequest(zone string, records ...[2]string) iampolicy.Request {
	ctx := map[string][]string{iampolicy.KeyActions: {"UPSERT"}}
	for _, r := range records {
		ctx[iampolicy.KeyRecordNames] = append(ctx[iampolicy.KeyRecordNames], iampolicy.NormalizeRecordName(r[0]))
		ctx[iampolicy.KeyRecordTypes] = append(ctx[iampolicy.KeyRecordTypes], r[1])
	}
	return iampolicy.Request{Action: "route53:ChangeResourceRecordSets", Resource: "arn:aws:route53:::hostedzone/" + zone, Context: ctx}
}

// zoneIDInAccount is the ID a plan's zone has in policyEnv's account: the
// plan's own zone and a zone the config gives by ID keep theirs; a foreign
// zone looked up by name (the mock's awsmock.DeclaredZoneID) gets its own.
func zoneIDInAccount(n iampolicy.Needs, planZone string) string {
	for _, z := range n.Foreign {
		if z.Zone != "" && awsmock.DeclaredZoneID(z.Zone) == planZone {
			return zoneIDOf(z.Zone)
		}
	}
	return planZone
}

// TestPolicyOfEveryStack builds both roles' policies of every stack file
// and example: every resource type of its plan has an entry (Build names
// the one that has not), the preview role holds no write, the deploy role
// may write every record the plan writes, and the deploy policy fits in
// the managed policies a role takes (Split, MaxManagedPerRole).
func TestPolicyOfEveryStack(t *testing.T) {
	for key := range everyStackFile(t) {
		t.Run(key, func(t *testing.T) {
			n, plan := needsOf(t, key)
			env := policyEnv(n)
			deploy, err := iampolicy.Build(n, iampolicy.Deploy, env)
			require.NoError(t, err)
			preview, err := iampolicy.Build(n, iampolicy.Preview, env)
			require.NoError(t, err)
			for _, a := range preview.Actions() {
				if iampolicy.IsWrite(a) {
					t.Errorf("the preview policy holds the write %s", a)
				}
			}
			parts, err := deploy.Split(iampolicy.MaxManagedSize)
			require.NoError(t, err)
			require.LessOrEqual(t, len(parts), iampolicy.MaxManagedPerRole, "the deploy policy of %s needs more managed policies than a role takes", key)
			for _, r := range plan.OfType("aws:route53/record:Record") {
				zone, name := r.Inputs["zoneId"].(string), strings.TrimSuffix(r.Inputs["name"].(string), ".")
				req := recordRequest(zoneIDInAccount(n, zone), [2]string{name, r.Inputs["type"].(string)})
				got, err := iampolicy.Evaluate(req, deploy)
				require.NoError(t, err)
				if got != iampolicy.Allowed {
					t.Errorf("the deploy role may not write the plan's record %s %s: %v", name, r.Inputs["type"], got)
				}
				if got, _ := iampolicy.Evaluate(req, preview); got == iampolicy.Allowed {
					t.Errorf("the preview role may write %s", name)
				}
			}
		})
	}
}

// TestDevRoleCannotChangeWhatMeethingNetServes evaluates dev's deploy
// policy against every record prod's plan writes into meething.net, and
// more: none is allowed; only dev's delegation and owner records are.
func TestDevRoleCannotChangeWhatMeethingNetServes(t *testing.T) {
	dev, _ := needsOf(t, "dev")
	policy, err := iampolicy.Build(dev, iampolicy.Deploy, policyEnv(dev))
	require.NoError(t, err)
	parent := zoneIDOf("meething.net")
	_, prodPlan := needsOf(t, "prod")
	refused := [][2]string{{"meething.net", "NS"}, {"meething.net", "MX"}, {"www.meething.net", "CNAME"},
		{"dev.meething.net", "A"}, {"api.dev.meething.net", "A"}, {"*.dev.meething.net", "A"}, {"_meething-prod-owner.meething.net", "TXT"},
		{"_meething-dev-owner.meething.net", "NS"}}
	for _, r := range prodPlan.OfType("aws:route53/record:Record") {
		refused = append(refused, [2]string{r.Inputs["name"].(string), r.Inputs["type"].(string)})
	}
	for _, r := range refused {
		got, err := iampolicy.Evaluate(recordRequest(parent, r), policy)
		require.NoError(t, err)
		if got == iampolicy.Allowed {
			t.Errorf("dev's deploy role may change %s %s in meething.net", r[0], r[1])
		}
	}
	for _, r := range [][2]string{{"dev.meething.net", "NS"}, {"_meething-dev-owner.meething.net", "TXT"}} {
		got, err := iampolicy.Evaluate(recordRequest(parent, r), policy)
		require.NoError(t, err)
		require.Equal(t, iampolicy.Allowed, got, "dev's deploy role may not write %s %s in meething.net", r[0], r[1])
	}
	for _, a := range []string{"route53:DeleteHostedZone", "route53:ChangeTagsForResource", "route53:CreateQueryLoggingConfig"} {
		got, _ := iampolicy.Evaluate(iampolicy.Request{Action: a, Resource: "arn:aws:route53:::hostedzone/" + parent}, policy)
		require.NotEqual(t, iampolicy.Allowed, got, "dev's deploy role may %s on meething.net", a)
	}
}

// TestGoldenBootstrapNeeds keeps bootstrap/stacks/<stack>.json, the needs
// of each stack file that the bootstrap program builds the roles from (it
// cannot import the program), equal to what the plans say.
func TestGoldenBootstrapNeeds(t *testing.T) {
	update := os.Getenv("UPDATE_GOLDEN") == "1"
	files, _ := filepath.Glob(filepath.Join("bootstrap", "stacks", "*.json"))
	want := map[string]bool{}
	for _, stack := range synthStackNames(t) {
		path := filepath.Join("bootstrap", "stacks", stack+".json")
		want[path] = true
		n, _ := needsOf(t, stack)
		got, err := json.MarshalIndent(n, "", "  ")
		require.NoError(t, err)
		checkGolden(t, "the needs of stack "+stack, path, string(got)+"\n", update)
	}
	for _, f := range files {
		if !want[f] {
			if update {
				require.NoError(t, os.Remove(f))
				continue
			}
			t.Errorf("%s has no stack file: run UPDATE_GOLDEN=1 go test . -run Golden", f)
		}
	}
}

func TestPolicyCommand(t *testing.T) {
	policy := func(args ...string) (int, string, string) {
		var stdout, stderr strings.Builder
		code := run(append([]string{"policy"}, args...), false, &stdout, &stderr)
		return code, stdout.String(), stderr.String()
	}
	dir := copyFiles(t, t.TempDir(), projectFiles(".", "dev"))
	code, out, errOut := policy("--stack", "dev", "--role", "deploy", "--dir", dir)
	require.Equal(t, 2, code, errOut)
	require.Empty(t, out)
	require.Contains(t, errOut, "--zone-id meething.net=")

	code, out, errOut = policy("--stack", "dev", "--role", "deploy", "--dir", dir, "--zone-id", "meething.net=Z0PARENT", "--account", "111122223333")
	require.Equal(t, 0, code, errOut)
	var doc iampolicy.Document
	require.NoError(t, json.Unmarshal([]byte(out), &doc))
	got, err := iampolicy.Evaluate(recordRequest("Z0PARENT", [2]string{"www.meething.net", "A"}), doc)
	require.NoError(t, err)
	require.NotEqual(t, iampolicy.Allowed, got)
	got, _ = iampolicy.Evaluate(recordRequest("Z0PARENT", [2]string{"dev.meething.net", "NS"}), doc)
	require.Equal(t, iampolicy.Allowed, got)

	code, out, errOut = policy("--stack", "dev", "--role", "deploy", "--dir", dir, "--zone-id", "meething.net=Z0PARENT",
		"--state-bucket", "meething-pulumi-state", "--kms-key", "arn:aws:kms:ap-northeast-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab")
	require.Equal(t, 0, code, errOut)
	require.Contains(t, out, "arn:aws:s3:::meething-pulumi-state/*")

	code, out, _ = policy("--stack", "dev", "--role", "preview", "--dir", dir)
	require.Equal(t, 0, code)
	require.NoError(t, json.Unmarshal([]byte(out), &doc))
	require.False(t, slices.ContainsFunc(doc.Actions(), iampolicy.IsWrite))

	deploy := []string{"--stack", "dev", "--role", "deploy", "--dir", dir, "--zone-id", "meething.net=Z0PARENT"}
	for _, c := range []struct {
		args []string
		want string // the flag and value the error names
	}{
		{[]string{"--stack", "dev", "--role", "admin", "--dir", dir}, `--role "admin"`},
		{[]string{"--role", "deploy", "--dir", dir}, "--stack is required"},
		{[]string{"--stack", "nosuch", "--role", "preview", "--dir", dir}, "nosuch"},
		{[]string{"--stack", "dev", "--role", "preview", "--dir", dir, "--zone-id", "meething.net"}, `"meething.net": want ZONE=ID`},
		{[]string{"--stack", "dev", "--role", "preview", "--dir", dir, "--account", "12"}, `--account "12"`},
		{append(slices.Clone(deploy), "--state-bucket", "*"), `--state-bucket "*"`},
		{append(slices.Clone(deploy), "--kms-key", "*"), `--kms-key "*"`},
		{append(slices.Clone(deploy), "--zone-id", "meething.org=Z0OTHER"), "--zone-id meething.org=Z0OTHER: stack dev writes into no zone meething.org"},
	} {
		code, out, errOut := policy(c.args...)
		require.Equal(t, 2, code, fmt.Sprint(c.args, errOut))
		require.Empty(t, out)
		require.True(t, strings.HasPrefix(errOut, "meething policy: "), errOut)
		require.Contains(t, errOut, c.want)
	}
}
