#!/usr/bin/env bash
# Measures a manager failover (org.basket.coordination.FailoverBenchmark): a real 3-server ZooKeeper ensemble and
# three managers, each a process of its own on loopback ports; the leader is killed (kill -9) RUNS times, and each
# time the time to the new leader's election and to its first moment allowed to act (lease waited out) is taken.
#
#   scripts/bench-coordination.sh                 20 runs, session timeout 4000 ms, lease 1500 ms (the defaults)
#   scripts/bench-coordination.sh 20 2000 1000    20 runs, session timeout 2000 ms, lease 1000 ms
#
# Builds the coordination module (Maven, online) unless BENCH_BUILD=0; the classpath is the one its tests use.
set -euo pipefail
cd "$(dirname "$0")/.."
module=bundles/coordination
if [ "${BENCH_BUILD:-1}" != 0 ]; then
  flock /tmp/mvn.lock mvn -B -q install -pl "$module" -am -DskipTests
fi
exec java -Xmx256m -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -Dbasket.coordination.work="$module/target/zk-bench" \
  -cp "$module/target/classes:$module/target/test-classes:$(cat "$module/target/test.classpath")" \
  org.basket.coordination.FailoverBenchmark "$@"
