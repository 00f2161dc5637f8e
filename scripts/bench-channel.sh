#!/usr/bin/env bash
# Measures the agent channel (org.basket.channel.bench.ChannelBenchmark) on 127.0.0.1:
# enrolment, session opening, command round trip, manager memory per idle session.
#
#   scripts/bench-channel.sh          200 idle sessions (and 200 enrolments)
#   scripts/bench-channel.sh 1000     1,000 idle sessions
#   scripts/bench-channel.sh preauth 1000 40 [spread]
#                                     1,000 connections that never authenticate, for 40 s
#                                     (org.basket.channel.bench.PreAuthCost; spread: from 250 addresses)
#
# Compiles the channel module's test classes (Maven, offline) unless BENCH_BUILD=0, then runs the
# benchmark in its own JVM with JAVA_OPTS (default -Xmx512m); the agents run in a second JVM.
set -euo pipefail
cd "$(dirname "$0")/.."
module=bundles/channel
if [ "${BENCH_BUILD:-1}" != 0 ]; then
  (cd "$module" && mvn -B -q -o test-compile dependency:build-classpath -Dmdep.includeScope=test \
      -Dmdep.outputFile=target/bench.classpath >/dev/null)
fi
main=org.basket.channel.bench.ChannelBenchmark
if [ "${1:-}" = preauth ]; then
  main=org.basket.channel.bench.PreAuthCost
  shift
fi
exec java ${JAVA_OPTS:--Xmx512m} -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "$module/target/classes:$module/target/test-classes:$(cat "$module/target/bench.classpath")" \
  "$main" "$@"
