#!/usr/bin/env bash
# Basket's scheduler against Pacemaker's scheduler regression suite:
#
#   scripts/compare-pacemaker-cts.sh DIR [DOC]      e.g. scripts/compare-pacemaker-cts.sh ../shared/pacemaker-cts
#
# DIR holds Pacemaker's cases (xml/NAME.xml, the input CIB; summary/NAME.summary, crm_simulate -S of it). Each case
# is imported (bundles/pacemaker-import), planned by Basket's scheduler and compared with Pacemaker's "Transition
# Summary": per resource the kind of change (start, stop, move, migrate, recover, restart) and its hosts, and the
# nodes fenced. Prints one line per case (same / differs: how / not importable: why) and the total; with DOC
# (docs/pacemaker-compatibility.md) also replaces the table below the line "## Every case" there.
# About 3 s for the 512 cases here, plus the build (COMPARE_BUILD=0 skips it).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
dir="$(cd "${1:?usage: compare-pacemaker-cts.sh DIR [DOC]}" && pwd)"
doc="${2:-}"
module="$root/bundles/pacemaker-import"
if [ "${COMPARE_BUILD:-1}" != 0 ]; then
  (cd "$root" && mvn -B -q install -DskipTests -pl bundles/api,bundles/scheduler,bundles/pacemaker-import >&2)
  (cd "$module" && mvn -B -q test-compile dependency:build-classpath -Dmdep.includeScope=test \
      -Dmdep.outputFile=target/cts.classpath >&2)
fi
cp="$module/target/classes:$module/target/test-classes:$(cat "$module/target/cts.classpath")"
if [ -n "$doc" ]; then
  table="$(mktemp)"
  trap 'rm -f "$table"' EXIT
  java -cp "$cp" org.basket.pacemaker.CtsComparison "$dir" "$table"
  # keep the hand-written part of the page, above "## Every case"
  { sed '/^## Every case$/,$d' "$doc"; cat "$table"; } > "$doc.new" && mv "$doc.new" "$doc"
else
  java -cp "$cp" org.basket.pacemaker.CtsComparison "$dir"
fi
