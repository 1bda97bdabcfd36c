// Command preview-guard fails when a `pulumi preview --json` (on stdin) would
// replace or delete the hosted zone, the certificate or the load balancer.
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
	accept := flag.Bool("accept", false, "report destructive steps without failing")
	flag.Parse()

	findings, err := previewguard.Check(os.Stdin)
	if err != nil {
		fmt.Fprintln(os.Stderr, "preview-guard:", err)
		os.Exit(2)
	}
	if len(findings) == 0 {
		fmt.Println("preview-guard: the zone, the certificate and the load balancer are neither replaced nor deleted")
		return
	}
	fmt.Println("preview-guard: this preview would replace or delete what users rely on:")
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
