#!/usr/bin/env bash
# Measures manager failovers on the built distribution (org.basket.itests.managers.ManagerFailoverBenchmark): three
# Basket managers (copies of the distribution, each a process with its own ports), a real 3-server ZooKeeper ensemble
# and one simulated world process, all on free loopback ports and stopped by PID. Timed by the world's record of
# actions, RUNS times each:
#   (a) the leader killed (SIGKILL) during a drain (ha:host-standby) -> the new leader's first action;
#   (b) a host crashed and the leader killed at the same moment -> the first action, and every restart issued.
# Session timeout 2,000 ms, lease 1,000 ms (ManagerCluster). Prints each run and the median, min and max.
#
#   scripts/bench-manager-failover.sh          20 runs of each
#   scripts/bench-manager-failover.sh 5        5 runs of each
#
# Needs the built distribution karaf-assembly/target/basket-*.tar.gz (mvn -B install -DskipTests), or
# BASKET_DISTRIBUTION=path/to/basket.tar.gz. Compiles the itests module (Maven, online) unless BENCH_BUILD=0.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-20}
module=itests
dist=${BASKET_DISTRIBUTION:-$(ls karaf-assembly/target/basket-*.tar.gz 2>/dev/null | head -n 1 || true)}
[[ -n $dist && -f $dist ]] || { echo "no built distribution: run mvn -B install -DskipTests first" >&2; exit 1; }
if [ "${BENCH_BUILD:-1}" != 0 ]; then
  flock /tmp/mvn.lock mvn -B -q test-compile dependency:build-classpath -f "$module/pom.xml" \
    -Dmdep.outputFile=target/test.classpath -Dmdep.includeScope=test
fi
classpath=$(cat "$module/target/test.classpath")
zookeeper=$(tr ':' '\n' <<<"$classpath" | grep -E '/(zookeeper|zookeeper-jute|metrics-core|snappy-java|slf4j-api|commons-io)-[0-9]' | paste -sd:)
work=$module/target/manager-failover-bench
mkdir -p "$work"
work=$(mktemp -d "$(cd "$work" && pwd)/run-XXXXXX")
echo "machine load before: $(cut -d' ' -f1-3 /proc/loadavg) (load average 1, 5, 15 min; $(nproc) cores)"
java -Xmx256m -Dorg.slf4j.simpleLogger.defaultLogLevel=error -Dbasket.zookeeperClasspath="$zookeeper" \
  -cp "$module/target/test-classes:$classpath" org.basket.itests.managers.ManagerFailoverBenchmark "$runs" "$dist" "$work"
echo "machine load after: $(cut -d' ' -f1-3 /proc/loadavg)"
rm -rf "$work"
