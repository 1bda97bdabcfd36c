#!/usr/bin/env bash
# Measures what users wait for, one fresh process per run: the built binary's
# `synth --json` of dev and of dev with 100 generated services (the ALB's rule
# quota, as BenchmarkSynth generates them), `--help` (process start alone),
# and `diff --stack dev --base BASE` against a ref already seen (a warm-up run
# builds the ref's program into the cache first). Prints the median, min and
# max wall time of RUNS runs of each, from hyperfine (apt-get install
# hyperfine).
#   scripts/bench-process.sh            (or: make bench-process)
#   RUNS=21 BASE=origin/main BIN=/path/to/meething scripts/bench-process.sh
set -euo pipefail
cd "$(dirname "$0")/.."

runs=${RUNS:-15}
base=${BASE:-HEAD}
command -v hyperfine >/dev/null || { echo "$0: needs hyperfine (apt-get install hyperfine)" >&2; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
bin=${BIN:-}
if [ -z "$bin" ]; then
  go build -o "$tmp/meething" .
  bin=$tmp/meething
fi

# A project directory with dev's stack file and bench100: dev with its
# services replaced by svc000..svc099, priorities 1..100.
mkdir "$tmp/project"
cp Pulumi.yaml Pulumi.dev.yaml "$tmp/project/"
{
  awk '/^  meething:services:/ {skip=1; next} skip && /^    / {next} {skip=0; print}' Pulumi.dev.yaml
  echo "  meething:services:"
  for i in $(seq 0 99); do
    printf '    - name: svc%03d\n      priority: %d\n' "$i" $((i + 1))
  done
} > "$tmp/project/Pulumi.bench100.yaml"

"$bin" synth --json --stack bench100 --dir "$tmp/project" > /dev/null
"$bin" diff --stack dev --base "$base" > /dev/null || [ $? -eq 3 ]

hyperfine --style none --shell none --warmup 2 --runs "$runs" --ignore-failure \
  --export-json "$tmp/results.json" \
  -n 'help' "$bin --help" \
  -n 'synth --json dev' "$bin synth --json --stack dev --dir $tmp/project" \
  -n 'synth --json 100 services' "$bin synth --json --stack bench100 --dir $tmp/project" \
  -n "diff --stack dev --base $base (seen)" "$bin diff --stack dev --base $base" > /dev/null

echo "whole process, $runs runs each (hyperfine; ms)"
jq -r '.results[] | [.command, (.median * 1000), (.min * 1000), (.max * 1000)] |
  "\(.[0] | . + " " * (36 - length)) median \(.[1] * 10 | round / 10) ms  (min \(.[2] * 10 | round / 10), max \(.[3] * 10 | round / 10))"' \
  "$tmp/results.json"
