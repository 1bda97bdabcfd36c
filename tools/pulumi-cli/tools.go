//go:build tools

// Package tools pins the Pulumi CLI the engine tests run
// (scripts/engine-cli.sh builds it): pkg/v3 at the SDK's version, in a
// module of its own so that the program's go.mod and build cost do not
// change.
package tools

import _ "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi"
