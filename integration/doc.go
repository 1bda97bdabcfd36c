// Package integration tests the deployed edge end to end. TestEdgeEndToEnd
// deploys the program at the repository root to a throwaway stack with the
// Pulumi Automation API, checks what a user of the services sees, and destroys
// the stack again:
//
//   - http://<service>.<domain>/<path> answers 301 to the same host and path
//     over HTTPS;
//   - every service host completes a TLS handshake with a certificate that
//     covers it and is valid 30 more days;
//   - a host no rule matches gets the listener's fixed 404;
//   - a service with no registered targets answers the load balancer's 503.
//
// The checks are meething verify's (internal/verify), run one at a time.
//
// The test creates real, billed AWS resources (a VPC, an ALB, an ACM
// certificate, Route53 records) for about 15 to 30 minutes, so it runs only
// when asked to. It needs:
//
//	AWS credentials     AWS_ACCESS_KEY_ID with AWS_SECRET_ACCESS_KEY, AWS_PROFILE
//	                    or AWS_WEB_IDENTITY_TOKEN_FILE
//	MEETHING_IT_DOMAIN  a domain whose public Route53 hosted zone already exists
//	                    in the account and is delegated; the run deploys
//	                    <run-id>.<MEETHING_IT_DOMAIN> into that zone
//
// and optionally:
//
//	MEETHING_IT_REGION        AWS region, default ap-northeast-2
//	PULUMI_BACKEND_URL        state backend, default a file backend in a
//	                          temporary directory
//	PULUMI_CONFIG_PASSPHRASE  passphrase of the file backend, default empty
//
// It also needs the pulumi CLI on PATH and a test timeout long enough to
// destroy what it created (a timed-out test binary exits without cleaning up):
//
//	go test ./integration/ -run TestEdgeEndToEnd -v -timeout 90m
//
// Without the environment, and under -short, the test skips, so
// `go test ./...` stays offline. Everything but this file is a _test.go file,
// so only the test binary, never `go build ./...`, compiles the Automation API.
package integration
