package commands

import (
	"flag"
	"fmt"
	"io"
	"maps"
	"regexp"
	"slices"
	"strings"

	"github.com/meething/edge/internal/iampolicy"
	"github.com/meething/edge/internal/synth"
)

const policyUsage = `usage: meething policy --stack NAME --role deploy|preview [--account ID]
                      [--zone-id ZONE=ID ...] [--state-bucket NAME] [--kms-key ARN]
                      [--dir DIR]

Prints the IAM policy document of a stack's role, derived from the stack's
plan (synth, offline): for every resource type the plan holds, the actions
the Terraform AWS provider calls for it (internal/iampolicy), scoped to the
stack's region and account, to the stack's Project and Stack tags where the
service authorizes on them, and, for records, to the stack's own domain;
in a zone the stack writes into but does not own (a parent zone), to the
names and types it writes there. preview gets the read actions and the
program's look-ups only; deploy gets the writes too. The bootstrap program
(bootstrap/) gives its roles the same policies.

--zone-id gives the hosted zone ID of a zone the stack looks up by name and
writes into (dev: --zone-id meething.net=Z...): required for each, for
the deploy role; one for a zone the stack does not write into is refused.
--state-bucket and --kms-key add the state backend and the secrets key: an
S3 bucket name and a KMS key's ARN (never a wildcard).

Exit status: 0 with the policy on stdout, 2 for a usage error (a missing
or unused --zone-id included), 1 when the stack's program fails or a resource type
has no entry in the table.

`

// Policy is `meething policy ARGS`; it returns the process's exit code.
func Policy(program Program, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("policy", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	stackName := fs.String("stack", "", "the stack whose Pulumi.<stack>.yaml to read (required)")
	role := fs.String("role", "", "deploy or preview (required)")
	account := fs.String("account", "", "the AWS account ID the ARNs name (default: any)")
	bucket := fs.String("state-bucket", "", "the state bucket's name")
	kmsKey := fs.String("kms-key", "", "the ARN of the KMS key of the stacks' secrets")
	dir := fs.String("dir", ".", "the directory holding Pulumi.yaml and the stack files")
	zones := zoneIDs{}
	fs.Var(zones, "zone-id", "ZONE=ID: the hosted zone ID of a zone the stack writes into but does not own (repeatable)")
	rest, code, done := parseArgs(fs, args, policyUsage, stderr)
	if done {
		return code
	}
	switch {
	case len(rest) > 0:
		return usageError(stderr, "policy", "unexpected argument %q (see meething policy --help)", rest[0])
	case *stackName == "":
		return usageError(stderr, "policy", "--stack is required")
	case *role != string(iampolicy.Deploy) && *role != string(iampolicy.Preview):
		return usageError(stderr, "policy", "--role %q: want deploy or preview", *role)
	case *account != "" && !accountPattern.MatchString(*account):
		return usageError(stderr, "policy", "--account %q: an AWS account ID is 12 digits", *account)
	case *bucket != "" && !bucketPattern.MatchString(*bucket):
		return usageError(stderr, "policy", "--state-bucket %q: an S3 bucket name is 3 to 63 lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit", *bucket)
	case *kmsKey != "" && !kmsKeyPattern.MatchString(*kmsKey):
		return usageError(stderr, "policy", "--kms-key %q: want a KMS key's ARN (arn:aws:kms:<region>:<account>:key/<id>)", *kmsKey)
	}

	config, err := loadStack(*dir, *stackName)
	if err != nil {
		return usageError(stderr, "policy", "%v", err)
	}
	plan, err := synth.Run(config, program(config.Keys()))
	if err != nil {
		fmt.Fprintf(stderr, "error: %v\n", err)
		return ExitProgram
	}
	needs, err := iampolicy.NeedsOf(plan, config.Config["aws:region"])
	if err != nil {
		fmt.Fprintf(stderr, "error: %v\n", err)
		return ExitProgram
	}
	written := map[string]bool{}
	for _, z := range needs.Foreign {
		written[z.Zone] = true
		if *role == string(iampolicy.Deploy) && z.ID == "" && zones[z.Zone] == "" {
			return usageError(stderr, "policy", "stack %s writes records into zone %s, which it does not own: give its hosted zone ID with --zone-id %s=Z...", *stackName, z.Zone, z.Zone)
		}
	}
	for _, name := range slices.Sorted(maps.Keys(zones)) {
		if !written[name] {
			return usageError(stderr, "policy", "--zone-id %s=%s: stack %s writes into no zone %s it does not own", name, zones[name], *stackName, name)
		}
	}
	doc, err := iampolicy.Build(needs, iampolicy.Role(*role), iampolicy.Env{
		Account: *account, ZoneIDs: zones, StateBucket: *bucket, KMSKeyARN: *kmsKey})
	if err != nil {
		fmt.Fprintf(stderr, "error: %v\n", err)
		return ExitProgram
	}
	if err := doc.Write(stdout); err != nil {
		fmt.Fprintf(stderr, "error: writing the policy: %v\n", err)
		return ExitProgram
	}
	return ExitOK
}

var (
	accountPattern = regexp.MustCompile(`^[0-9]{12}$`)
	zoneIDPattern  = regexp.MustCompile(`^Z[A-Z0-9]{1,31}$`)
	// bucketPattern is S3's general purpose bucket naming rule, which
	// also keeps a wildcard (every bucket) out of the state statements:
	// https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html
	bucketPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$`)
	// kmsKeyPattern is a KMS key's ARN (a key ID, or mrk- for a
	// multi-Region key), never a wildcard:
	// https://docs.aws.amazon.com/kms/latest/developerguide/concepts.html#key-id-key-ARN
	kmsKeyPattern = regexp.MustCompile(`^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/(mrk-)?[0-9a-f-]{32,36}$`)
)

// zoneIDs is the repeatable --zone-id ZONE=ID.
type zoneIDs map[string]string

func (z zoneIDs) String() string { return fmt.Sprint(map[string]string(z)) }

func (z zoneIDs) Set(v string) error {
	name, id, ok := strings.Cut(v, "=")
	name = strings.TrimSuffix(strings.ToLower(name), ".")
	if !ok || name == "" || !zoneIDPattern.MatchString(id) {
		return fmt.Errorf("%q: want ZONE=ID, such as meething.net=Z0123456789ABC", v)
	}
	z[name] = id
	return nil
}
