// Package motoserver starts moto_server (moto 5.2.1, the AWS API emulator
// installed on every machine of the project) for a test, on a free loopback
// port, and stops it when the test ends: Start returns the endpoint to point
// an AWS SDK client at (BaseEndpoint), Config an aws.Config with static test
// credentials aimed at it, and Reset empties the emulator between cases.
// Without the binary the test is skipped with a message saying how to get
// it, unless MEETHING_REQUIRE_MOTO=1, when it fails.
package motoserver

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
)

// Binary is the emulator's command, looked up on PATH.
const Binary = "moto_server"

// Install says how a machine without the emulator gets it.
const Install = "pip install 'moto[server]==5.2.1'"

// Start runs moto_server on 127.0.0.1 and a free port until t ends, and
// returns its endpoint, e.g. "http://127.0.0.1:40123". With -short (make
// quick) the test skips: seeding the emulator takes most of a package's
// time; make unit and make test run them.
func Start(t testing.TB) string {
	t.Helper()
	if testing.Short() {
		t.Skip("-short (make quick): the tests against moto run in make unit")
	}
	path, err := exec.LookPath(Binary)
	if err != nil {
		msg := fmt.Sprintf("%s is not on PATH (%s); these tests run against it", Binary, Install)
		if os.Getenv("MEETHING_REQUIRE_MOTO") == "1" {
			t.Fatalf("%s, and MEETHING_REQUIRE_MOTO=1", msg)
		}
		t.Skip(msg)
	}
	var lastErr error
	for try := 0; try < 3; try++ {
		endpoint, err := start(t, path)
		if err == nil {
			return endpoint
		}
		lastErr = err
	}
	t.Fatalf("starting %s: %v", Binary, lastErr)
	return ""
}

// start starts one server on a port that was free a moment ago and waits
// for it to answer; another process may take the port meanwhile, hence the
// retries in Start.
func start(t testing.TB, path string) (string, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()

	cmd := exec.Command(path, "-H", "127.0.0.1", "-p", strconv.Itoa(port))
	var log strings.Builder
	cmd.Stdout, cmd.Stderr = &log, &log
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		return "", err
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	stop := func() {
		_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGTERM)
		select {
		case <-exited:
		case <-time.After(5 * time.Second):
			_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
			<-exited
		}
	}
	endpoint := fmt.Sprintf("http://127.0.0.1:%d", port)
	deadline := time.Now().Add(30 * time.Second)
	for {
		select {
		case err := <-exited:
			return "", fmt.Errorf("%s exited: %v: %s", Binary, err, log.String())
		default:
		}
		resp, err := http.Get(endpoint + "/moto-api/")
		if err == nil {
			resp.Body.Close()
			t.Cleanup(stop)
			return endpoint, nil
		}
		if time.Now().After(deadline) {
			stop()
			return "", fmt.Errorf("%s did not answer on %s within 30 s: %s", Binary, endpoint, log.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// Reset empties every service of the emulator at endpoint (moto's
// /moto-api/reset), so that cases sharing one server start alike.
func Reset(t testing.TB, endpoint string) {
	t.Helper()
	resp, err := http.Post(endpoint+"/moto-api/reset", "application/json", nil)
	if err != nil {
		t.Fatalf("resetting moto: %v", err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("resetting moto: %s", resp.Status)
	}
}

// Config is an aws.Config for region aimed at endpoint with static test
// credentials (moto checks no signature).
func Config(endpoint, region string) aws.Config {
	return aws.Config{
		Region:       region,
		BaseEndpoint: aws.String(endpoint),
		Credentials:  credentials.NewStaticCredentialsProvider("testing", "testing", ""),
	}
}

// Env sets the standard AWS variables for t so that a program under test
// that loads its configuration the usual way (config.LoadDefaultConfig)
// reaches endpoint with test credentials and no shared config files.
func Env(t *testing.T, endpoint string) {
	t.Setenv("AWS_ENDPOINT_URL", endpoint)
	t.Setenv("AWS_ACCESS_KEY_ID", "testing")
	t.Setenv("AWS_SECRET_ACCESS_KEY", "testing")
	t.Setenv("AWS_SESSION_TOKEN", "")
	t.Setenv("AWS_PROFILE", "")
	t.Setenv("AWS_CONFIG_FILE", os.DevNull)
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", os.DevNull)
	t.Setenv("AWS_EC2_METADATA_DISABLED", "true")
}

// Context bounds a seeding or reading step of a test.
func Context(t testing.TB) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	t.Cleanup(cancel)
	return ctx
}
