package iampolicy

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
)

// Role is the kind of role a policy is for.
type Role string

// The roles: deploy runs pulumi up in the stack's GitHub environment;
// preview runs pulumi preview for pull requests and may only read.
const (
	Deploy  Role = "deploy"
	Preview Role = "preview"
)

// Env is what the account adds to a stack's needs: the partition and
// account (default "aws" and "*"), the IDs of the zones the stack looks up
// by name and writes into without owning them, and the state backend the
// workflows use: the bucket's name and the ARN of the KMS key of the
// stacks' secrets (either may be empty: no statement for it then).
type Env struct {
	Partition   string
	Account     string
	ZoneIDs     map[string]string
	StateBucket string
	KMSKeyARN   string
}

// Build returns the policy of a stack's role. Every type of the stack
// must have an entry in Types, and for a deploy role every foreign zone
// looked up by name an ID in env.ZoneIDs: Build names every one that has
// not, all at once.
func Build(n Needs, role Role, env Env) (Document, error) {
	if role != Deploy && role != Preview {
		return Document{}, fmt.Errorf("role %q: want deploy or preview", role)
	}
	if env.Partition == "" {
		env.Partition = "aws"
	}
	if env.Account == "" {
		env.Account = "*"
	}
	var problems []error
	for _, t := range n.Types {
		if _, ok := Types[t]; !ok {
			problems = append(problems, fmt.Errorf("resource type %s of stack %s has no entry in internal/iampolicy's table (Types): add the actions the provider calls for it", t, n.Stack))
		}
	}
	foreignARNs := []string{}
	for _, z := range n.Foreign {
		if role == Preview { // it writes no record anywhere
			break
		}
		id := z.ID
		if id == "" {
			id = env.ZoneIDs[z.Zone]
		}
		if id == "" {
			problems = append(problems, fmt.Errorf("stack %s writes records into zone %s, which it does not own: the zone's hosted zone ID is needed (--zone-id %s=Z...)", n.Stack, z.Zone, z.Zone))
			continue
		}
		foreignARNs = append(foreignARNs, zoneARN(env.Partition, id))
	}
	if err := errors.Join(problems...); err != nil {
		return Document{}, err
	}

	statements := []Statement{{Sid: "Read", Effect: Allow, Action: reads(n), Resource: []string{"*"}}}
	statements = append(statements, stateStatements(role, env)...)
	if role == Deploy {
		statements = append(statements, writeStatements(n, env, foreignARNs)...)
		statements = append(statements, recordStatements(n, env, foreignARNs)...)
	}
	doc := newDocument(statements)
	return doc, doc.CheckSids()
}

// reads are the read actions of every type of the stack, and every look-up.
func reads(n Needs) []string {
	var out []string
	for _, t := range n.Types {
		out = append(out, Types[t].Read...)
	}
	for _, l := range Lookups {
		out = append(out, l.Actions...)
	}
	return out
}

// stateStatements give a role the state backend: deploy reads and writes
// the state and encrypts and decrypts with the key; preview reads the state
// and decrypts (pulumi preview saves nothing: the DIY backend discards the
// snapshot of a preview and takes no lock, pkg/backend/diy/backend.go).
func stateStatements(role Role, env Env) []Statement {
	var out []Statement
	if env.StateBucket != "" {
		bucket := fmt.Sprintf("arn:%s:s3:::%s", env.Partition, env.StateBucket)
		objects := []string{"s3:GetObject"}
		if role == Deploy {
			objects = append(objects, "s3:PutObject", "s3:DeleteObject")
		}
		out = append(out,
			Statement{Sid: "StateBucket", Effect: Allow, Action: []string{"s3:ListBucket", "s3:GetBucketLocation"}, Resource: []string{bucket}},
			Statement{Sid: "StateObjects", Effect: Allow, Action: objects, Resource: []string{bucket + "/*"}})
	}
	if env.KMSKeyARN != "" {
		actions := []string{"kms:Decrypt", "kms:DescribeKey"}
		if role == Deploy {
			actions = append(actions, "kms:Encrypt", "kms:GenerateDataKey")
		}
		out = append(out, Statement{Sid: "SecretsKey", Effect: Allow, Action: actions, Resource: []string{env.KMSKeyARN}})
	}
	return out
}

