// Command preview-guard fails when a `pulumi preview --json` (on stdin) would
// replace or delete what users rely on (internal/servingpath: the hosted
// zone, the certificate, the load balancer, its listeners, listener
// rules and target groups, the security groups of the load balancer and of
// its targets, the WAF association, the alias records), or move a live
// name (a record written over one that exists, an alias's target, weight,
// set identifier or health check changed, a weighted record deleted).
//
//	pulumi preview --stack prod --json | go run ./tools/preview-guard
//
// With --accept it only reports them: CI passes it when the pull request
// carries the label that accepts the replacement.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/meething/edge/internal/previewguard"
)

func main() {
	accept := flag.Bool("accept", false, "report the steps without failing")
	flag.Parse()

	findings, err := previewguard.Check(os.Stdin)
	if err != nil {
		fmt.Fprintln(os.Stderr, "preview-guard:", err)
		os.Exit(2)
	}
	if len(findings) == 0 {
		fmt.Println("preview-guard: nothing users rely on is replaced, deleted or moved")
		return
	}
	fmt.Println("preview-guard: this preview would replace, delete or move what users rely on:")
	for _, f := range findings {
		fmt.Println("  -", f)
	}
	if *accept {
		fmt.Println("preview-guard: accepted by the pull request's label")
		return
	}
	fmt.Println("preview-guard: add the label 'accept-replacement' to the pull request if this is intended")
	os.Exit(1)
}
