// Command meething is the Pulumi program for the public edge of the Meething
// service on AWS: network, certificate, load balancer and DNS, wired into one
// stack. Under the Pulumi engine (`pulumi up`) it runs the program; see the
// README for the commands.
package main

import "github.com/pulumi/pulumi/sdk/v3/go/pulumi"

func main() {
	pulumi.Run(program)
}