// writeStatements are the deploy role's writes of every type but records:
// per service, the unscoped writes on the service's ARNs, the creates that
// must carry the stack's tags and the changes to resources that carry them.
// A type with a resource that carries no stack tags is not tag-scoped. The
// zone writes exclude the zones the stack does not own.
func writeStatements(n Needs, env Env, foreignZones []string) []Statement {
	type key struct{ sid, arn string }
	plain := map[key][]string{}
	created := map[string][]string{} // service → actions scoped by aws:RequestTag
	changed := map[string][]string{} // service → actions scoped by aws:ResourceTag
	for _, t := range n.Types {
		e := Types[t]
		service := serviceOf(t)
		scoped := (e.Tagged || e.DeleteTagged) && !slices.Contains(n.Untagged, t)
		arns := []string{e.ARN}
		if from := nameFrom(t); from != "" {
			arns = nil
			for _, name := range n.Names[from] {
				arns = append(arns, strings.ReplaceAll(e.ARN, "{name}", name))
			}
		}
		add := func(actions []string) {
			if len(actions) == 0 {
				return
			}
			for _, a := range arns {
				k := key{"Write" + service, fill(a, n, env)}
				plain[k] = append(plain[k], actions...)
			}
		}
		switch {
		case scoped && e.Tagged:
			created[service] = append(created[service], e.Create...)
			created[service] = append(created[service], e.Tag...)
			changed[service] = append(changed[service], e.Update...)
			changed[service] = append(changed[service], e.Delete...)
			changed[service] = append(changed[service], e.Tag...)
		case scoped: // DeleteTagged
			add(e.Create)
			add(e.Update)
			add(e.Tag)
			changed[service] = append(changed[service], e.Delete...)
		default:
			add(e.Create)
			add(e.Update)
			add(e.Delete)
			add(e.Tag)
		}
	}
	var out []Statement
	seen := map[string]int{} // statement IDs must be unique in a policy
	for _, k := range slices.SortedFunc(maps.Keys(plain), func(a, b key) int { return strings.Compare(a.sid+a.arn, b.sid+b.arn) }) {
		sid := k.sid
		if seen[k.sid]++; seen[k.sid] > 1 {
			sid = fmt.Sprintf("%s%d", k.sid, seen[k.sid])
		}
		s := Statement{Sid: sid, Effect: Allow, Action: plain[k], Resource: []string{k.arn}}
		if strings.HasPrefix(k.arn, "arn:"+env.Partition+":route53:::") {
			// Route 53's zone, query-log and health-check writes, some of
			// which (CreateHostedZone) take no resource: anything but the
			// zones the stack does not own, which only its record
			// statements reach.
			s.Resource = []string{"*"}
			if len(foreignZones) > 0 {
				s.Resource, s.NotResource = nil, foreignZones
			}
		}
		if len(s.Action) > 0 {
			out = append(out, s)
		}
	}
	for _, t := range n.Types {
		if svc := Types[t].LinkedRole; svc != "" {
			out = append(out, Statement{Sid: "ServiceLinkedRole" + serviceOf(t), Effect: Allow,
				Action:    []string{"iam:CreateServiceLinkedRole"},
				Resource:  []string{fill("arn:{partition}:iam::{account}:role/aws-service-role/"+svc+"/*", n, env)},
				Condition: map[string]Condition{"StringEquals": {"iam:AWSServiceName": {svc}}}})
		}
	}
	for _, svc := range slices.Sorted(maps.Keys(created)) {
		out = append(out, Statement{Sid: "Create" + svc + "Tagged", Effect: Allow, Action: created[svc], Resource: []string{"*"},
			Condition: map[string]Condition{"StringEquals": tagCondition("aws:RequestTag", n)}})
	}
	for _, svc := range slices.Sorted(maps.Keys(changed)) {
		out = append(out, Statement{Sid: "Change" + svc + "Tagged", Effect: Allow, Action: changed[svc], Resource: []string{"*"},
			Condition: map[string]Condition{"StringEquals": tagCondition("aws:ResourceTag", n)}})
	}
	return out
}

// tagCondition is the stack's Project and Stack tags (internal/tags.Base)
// under prefix (aws:RequestTag or aws:ResourceTag).
func tagCondition(prefix string, n Needs) Condition {
	return Condition{prefix + "/Project": {n.Project}, prefix + "/Stack": {n.Stack}}
}

// serviceOf is the statement-ID form of a type's module: "Lb" for
// aws:lb/..., "Ec2", "Route53".
func serviceOf(token string) string {
	module, _, _ := strings.Cut(strings.TrimPrefix(token, "aws:"), "/")
	switch module {
	case "":
		return "Other"
	case "vpc": // the security group rules are EC2's
		return "Ec2"
	}
	return strings.ToUpper(module[:1]) + module[1:]
}

func fill(arn string, n Needs, env Env) string {
	return strings.NewReplacer("{partition}", env.Partition, "{region}", n.Region, "{account}", env.Account).Replace(arn)
}

func zoneARN(partition, id string) string {
	return fmt.Sprintf("arn:%s:route53:::hostedzone/%s", partition, strings.TrimPrefix(id, "/hostedzone/"))
}

// writeVerbs are the verbs that begin an action which changes something
// (or, for kms and iam:PassRole, lends the power to).
var writeVerbs = []string{"Create", "Put", "Delete", "Modify", "Update", "Attach", "Detach", "Associate", "Disassociate",
	"Tag", "Untag", "Add", "Remove", "Set", "Change", "Register", "Deregister", "Authorize", "Revoke", "Replace",
	"Request", "Renew", "Enable", "Disable", "Allocate", "Release", "Subscribe", "Unsubscribe", "Pass", "Encrypt",
	"GenerateDataKey", "Import", "Start", "Stop", "Reset", "Restore"}

// IsWrite reports whether an action changes something, by its verb.
func IsWrite(action string) bool {
	_, name, _ := strings.Cut(action, ":")
	for _, v := range writeVerbs {
		if strings.HasPrefix(name, v) {
			return true
		}
	}
	return false
}
