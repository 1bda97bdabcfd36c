package commands

import (
	"crypto/x509"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/meething/edge/internal/verify"
	vt "github.com/meething/edge/internal/verify/verifytest"
)

// TestLoadRootsKeepsIntermediatesApart: a --ca-file's root is trusted and
// its intermediate only known, so a server that sends its certificate
// without the intermediate fails as an incomplete chain.
func TestLoadRootsKeepsIntermediatesApart(t *testing.T) {
	root := vt.NewCA(t)
	inter := root.Intermediate(t, "meething test intermediate")
	file := filepath.Join(t.TempDir(), "ca.pem")
	if err := os.WriteFile(file, append(append([]byte{}, root.PEM...), inter.PEM...), 0o644); err != nil {
		t.Fatal(err)
	}
	roots, intermediates, err := loadRoots(file)
	if err != nil {
		t.Fatal(err)
	}
	parse := func(der []byte) *x509.Certificate {
		c, err := x509.ParseCertificate(der)
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	leaf := parse(inter.Issue(t, 90*24*time.Hour, "api.meething.test").Certificate[0])
	tests := []struct {
		name  string
		certs []*x509.Certificate
		want  string
	}{
		{"leaf and intermediate", []*x509.Certificate{leaf, inter.Cert}, ""},
		{"leaf alone", []*x509.Certificate{leaf}, "the server sent no intermediate certificate: the chain to a trusted root is incomplete"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := verify.CheckCertificate(tt.certs, "api.meething.test", roots, intermediates, time.Now(), 30)
			switch {
			case tt.want == "" && err != nil:
				t.Errorf("want a pass, got %v", err)
			case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
				t.Errorf("got %v, want %q", err, tt.want)
			}
		})
	}
}

func TestLoadRootsRefusesAFileWithoutCertificates(t *testing.T) {
	file := filepath.Join(t.TempDir(), "ca.pem")
	if err := os.WriteFile(file, []byte("not a certificate\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, _, err := loadRoots(file); err == nil || !strings.Contains(err.Error(), "holds no PEM certificate") {
		t.Errorf("got %v, want a file that holds no PEM certificate", err)
	}
}
