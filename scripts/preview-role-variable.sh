#!/usr/bin/env bash
# Prints the repository variable that holds a stack's preview role ARN, as
# the bootstrap program names it (bootstrap/outputs.go previewVariable):
#   scripts/preview-role-variable.sh staging-eu   # AWS_PREVIEW_ROLE_ARN_STAGING_EU
set -euo pipefail
[ $# -eq 1 ] || { echo "usage: $0 STACK" >&2; exit 2; }
printf 'AWS_PREVIEW_ROLE_ARN_%s\n' "$(printf '%s' "$1" | tr 'a-z' 'A-Z' | tr -c 'A-Z0-9' '_')"
