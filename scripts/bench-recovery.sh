#!/usr/bin/env bash
# Measures recovery in real time (org.basket.core.RecoveryBenchmark): the real control loop with its
# default timing and journal, on the simulated hypervisor (20 ms per operation). A VM crash, then a
# host crash, phase by phase.
#
#   scripts/bench-recovery.sh                 4 hosts, 24 VMs, 5 runs
#   scripts/bench-recovery.sh 20 400 3        hosts, VMs, runs
#   BENCH_MAIN=UnansweredAgentBenchmark scripts/bench-recovery.sh [runs]
#                                             an unrelated VM's recovery while an agent never answers
#
# Compiles the core module's test classes (Maven, offline) unless BENCH_BUILD=0.
set -euo pipefail
cd "$(dirname "$0")/.."
module=bundles/core
if [ "${BENCH_BUILD:-1}" != 0 ]; then
  mvn -B -q -o -pl "$module" -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
      -Dmdep.outputFile=target/bench.classpath
fi
exec java ${JAVA_OPTS:--Xmx512m} -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "$module/target/classes:$module/target/test-classes:$(cat "$module/target/bench.classpath")" \
  "org.basket.core.${BENCH_MAIN:-RecoveryBenchmark}" "$@"
