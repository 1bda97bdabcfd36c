package integration

import (
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// Environment variables the test reads.
const (
	envDomain = "MEETHING_IT_DOMAIN"
	envRegion = "MEETHING_IT_REGION"

	defaultRegion = "ap-northeast-2"
)

// Time budget of one run. Cancelling `pulumi up` or `pulumi destroy` midway
// (the Automation API interrupts the CLI and kills it 10 s later) can leave
// resources that no state records, so each limit is generous, and the test
// refuses to start unless all of them fit before the test binary's deadline.
const (
	upTimeout      = 45 * time.Minute // first build of the program, provider download, ACM validation, ALB
	checkTimeout   = 10 * time.Minute // DNS, ALB nodes and rules settling
	destroyTimeout = 30 * time.Minute // the ALB and its network interfaces go slowly
	requiredTime   = upTimeout + checkTimeout + destroyTimeout + 5*time.Minute
)

// settings are what the environment asks of a run.
type settings struct {
	// zone is MEETHING_IT_DOMAIN: an existing public hosted zone.
	zone string
	// region is MEETHING_IT_REGION or the default.
	region string
}

// requireSettings reads the environment and skips the test, naming every
// missing variable, unless a real deployment was asked for.
func requireSettings(t *testing.T) settings {
	t.Helper()
	if testing.Short() {
		t.Skip("skipped under -short: TestEdgeEndToEnd deploys real AWS resources")
	}
	var missing []string
	accessKey := os.Getenv("AWS_ACCESS_KEY_ID") != ""
	switch {
	case os.Getenv("AWS_PROFILE") != "", os.Getenv("AWS_WEB_IDENTITY_TOKEN_FILE") != "":
	case accessKey && os.Getenv("AWS_SECRET_ACCESS_KEY") == "":
		missing = append(missing, "AWS_SECRET_ACCESS_KEY (AWS_ACCESS_KEY_ID is set without it)")
	case accessKey:
	default:
		missing = append(missing, "AWS credentials (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, AWS_PROFILE or AWS_WEB_IDENTITY_TOKEN_FILE)")
	}
	zone := strings.TrimSuffix(strings.ToLower(strings.TrimSpace(os.Getenv(envDomain))), ".")
	if zone == "" {
		missing = append(missing, envDomain+" (a domain whose public Route53 hosted zone exists in that account)")
	}
	if len(missing) > 0 {
		t.Skipf("TestEdgeEndToEnd deploys a real stack to AWS; to run it set %s; optionally %s (default %s)",
			strings.Join(missing, " and "), envRegion, defaultRegion)
	}
	region := strings.TrimSpace(os.Getenv(envRegion))
	if region == "" {
		region = defaultRegion
	}
	return settings{zone: zone, region: region}
}

// requireTools fails the test, before anything is created, when the run could
// not finish: no pulumi CLI, or a test deadline that would kill the binary
// before it destroys the stack.
func requireTools(t *testing.T) {
	t.Helper()
	if deadline, ok := t.Deadline(); ok && time.Until(deadline) < requiredTime {
		t.Fatalf("TestEdgeEndToEnd needs up to %v to deploy, check and destroy, but the test deadline is in %v; "+
			"run it with -timeout %dm (or -timeout 0): a timed-out test binary exits without destroying the stack",
			requiredTime, time.Until(deadline).Round(time.Second), int(requiredTime.Minutes()))
	}
	if _, err := exec.LookPath("pulumi"); err != nil {
		t.Fatalf("the pulumi CLI is not on PATH (%v): install it, see https://www.pulumi.com/docs/install/", err)
	}
}
