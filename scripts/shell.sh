#!/usr/bin/env bash
# Opens the ha: shell of a Basket started with 'scripts/demo.sh --background', or runs one command:
#   scripts/shell.sh                 interactive
#   scripts/shell.sh ha:status       one command
set -euo pipefail
cd "$(dirname "$0")/.."
client=target/basket/bin/client
if [[ $# -eq 0 ]]; then
  exec "$client" -u basket -p basket -r 30 -d 1
fi
printf '%s\n' "$*" | "$client" -u basket -p basket -r 30 -d 1 -b
