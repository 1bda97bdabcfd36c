#!/usr/bin/env bash
# Measures what the program costs to build, against a minimal program that
# imports the same Pulumi SDK packages and does nothing (the difference is the
# program's own cost, the rest is the SDK's), and against the same minimal
# program without wafv2 (the difference is what WAF support costs).
#
#   scripts/build-cost.sh              cold and warm builds of both (~5 min)
#   scripts/build-cost.sh --warm-only  only warm builds, with your GOCACHE
#                                      (it adds the program's own packages)
#
# Cold: `go build` with a fresh, empty GOCACHE made with mktemp -d (your own
# cache is never read or written) and deleted right after; it compiles every
# dependency, takes about 2 minutes and 3 GB of disk per program. Warm: the
# same build again with that cache filled: nothing left to compile but the
# link, about what an edit-and-rebuild costs. Peak RSS is that of the
# largest single process of the build (go, compile or link), from
# /usr/bin/time -v. The module cache must already hold the dependencies
# (GOPROXY=off): nothing is downloaded.
set -euo pipefail
cd "$(dirname "$0")/.."

cold=1
case "${1:-}" in
  "") ;;
  --warm-only) cold=0 ;;
  *) echo "usage: $0 [--warm-only]" >&2; exit 2 ;;
esac
if [[ ! -x /usr/bin/time ]]; then
  echo "$0 needs GNU time at /usr/bin/time (apt-get install time)" >&2
  exit 1
fi

work=$(mktemp -d)
caches=()
cleanup() {
  rm -rf "$work"
  if ((${#caches[@]})); then rm -rf "${caches[@]}"; fi
}
trap cleanup EXIT

# A snapshot of the program, so edits made while it builds cannot break or
# skew the measurement.
program=$work/program
mkdir -p "$program"
tar -C . --exclude=./.git --exclude=./.pulumi --exclude=./bin --exclude=./meething -cf - . | tar -C "$program" -xf -

# The minimal programs: same go.mod and go.sum, so the same versions. One
# imports every SDK package the program imports, found with go list; the
# other the same but wafv2, whose size is notorious, to show what WAF costs.
sdk_packages=$(go list -f '{{join .Imports "\n"}}' ./... | grep -E '^github.com/pulumi/pulumi-aws/sdk/v6/go/aws(/|$)' | sort -u)
minimal_program() {
  local dir=$1
  shift
  mkdir -p "$dir"
  sed 's|^module .*|module buildcost/minimal|' go.mod >"$dir/go.mod"
  cp go.sum "$dir/go.sum"
  {
    echo 'package main'
    echo
    echo 'import ('
    for p in "$@"; do echo "	_ \"$p\""; done
    echo '	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"'
    echo ')'
    echo
    echo 'func main() { pulumi.Run(func(*pulumi.Context) error { return nil }) }'
  } >"$dir/main.go"
}
minimal=$work/minimal
# shellcheck disable=SC2086 # one package per word
minimal_program "$minimal" $sdk_packages
nowaf=$work/minimal-no-waf
# shellcheck disable=SC2086
minimal_program "$nowaf" $(grep -v '/wafv2$' <<<"$sdk_packages")
echo "SDK packages the program imports:" $sdk_packages >&2

rows=()

# build LABEL DIR GOCACHE: one timed `go build`, appended to rows.
build() {
  local label=$1 dir=$2 cache=$3 log=$work/time.log bin=$work/bin
  echo "building $label ..." >&2
  rm -f "$bin" # else go build finds it up to date and skips the link
  if ! (cd "$dir" && GOCACHE=$cache GOPROXY=off /usr/bin/time -v -o "$log" go build -o "$bin" .) >&2; then
    echo "build of $label failed" >&2
    exit 1
  fi
  local secs rss size
  secs=$(awk -F': ' '/Elapsed \(wall clock\)/ {
    n = split($2, p, ":"); s = 0
    for (i = 1; i <= n; i++) s = s * 60 + p[i]
    printf "%.1f", s }' "$log")
  rss=$(awk -F': ' '/Maximum resident set size/ { printf "%d", $2 / 1024 }' "$log")
  size=$(($(stat -c %s "$bin") / 1024 / 1024))
  local used="-"
  if [[ $label == *cold* ]]; then used="$(du -sm "$cache" | cut -f1) MB"; fi
  rows+=("$(printf '%-20s %9s s %8s MB %8s MB %10s' "$label" "$secs" "$rss" "$size" "$used")")
}

# measure NAME DIR: cold then warm, or warm only with the user's cache.
measure() {
  local name=$1 dir=$2
  if ((cold)); then
    local cache
    cache=$(mktemp -d)
    caches+=("$cache")
    build "$name cold" "$dir" "$cache"
    build "$name warm" "$dir" "$cache"
    rm -rf "$cache"
  else
    local cache
    cache=$(go env GOCACHE)
    build "$name warm" "$dir" "$cache" # fills what is missing
    build "$name warm" "$dir" "$cache"
    unset 'rows[${#rows[@]}-2]'
    rows=("${rows[@]}")
  fi
}

measure program "$program"
measure minimal "$minimal"
measure minimal-no-waf "$nowaf"

printf '%-20s %11s %11s %11s %10s\n' build time "peak RSS" binary "new cache"
printf '%s\n' "${rows[@]}"
