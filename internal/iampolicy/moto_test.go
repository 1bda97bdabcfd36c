package iampolicy

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/aws/aws-sdk-go-v2/credentials"
	elbv2 "github.com/aws/aws-sdk-go-v2/service/elasticloadbalancingv2"
	"github.com/aws/aws-sdk-go-v2/service/route53"
	"github.com/aws/smithy-go"

	"github.com/meething/edge/internal/motoserver"
)

// moto is one moto_server with IAM enforced after a number of setup
// calls, spoken to with signed requests (the module has no IAM or S3 SDK).
type moto struct {
	t        *testing.T
	endpoint string
}

// signed sends a request signed for service with creds and returns the
// status and body.
func (m moto) signed(creds aws.Credentials, service, method, path string, body []byte, header http.Header) (int, string) {
	m.t.Helper()
	req, err := http.NewRequest(method, m.endpoint+path, bytes.NewReader(body))
	if err != nil {
		m.t.Fatal(err)
	}
	for k, v := range header {
		req.Header[k] = v
	}
	sum := sha256.Sum256(body)
	hash := hex.EncodeToString(sum[:])
	req.Header.Set("X-Amz-Content-Sha256", hash)
	if err := v4.NewSigner().SignHTTP(context.Background(), creds, req, hash, service, "us-east-1", time.Now()); err != nil {
		m.t.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		m.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

var admin = aws.Credentials{AccessKeyID: "testing", SecretAccessKey: "testing"}

// iam calls an IAM query action as the setup's administrator.
func (m moto) iam(action string, params url.Values) string {
	m.t.Helper()
	params.Set("Action", action)
	params.Set("Version", "2010-05-08")
	code, body := m.signed(admin, "iam", http.MethodPost, "/", []byte(params.Encode()),
		http.Header{"Content-Type": {"application/x-www-form-urlencoded"}})
	if code != http.StatusOK {
		m.t.Fatalf("iam %s: %d %s", action, code, body)
	}
	return body
}

func xmlField(body, field string) string {
	if m := regexp.MustCompile("<" + field + ">([^<]*)</" + field + ">").FindStringSubmatch(body); m != nil {
		return m[1]
	}
	return ""
}

// user creates an IAM user with doc as its one managed policy and returns
// its credentials (4 calls).
func (m moto) user(name string, doc Document) aws.Credentials {
	m.t.Helper()
	b, err := doc.JSON()
	if err != nil {
		m.t.Fatal(err)
	}
	m.iam("CreateUser", url.Values{"UserName": {name}})
	arn := xmlField(m.iam("CreatePolicy", url.Values{"PolicyName": {name}, "PolicyDocument": {string(b)}}), "Arn")
	m.iam("AttachUserPolicy", url.Values{"UserName": {name}, "PolicyArn": {arn}})
	key := m.iam("CreateAccessKey", url.Values{"UserName": {name}})
	return aws.Credentials{AccessKeyID: xmlField(key, "AccessKeyId"), SecretAccessKey: xmlField(key, "SecretAccessKey")}
}

func (m moto) s3(creds aws.Credentials, method, path string, body []byte) int {
	m.t.Helper()
	code, _ := m.signed(creds, "s3", method, path, body, nil)
	return code
}

func denied(err error) bool {
	var api smithy.APIError
	return errors.As(err, &api) && (api.ErrorCode() == "AccessDenied" || strings.Contains(api.ErrorMessage(), "not authorized"))
}

// TestMotoEnforcesThePolicies runs the preview policy (and the deploy
// role's state access) as IAM users of moto_server with IAM enforced
// (moto's INITIAL_NO_AUTH_ACTION_COUNT, set through /moto-api/reset-auth).
// moto checks a call's action against the Action of each statement, the
// Resource only for S3 (bucket and key ARNs; other services present "*"),
// and ignores conditions whose keys it does not fill (it fills none for
// these services): so only what it evaluates honestly is asserted here,
// the actions a preview role may and may not call, and the state bucket's
// resource scoping. Tag and Route 53 conditions are the evaluator's tests.
func TestMotoEnforcesThePolicies(t *testing.T) {
	endpoint := motoserver.Start(t)
	m := moto{t, endpoint}
	const setupCalls = 4 + 4 + 3 + 1 // two users, two buckets and an object, a zone
	resp, err := http.Post(endpoint+"/moto-api/reset-auth", "text/plain", strings.NewReader(fmt.Sprint(setupCalls)))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()

	e := Env{Account: "123456789012", ZoneIDs: map[string]string{"example.net": "ZPARENT"}, StateBucket: "edge-state"}
	preview, err := Build(delegated(), Preview, e)
	if err != nil {
		t.Fatal(err)
	}
	previewUser := m.user("preview", preview)
	deployUser := m.user("deploy", StatePolicy(Deploy, e))
	for _, bucket := range []string{"edge-state", "other-bucket"} {
		if code := m.s3(admin, http.MethodPut, "/"+bucket, nil); code != http.StatusOK {
			t.Fatalf("creating bucket %s: %d", bucket, code)
		}
	}
	state := "/edge-state/.pulumi/stacks/edge/dev.json"
	if code := m.s3(admin, http.MethodPut, state, []byte(`{}`)); code != http.StatusOK {
		t.Fatalf("writing the state: %d", code)
	}
	ctx := motoserver.Context(t)
	cfg := func(c aws.Credentials) aws.Config {
		return aws.Config{Region: "us-east-1", BaseEndpoint: aws.String(endpoint),
			Credentials: credentials.NewStaticCredentialsProvider(c.AccessKeyID, c.SecretAccessKey, "")}
	}
	zone, err := route53.NewFromConfig(cfg(admin)).CreateHostedZone(ctx, &route53.CreateHostedZoneInput{
		Name: aws.String("example.net"), CallerReference: aws.String("moto")})
	if err != nil {
		t.Fatal(err)
	}
	// From here on every call is authenticated and authorized.

	lb := elbv2.NewFromConfig(cfg(previewUser))
	if _, err := lb.DescribeLoadBalancers(ctx, &elbv2.DescribeLoadBalancersInput{}); err != nil {
		t.Errorf("preview may not DescribeLoadBalancers: %v", err)
	}
	if _, err := lb.CreateLoadBalancer(ctx, &elbv2.CreateLoadBalancerInput{Name: aws.String("x")}); !denied(err) {
		t.Errorf("preview CreateLoadBalancer: %v, want AccessDenied", err)
	}
	// Route 53 through signed requests of its own: moto rejects the
	// SDK's signature of its REST calls once authentication is on.
	zoneID := strings.TrimPrefix(*zone.HostedZone.Id, "/hostedzone/")
	if code, body := m.signed(previewUser, "route53", http.MethodGet, "/2013-04-01/hostedzone/"+zoneID+"/rrset", nil, nil); code != http.StatusOK {
		t.Errorf("preview may not ListResourceRecordSets: %d %s", code, body)
	}
	change := `<?xml version="1.0" encoding="UTF-8"?><ChangeResourceRecordSetsRequest xmlns="https://route53.amazonaws.com/doc/2013-04-01/">` +
		`<ChangeBatch><Changes><Change><Action>UPSERT</Action><ResourceRecordSet><Name>www.example.net</Name><Type>A</Type><TTL>60</TTL>` +
		`<ResourceRecords><ResourceRecord><Value>192.0.2.1</Value></ResourceRecord></ResourceRecords></ResourceRecordSet></Change></Changes></ChangeBatch></ChangeResourceRecordSetsRequest>`
	if code, body := m.signed(previewUser, "route53", http.MethodPost, "/2013-04-01/hostedzone/"+zoneID+"/rrset", []byte(change), nil); code != http.StatusForbidden || !strings.Contains(body, "AccessDenied") {
		t.Errorf("preview ChangeResourceRecordSets: %d %s, want 403 AccessDenied", code, body)
	}
	create := `<?xml version="1.0" encoding="UTF-8"?><CreateHostedZoneRequest xmlns="https://route53.amazonaws.com/doc/2013-04-01/">` +
		`<Name>x.example.net</Name><CallerReference>p</CallerReference></CreateHostedZoneRequest>`
	if code, body := m.signed(previewUser, "route53", http.MethodPost, "/2013-04-01/hostedzone", []byte(create), nil); code != http.StatusForbidden || !strings.Contains(body, "AccessDenied") {
		t.Errorf("preview CreateHostedZone: %d %s, want 403 AccessDenied", code, body)
	}

	for _, c := range []struct {
		who          string
		creds        aws.Credentials
		method, path string
		want         int
	}{
		{"preview", previewUser, http.MethodGet, state, http.StatusOK},
		{"preview", previewUser, http.MethodPut, state, http.StatusForbidden},
		{"deploy", deployUser, http.MethodGet, state, http.StatusOK},
		{"deploy", deployUser, http.MethodPut, state, http.StatusOK},
		{"deploy", deployUser, http.MethodPut, "/other-bucket/x.json", http.StatusForbidden},
		{"deploy", deployUser, http.MethodGet, "/other-bucket/x.json", http.StatusForbidden},
	} {
		var body []byte
		if c.method == http.MethodPut {
			body = []byte(`{}`)
		}
		if got := m.s3(c.creds, c.method, c.path, body); got != c.want {
			t.Errorf("%s %s %s: %d, want %d", c.who, c.method, c.path, got, c.want)
		}
	}
}
