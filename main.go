// Command meething is the Pulumi program for the public edge of the Meething
// service on AWS: network, certificate, load balancer and DNS, wired into one
// stack. Under the Pulumi engine (`pulumi up`) it runs the program; see the
// README for the commands. `meething synth` (go run . synth) runs the same
// program offline against a mock of AWS and prints the plan; see synth.go.
package main

import (
	"os"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

func main() {
	if len(os.Args) > 1 && os.Args[1] == "synth" {
		os.Exit(runSynth(os.Args[2:], os.Stdout, os.Stderr))
	}
	pulumi.Run(program)
}
