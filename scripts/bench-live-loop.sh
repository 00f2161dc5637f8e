#!/usr/bin/env bash
# Measures the live control loop at scale (org.basket.core.LiveLoopBenchmark): the real manager on a simulated
# datacenter whose VMs already run, in real time. Adoption, steady state (CPU share, heap after GC), a churn of VM
# crashes, then a host crash (crash -> every restart issued).
#
#   scripts/bench-live-loop.sh                    1,000 hosts, 10 VMs each, 30 s steady, 20 VM crashes/s
#   scripts/bench-live-loop.sh 10000 10 60 20     hosts, VMs per host, steady seconds, VM crashes per second
#
# Options as system properties in JAVA_OPTS: -Dbench.latency.ms=20 (simulated latency per driver call),
# -Dbench.manager.<key>=<value> (a manager setting, e.g. -Dbench.manager.observe.interval.ms=1000),
# -Dbench.services=N (a guest service in each of the first N VMs, watched by the simulated in-guest agents).
# Builds the core module's test classes first unless BENCH_BUILD=0.
set -euo pipefail
cd "$(dirname "$0")/.."
module=bundles/core
if [ "${BENCH_BUILD:-1}" != 0 ]; then
  flock /tmp/mvn.lock mvn -B -q -pl "$module" test-compile dependency:build-classpath -Dmdep.includeScope=test \
      -Dmdep.outputFile=target/bench.classpath
fi
exec java -Xmx6g ${JAVA_OPTS:-} -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "$module/target/classes:$module/target/test-classes:$(cat "$module/target/bench.classpath")" \
  org.basket.core.LiveLoopBenchmark "$@"
