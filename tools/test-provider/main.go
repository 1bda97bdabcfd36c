// Command test-provider is the pulumi-resource-aws plugin of the engine
// tests: it serves internal/testprovider over the provider protocol, as a
// plugin does (the port on stdout, then gRPC until the engine is done). The
// account file is named by MEETHING_TEST_ACCOUNT. Not for real AWS.
package main

import (
	"fmt"
	"os"

	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"

	"github.com/meething/edge/internal/testprovider"
)

func main() {
	account := os.Getenv(testprovider.AccountEnv)
	if account == "" {
		fmt.Fprintf(os.Stderr, "pulumi-resource-aws (test provider): %s is not set\n", testprovider.AccountEnv)
		os.Exit(2)
	}
	handle, err := rpcutil.ServeWithOptions(rpcutil.ServeOptions{
		Init: func(srv *grpc.Server) error {
			pulumirpc.RegisterResourceProviderServer(srv, testprovider.New(account))
			return nil
		},
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, "pulumi-resource-aws (test provider):", err)
		os.Exit(1)
	}
	fmt.Println(handle.Port)
	if err := <-handle.Done; err != nil {
		fmt.Fprintln(os.Stderr, "pulumi-resource-aws (test provider):", err)
		os.Exit(1)
	}
}
