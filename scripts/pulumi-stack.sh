#!/usr/bin/env bash
# Runs a pulumi command against one stack, with the checks a newcomer needs:
#   scripts/pulumi-stack.sh preview|up|destroy dev|prod
# Without PULUMI_BACKEND_URL the state lives in .pulumi/ inside the repository
# (ignored by git), so no Pulumi account is needed.
#
# The CLI runs on a private copy of the project files, never on the committed
# ones: pulumi stack select --create (and a preview of a stack whose file holds
# no encryptionsalt) writes a fresh random salt into the stack file of a
# passphrase stack. The copy lives in .pulumi/projects/<backend>/ (ignored by
# git), one per backend, and keeps the salt its backend's stack got, unless the
# committed file carries the stack's own secrets settings (encryptionsalt, or
# secretsprovider and encryptedkey: what secrets set with pulumi config set
# --secret need), which then win.
set -euo pipefail
cd "$(dirname "$0")/.."

cmd=${1:?usage: $0 preview|up|destroy STACK}
stack=${2:?usage: $0 preview|up|destroy STACK}
case "$cmd" in
  preview | up | destroy) ;;
  *) echo "unknown command $cmd: use preview, up or destroy" >&2; exit 2 ;;
esac

if [[ ! -f "Pulumi.$stack.yaml" ]]; then
  echo "No Pulumi.$stack.yaml: the stacks here are $(ls Pulumi.*.yaml | sed 's/Pulumi\.\(.*\)\.yaml/\1/' | tr '\n' ' ')" >&2
  exit 2
fi
# The CLI of the program's SDK version (go.mod), as the tests and the
# workflows use: the one scripts/engine-cli.sh built (make engine-cli), else
# the installed one if it is that version.
sdk=""
if [[ -f go.mod ]]; then
  sdk=$(awk '$1 == "github.com/pulumi/pulumi/sdk/v3" { print $2 }' go.mod)
fi
if [[ -n "$sdk" ]]; then
  built="${MEETHING_CACHE:-${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/meething}/pulumi-$sdk/bin"
  if [[ -x "$built/pulumi" ]]; then
    export PATH="$built:$PATH"
  elif command -v pulumi >/dev/null 2>&1 && [[ "$(pulumi version 2>/dev/null)" != "$sdk" ]]; then
    echo "pulumi $(pulumi version 2>/dev/null) is installed, but the program's SDK is $sdk (go.mod), the CLI the tests and the workflows use: run make engine-cli (builds it into $built, about 5 minutes), or install it: curl -fsSL https://get.pulumi.com | sh -s -- --version ${sdk#v}" >&2
    exit 1
  fi
fi
if ! command -v pulumi >/dev/null 2>&1; then
  echo "pulumi is not installed: curl -fsSL https://get.pulumi.com | sh (see https://www.pulumi.com/docs/install/), then run this again." >&2
  exit 1
fi
if [[ -z "${AWS_ACCESS_KEY_ID:-}${AWS_PROFILE:-}${AWS_WEB_IDENTITY_TOKEN_FILE:-}${AWS_CONTAINER_CREDENTIALS_FULL_URI:-}" && ! -f "${AWS_SHARED_CREDENTIALS_FILE:-$HOME/.aws/credentials}" && ! -f "${AWS_CONFIG_FILE:-$HOME/.aws/config}" ]]; then
  echo "No AWS credentials: set AWS_PROFILE (or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY), or run 'aws configure'. Without an account, 'make synth STACK=$stack' shows the plan offline." >&2
  exit 1
fi

if [[ -z "${PULUMI_BACKEND_URL:-}" ]]; then
  mkdir -p .pulumi
  export PULUMI_BACKEND_URL="file://$PWD/.pulumi"
fi
# A self-managed backend (file, s3, ...) encrypts the stack's secrets with a
# passphrase; Pulumi Cloud (https://) keeps its own keys. Never an empty one.
if [[ "$PULUMI_BACKEND_URL" != https://* && -z "${PULUMI_CONFIG_PASSPHRASE:-}" && -z "${PULUMI_CONFIG_PASSPHRASE_FILE:-}" ]]; then
  echo "Set PULUMI_CONFIG_PASSPHRASE (or PULUMI_CONFIG_PASSPHRASE_FILE): the $PULUMI_BACKEND_URL backend encrypts stack $stack's secrets with it, and an empty one protects nothing." >&2
  exit 1
fi

# The private copy: Pulumi.yaml with main pointing back at the program, and
# the committed stack file plus the secrets lines the copy kept, if the
# committed file has none.
work=".pulumi/projects/$(printf '%s' "$PULUMI_BACKEND_URL" | tr -c 'A-Za-z0-9._-' '_')"
mkdir -p "$work"
secrets_lines='^(encryptionsalt|secretsprovider|encryptedkey):'
kept=""
if ! grep -Eq "$secrets_lines" "Pulumi.$stack.yaml" && [[ -f "$work/Pulumi.$stack.yaml" ]]; then
  kept=$(grep -E "$secrets_lines" "$work/Pulumi.$stack.yaml" || true)
fi
{ echo "main: ../../.."; cat Pulumi.yaml; } >"$work/Pulumi.yaml"
{ awk 1 "Pulumi.$stack.yaml"; if [[ -n "$kept" ]]; then echo "$kept"; fi; } >"$work/Pulumi.$stack.yaml.tmp"
mv "$work/Pulumi.$stack.yaml.tmp" "$work/Pulumi.$stack.yaml"
cd "$work"

pulumi stack select --create "$stack" >/dev/null
case "$cmd" in
  preview) exec pulumi preview --stack "$stack" --diff ;;
  up) exec pulumi up --stack "$stack" ;;
  destroy) exec pulumi destroy --stack "$stack" ;;
esac
