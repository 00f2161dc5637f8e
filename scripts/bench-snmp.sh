#!/usr/bin/env bash
# Measures the SNMP interface (org.basket.northbound.snmp.SnmpBenchmark) on 127.0.0.1 against net-snmp's tools:
# what hearing an event costs the manager's event thread while one inform target never answers, how soon a real
# snmptrapd has every trap, and snmpwalk/snmpbulkwalk over the where table.
#
#   scripts/bench-snmp.sh              2,000 events, 1,000 resources
#   scripts/bench-snmp.sh 10000 5000   10,000 events, 5,000 resources
#
# Compiles the module's test classes (Maven) unless BENCH_BUILD=0; needs snmptrapd, snmp and erlang-snmp
# (scripts/prerequisites.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
module=bundles/northbound-snmp
if [ "${BENCH_BUILD:-1}" != 0 ]; then
  (cd "$module" && mvn -B -q test-compile dependency:build-classpath -Dmdep.includeScope=test \
      -Dmdep.outputFile=target/bench.classpath >/dev/null)
fi
cd "$module"
exec java ${JAVA_OPTS:--Xmx512m} -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "target/classes:target/test-classes:$(cat target/bench.classpath)" \
  org.basket.northbound.snmp.SnmpBenchmark "$@"
