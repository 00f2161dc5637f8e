#!/bin/sh
# A stand-in for systemctl's command line (is-active, start, stop, restart UNIT) over state files
# beside this script: units/<unit> holds active, inactive or failed. A unit with a units/<unit>.broken
# file fails to start. It implements the command contract only; it is not systemd.
units="$(dirname "$0")/units"
verb="$1"
unit="$2"
mkdir -p "$units"
state() { cat "$units/$unit" 2>/dev/null || echo inactive; }
case "$verb" in
  is-active)
    state
    [ "$(state)" = active ] ;;
  start|restart)
    if [ -e "$units/$unit.broken" ]; then
      echo failed > "$units/$unit"
      echo "Job for $unit failed because the control process exited with error code." >&2
      exit 1
    fi
    echo active > "$units/$unit" ;;
  stop)
    echo inactive > "$units/$unit" ;;
  *)
    echo "Unknown command verb $verb." >&2
    exit 1 ;;
esac
