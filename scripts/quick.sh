#!/usr/bin/env bash
# The edit-test loop (make quick): the offline tests, in -short mode, of the
# packages whose files changed since a git ref (HEAD: the working tree's
# changes, untracked files too) and of every package that imports them,
# tests included:
#   scripts/quick.sh [--list] [REF]
# (--list prints the packages instead of testing them.)
# A changed file outside any package (docs/, a stack file, testdata/) counts
# for the package of the nearest folder above it that has one (the root
# package for docs/ and the stack files). go test's cache answers for what
# did not change. make test runs everything before a push.
set -euo pipefail
cd "$(dirname "$0")/.."
list=""
if [[ "${1:-}" == "--list" ]]; then
  list=1
  shift
fi
ref=${1:-HEAD}

changed=$({ git diff --name-only "$ref" --; git ls-files --others --exclude-standard; } | sort -u)
if [[ -z "$changed" ]]; then
  echo "make quick: nothing changed since $ref"
  exit 0
fi

module=$(go list -m)
# Every folder holding a package of the module, as a path from the root.
dirs=$(go list -f '{{.Dir}}' ./... | sed "s|^$PWD/\{0,1\}||")
declare -A hit=()
while IFS= read -r file; do
  dir=$(dirname "$file")
  while :; do
    [[ "$dir" == "." ]] && break
    if grep -qxF "$dir" <<<"$dirs"; then break; fi
    dir=$(dirname "$dir")
  done
  if [[ "$dir" == "." ]]; then hit[$module]=1; else hit[$module/$dir]=1; fi
done <<<"$changed"

# The packages whose code or tests depend on a changed one.
pkgs=$(go list -test -f '{{.ImportPath}} {{join .Deps " "}}' ./... | awk -v changed="${!hit[*]}" '
  BEGIN { n = split(changed, c, " "); for (i = 1; i <= n; i++) want[c[i]] = 1 }
  {
    pkg = $1; sub(/\.test$/, "", pkg); sub(/_test$/, "", pkg)
    if (pkg in want) { print pkg; next }
    for (i = 2; i <= NF; i++) if ($i in want) { print pkg; next }
  }' | sort -u)

if [[ -n "$list" ]]; then
  echo "$pkgs"
  exit 0
fi
echo "make quick: changed since $ref: ${!hit[*]}" | sed "s|$module/||g; s|$module|. (root)|g"
echo "make quick: testing $(wc -w <<<"$pkgs") package(s)"
# shellcheck disable=SC2086 # a list of packages
MEETHING_SKIP_ENGINE=1 go test -short $pkgs
