#!/usr/bin/env bash
# The simulated world (Basket's SIMULATED datacenter, not a real hypervisor) as a process of its own, on
# 127.0.0.1, for demos and tests: any number of managers share it with `world = 127.0.0.1:PORT` in their
# etc/org.basket.driver-sim.cfg, and it outlives a manager's crash. Their sim:* commands act on it.
#
#   sim-world.sh start [--port 7001] [--latency-ms 20]   starts it and waits until it listens
#   sim-world.sh stop                                     stops it (by its PID)
#   sim-world.sh status                                   running (PID, address) or not (exit 3)
#
# State in $BASKET_SIM_WORLD_DIR (default target/sim-world): world.pid, world.address, world.log.
# Needs the built jars: mvn -B -q install -pl drivers/sim -am -DskipTests
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
DIR=${BASKET_SIM_WORLD_DIR:-$ROOT/target/sim-world}
PID_FILE=$DIR/world.pid
MAIN=org.basket.driver.sim.world.WorldMain

fail() { echo "sim-world: $*" >&2; exit 1; }

# the PID of the running world, if the PID file names a live WorldMain (not a PID reused since)
running_pid() {
  [[ -f $PID_FILE ]] || return 1
  local pid
  pid=$(cat "$PID_FILE")
  [[ $pid =~ ^[0-9]+$ ]] && [[ -r /proc/$pid/cmdline ]] && tr '\0' ' ' < "/proc/$pid/cmdline" | grep -q "$MAIN" \
    && echo "$pid"
}

jar() {
  local found
  found=$(ls "$ROOT"/$1/target/$2-*.jar 2>/dev/null | grep -v -e sources -e tests | head -n 1 || true)
  [[ -n $found ]] || fail "no $1/target/$2-*.jar: build it first (mvn -B -q install -pl drivers/sim -am -DskipTests)"
  echo "$found"
}

start() {
  local port=7001 latency=20
  while (($#)); do
    case $1 in
      --port) port=${2:?--port needs a value}; shift 2 ;;
      --latency-ms) latency=${2:?--latency-ms needs a value}; shift 2 ;;
      *) fail "unknown option $1 (start [--port N] [--latency-ms N])" ;;
    esac
  done
  if pid=$(running_pid); then
    fail "already running: PID $pid, $(cat "$DIR/world.address")"
  fi
  mkdir -p "$DIR"
  local classpath
  classpath=$(jar drivers/sim basket-driver-sim):$(jar bundles/api basket-api)
  rm -f "$DIR/world.address"
  java -Xmx128m -cp "$classpath" "$MAIN" --port "$port" --latency-ms "$latency" > "$DIR/world.log" 2>&1 &
  echo $! > "$PID_FILE"
  for _ in $(seq 100); do
    if grep -q '^world listening on ' "$DIR/world.log"; then
      sed -n 's/^world listening on //p' "$DIR/world.log" | head -n 1 > "$DIR/world.address"
      echo "simulated world running: PID $(cat "$PID_FILE"), $(cat "$DIR/world.address") (log $DIR/world.log)"
      return
    fi
    running_pid > /dev/null || break
    sleep 0.1
  done
  running_pid > /dev/null && kill "$(cat "$PID_FILE")"
  rm -f "$PID_FILE"
  fail "the world did not start: $(tail -n 5 "$DIR/world.log")"
}

stop() {
  local pid
  if ! pid=$(running_pid); then
    rm -f "$PID_FILE" "$DIR/world.address"
    echo "simulated world not running"
    return
  fi
  kill "$pid"
  for _ in $(seq 50); do
    [[ -e /proc/$pid ]] || break
    sleep 0.1
  done
  [[ -e /proc/$pid ]] && kill -9 "$pid"
  rm -f "$PID_FILE" "$DIR/world.address"
  echo "simulated world stopped (PID $pid)"
}

status() {
  local pid
  if pid=$(running_pid); then
    echo "simulated world running: PID $pid, $(cat "$DIR/world.address")"
  else
    echo "simulated world not running"
    exit 3
  fi
}

case ${1:-} in
  start) shift; start "$@" ;;
  stop) stop ;;
  status) status ;;
  *) echo "usage: $0 start [--port N] [--latency-ms N] | stop | status" >&2; exit 2 ;;
esac
