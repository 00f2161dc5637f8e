#!/bin/sh
# How long after a watched service dies the manager has the agent's STATE_CHANGE, per check interval
# (DetectionBenchmark in agent/runtime's test scope: in-process agent, real manager channel, a real
# python3 http.server killed at a random moment and restarted by the manager's command).
#
#   scripts/bench-agent-detection.sh [KILLS [INTERVAL_MS ...]]     (defaults 20; 500 1000 2000 5000)
set -eu
cd "$(dirname "$0")/.."
module=agent/runtime
if [ "${BENCH_BUILD:-1}" != 0 ]; then
  flock /tmp/mvn.lock mvn -B -q install dependency:build-classpath -pl $module -am -DskipTests \
    -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath >/dev/null
fi
java -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "$module/target/classes:$module/target/test-classes:$(cat "$module/target/bench.classpath")" \
  org.basket.agent.runtime.DetectionBenchmark "$@"
