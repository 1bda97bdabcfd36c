#!/usr/bin/env bash
# Builds the Pulumi CLI of the SDK's version from tools/pulumi-cli (once: about
# 5 minutes cold on 2 cores) into a cache outside the tree, keyed by version,
# and prints the root the Automation API wants (ROOT/bin/pulumi).
set -euo pipefail
cd "$(dirname "$0")/.."
version=$(go list -m -f '{{.Version}}' github.com/pulumi/pulumi/sdk/v3)
root="${MEETHING_CACHE:-${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/meething}/pulumi-$version"
if [ -x "$root/bin/pulumi" ] && [ "$("$root/bin/pulumi" version 2>/dev/null)" = "$version" ]; then
  echo "$root"
  exit 0
fi
mkdir -p "$root/bin"
(cd tools/pulumi-cli && go build -trimpath \
  -ldflags "-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$version" \
  -o "$root/bin/pulumi.tmp" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi) >&2
mv "$root/bin/pulumi.tmp" "$root/bin/pulumi"
echo "$root"
