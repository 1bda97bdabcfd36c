#!/usr/bin/env bash
# Writes the offline diff of every stack (meething diff --stack S --base REF)
# as Markdown to OUT, and prints GitHub Actions outputs: prod-breaking=true
# when prod's diff replaces, deletes or moves something users rely on, or
# when it failed: a diff that could not be made vouches for nothing.
#   scripts/offline-diff.sh REF OUT
# MEETHING_DIFF_BIN names a built program to run instead of building one.
set -euo pipefail
cd "$(dirname "$0")/.."

ref=${1:?usage: $0 GITREF OUT}
out=${2:?usage: $0 GITREF OUT}
bin=${MEETHING_DIFF_BIN:-}
if [[ -z "$bin" ]]; then
  bin=/tmp/meething-diff
  go build -o "$bin" .
fi

prod_breaking=false
{
  echo "### Offline diff against \`$ref\`"
  echo
  echo "What each stack's deployment would do, from \`meething diff --stack S --base $ref\` (no cloud credentials; see the README)."
  for file in Pulumi.*.yaml; do
    stack=${file#Pulumi.}
    stack=${stack%.yaml}
    set +e
    diff=$("$bin" diff --stack "$stack" --base "$ref" 2>&1)
    code=$?
    set -e
    case $code in
      0) verdict="nothing users rely on is replaced, deleted or moved" ;;
      3) verdict="**replaces, deletes or moves something users rely on**"
         [[ "$stack" == prod ]] && prod_breaking=true ;;
      *) verdict="**diff failed (exit $code)**: nothing is vouched for"
         [[ "$stack" == prod ]] && prod_breaking=true ;;
    esac
    echo
    echo "<details><summary><b>$stack</b>: $verdict</summary>"
    echo
    echo '```diff'
    echo "$diff"
    echo '```'
    echo "</details>"
  done
} > "$out"
echo "prod-breaking=$prod_breaking"
