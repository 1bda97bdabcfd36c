#!/usr/bin/env bash
# Writes the offline diff of every stack (meething diff --stack S --base REF)
# as Markdown to OUT, and prints GitHub Actions outputs: prod-breaking=true
# when prod's diff replaces, deletes or moves something users rely on.
#   scripts/offline-diff.sh REF OUT
set -euo pipefail
cd "$(dirname "$0")/.."

ref=${1:?usage: $0 GITREF OUT}
out=${2:?usage: $0 GITREF OUT}
go build -o /tmp/meething-diff .

prod_breaking=false
{
  echo "### Offline diff against \`$ref\`"
  echo
  echo "What each stack's deployment would do, from \`meething diff --stack S --base $ref\` (no cloud credentials; see the README)."
  for file in Pulumi.*.yaml; do
    stack=${file#Pulumi.}
    stack=${stack%.yaml}
    set +e
    diff=$(/tmp/meething-diff diff --stack "$stack" --base "$ref" 2>&1)
    code=$?
    set -e
    case $code in
      0) verdict="nothing users rely on is replaced, deleted or moved" ;;
      3) verdict="**replaces, deletes or moves something users rely on**"
         [[ "$stack" == prod ]] && prod_breaking=true ;;
      *) verdict="**diff failed (exit $code)**" ;;
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
