#!/usr/bin/env bash
# Times Basket's scheduler on synthetic clusters (org.basket.scheduler.bench.SchedulerBenchmark).
#
#   scripts/bench-scheduler.sh                          1,000 x 10,000 x 10,000 and 10,000 x 100,000 x 100,000
#   scripts/bench-scheduler.sh 10000 100000 100000      hosts, VMs, guest services (several threes allowed)
#   scripts/bench-scheduler.sh 1000 10000 10000 --cases steady,unclean --runs 10 --warmup 5 --seed 7
#
# Compiles the scheduler module's test classes (Maven, offline) unless BENCH_BUILD=0, then runs the
# benchmark in its own JVM with JAVA_OPTS (default -Xmx1g). Run nothing else on the machine meanwhile.
set -euo pipefail
cd "$(dirname "$0")/.."
module=bundles/scheduler
if [ "${BENCH_BUILD:-1}" != 0 ]; then
  (cd "$module" && mvn -B -q -o test-compile dependency:build-classpath -Dmdep.includeScope=test \
      -Dmdep.outputFile=target/bench.classpath >/dev/null)
fi
exec java ${JAVA_OPTS:--Xmx1g} \
  -cp "$module/target/classes:$module/target/test-classes:$(cat "$module/target/bench.classpath")" \
  "${BENCH_MAIN:-org.basket.scheduler.bench.SchedulerBenchmark}" "$@"
