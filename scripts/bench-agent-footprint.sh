#!/bin/sh
# Memory and CPU of an idle agent with 10 monitored services: builds the agent distribution, unpacks
# it to a temporary directory and runs FootprintBenchmark (agent/runtime's test scope), which plays
# the manager and starts the agent as a real process (bin/basket-agent).
#
#   scripts/bench-agent-footprint.sh [SETTLE_SECONDS [MEASURE_SECONDS]]       (defaults 30 and 60)
#   BASKET_AGENT_JAVA_OPTS="" scripts/bench-agent-footprint.sh                 (the JVM's own defaults)
set -eu
cd "$(dirname "$0")/.."
module=agent/runtime
if [ "${BENCH_BUILD:-1}" != 0 ]; then
  flock /tmp/mvn.lock mvn -B -q install dependency:build-classpath -pl karaf-assembly/agent -am -DskipTests \
    -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath >/dev/null
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
tar -xzf karaf-assembly/agent/target/basket-agent-*.tar.gz -C "$work"
java -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "$module/target/classes:$module/target/test-classes:$(cat "$module/target/bench.classpath")" \
  org.basket.agent.runtime.FootprintBenchmark "$(echo "$work"/basket-agent-*)" "${1:-30}" "${2:-60}"
