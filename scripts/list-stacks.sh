#!/usr/bin/env bash
# Prints the repository's stacks, one per Pulumi.<stack>.yaml, as a GitHub
# Actions output line: environments=["dev","prod"]. --except NAME leaves
# one out (the deploy workflow runs prod last, on its own).
set -euo pipefail
cd "$(dirname "$0")/.."

except=""
if [[ "${1:-}" == "--except" ]]; then
  except=${2:?usage: $0 [--except STACK]}
fi
list=""
for file in Pulumi.*.yaml; do
  stack=${file#Pulumi.}
  stack=${stack%.yaml}
  [[ "$stack" == "$except" ]] && continue
  list+="${list:+,}\"$stack\""
done
echo "environments=[$list]"
