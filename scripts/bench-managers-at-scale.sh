#!/usr/bin/env bash
# Several managers at scale (org.basket.coordination.ScaleBenchmark): a real 3-server ZooKeeper ensemble, one simulated
# world process (HOSTS hosts with VMS VMs each already running, 20 ms per call) and MANAGERS managers, each a JVM of its
# own (the real ClusterManager with the ZooKeeper coordination and shared state, its sim driver on the world), all on
# free loopback ports and stopped by PID. Prints each manager's adoption, steady state (CPU share, heap after GC, loop
# turns, driver events), the same during a churn of VM crashes, crash -> restart issued (the world's record of when
# each call reached it), a host crash -> every restart issued, and the machine load.
#
#   scripts/bench-managers-at-scale.sh                     1,000 hosts, 10 VMs each, 3 managers, 30 s steady, 20 crashes/s
#   scripts/bench-managers-at-scale.sh 10000 10 1 30 20     hosts, VMs per host, managers, steady s, VM crashes/s
#
# Options as system properties in JAVA_OPTS: -Dbench.latency.ms=20, -Dbench.manager.<key>=<value> (a manager setting,
# e.g. -Dbench.manager.poll.threads=64), -Dbench.manager.heap=-Xmx3g (each manager JVM's heap limit).
# Builds the coordination module's test classes first unless BENCH_BUILD=0 (needs api, core and drivers/sim installed).
set -euo pipefail
cd "$(dirname "$0")/.."
module=bundles/coordination
if [ "${BENCH_BUILD:-1}" != 0 ]; then
  flock /tmp/mvn.lock mvn -B -q -pl "$module" test-compile
fi
# a copy of the classes and jars: a build that installs them again meanwhile must not change them under the JVMs
lib=$module/target/scale-bench-lib
rm -rf "$lib" && mkdir -p "$lib/jars"
cp -r "$module/target/classes" "$module/target/test-classes" "$lib/"
tr ':' '\n' < "$module/target/test.classpath" | xargs -I{} cp {} "$lib/jars/"
java -Xmx256m ${JAVA_OPTS:-} -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -Dbasket.coordination.work="$module/target/scale-bench" \
  -cp "$lib/classes:$lib/test-classes:$(ls "$lib"/jars/*.jar | paste -sd:)" \
  org.basket.coordination.ScaleBenchmark "$@"
rm -rf "$module/target/scale-bench" "$lib"
