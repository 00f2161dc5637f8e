#!/bin/sh
# Builds the api bundle as it was at a commit (default: HEAD) and keeps its jar as the baseline that
# bundles/api's ApiBaselineTest compares the exported packages' versions against (bnd's baseline).
# Run it when an api is released: afterwards a change to an exported package needs the version bump
# that bnd suggests.
#   scripts/api-baseline.sh [COMMIT]
set -eu
commit=${1:-HEAD}
root=$(cd "$(dirname "$0")/.." && pwd)
id=$(git -C "$root" rev-parse --short "$commit")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
git -C "$root" archive "$id" pom.xml bundles/api | tar -x -C "$work"
mvn -B -q -f "$work/bundles/api/pom.xml" package -DskipTests
target="$root/bundles/api/src/test/baseline"
mkdir -p "$target"
rm -f "$target"/basket-api-*.jar
cp "$work"/bundles/api/target/basket-api-*.jar "$target/basket-api-$id.jar"
echo "baseline: $target/basket-api-$id.jar"
