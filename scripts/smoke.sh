#!/usr/bin/env bash
# Smoke test of the built distribution as an operator meets it: unpack, start in the background,
# log in over SSH (a login is required), get the first answer of ha:status, hot-deploy the libvirt
# driver by dropping its bundle into deploy/ (JNA ships with Basket) with an endpoint on libvirt's test
# driver, remove it again, install it with feature:install (which must not restart the manager); check
# that the console greets with Basket's banner and prompt, the agent channel listens and ha:agents
# answers; stop.
# Prints the start-to-first-answer time. Needs a built karaf-assembly/target/basket-*.tar.gz.
set -uo pipefail
cd "$(dirname "$0")/.."
dist=$(ls karaf-assembly/target/basket-*.tar.gz)
home=$(mktemp -d /tmp/basket-smoke.XXXXXX)
passed=0
failed=0

check() {
  local name=$1; shift
  if "$@"; then
    echo "ok: $name"; passed=$((passed + 1))
  else
    echo "FAILED: $name"; failed=$((failed + 1))
  fi
}

cleanup() {
  if [[ -f "$home/karaf.pid" ]]; then
    local pid; pid=$(cat "$home/karaf.pid")
    "$home/bin/stop" >/dev/null 2>&1
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$pid" 2>/dev/null
  fi
  rm -rf "$home"
}
trap cleanup EXIT

tar -xzf "$dist" -C "$home" --strip-components=1
check "the distribution defines no login" bash -c "! grep -q '^basket' '$home/etc/users.properties'"
scripts/demo-profile.sh "$home"
port=$(shuf -i 20000-60000 -n 1)
while ss -ltn | grep -q ":$port "; do port=$(shuf -i 20000-60000 -n 1); done
sed -i "s/^sshPort *=.*/sshPort = $port/" "$home/etc/org.apache.karaf.shell.cfg"
sed -i "s/^karaf.pid.file *=.*//" "$home/etc/config.properties"
agents_port=$(shuf -i 20000-60000 -n 1)
while [[ $agents_port == "$port" ]] || ss -ltn | grep -q ":$agents_port "; do agents_port=$(shuf -i 20000-60000 -n 1); done
printf 'bind.address = 127.0.0.1\nport = %s\n' "$agents_port" >> "$home/etc/org.basket.agents.cfg"
echo "karaf.pid.file = $home/karaf.pid" >> "$home/etc/config.properties"

client() {
  printf '%s\n' "$3" | "$home/bin/client" -a "$port" -u "$1" -p "$2" -r 1 -d 1 -b 2>&1
}

since() {
  local elapsed=$(( ($(date +%s%N) - start) / 1000000 ))
  printf '%d.%03d s' $((elapsed / 1000)) $((elapsed % 1000))
}

start=$(date +%s%N)
"$home/bin/start"
answer=""
first=""
for _ in $(seq 1 240); do
  answer=$(client basket basket "ha:status" || true)
  if [[ -z "$first" ]] && grep -q "Hosts" <<<"$answer"; then first=$(since); fi
  if grep -q "node3" <<<"$answer" && [[ $(grep -c " running " <<<"$answer") -eq 6 ]]; then break; fi
  sleep 0.25
done
echo "start to first ha:status answer: $first; to all 6 demo VMs running: $(since)"

check "ha:status answers over SSH with the demo login" grep -q "sim: connected" <<<"$answer"
wrong=$(client basket wrong-password "ha:status" || true)
check "a wrong password is refused" bash -c "! grep -q 'node1' <<<\"\$0\"" "$wrong"
nobody=$(client intruder intruder "ha:status" || true)
check "an unknown user is refused" bash -c "! grep -q 'node1' <<<\"\$0\"" "$nobody"
check "the users file is marked demo only" grep -q "DEMO ONLY" "$home/etc/users.properties"
check "the demo password was hashed at its first login" bash -c \
  "grep -q '^basket = {CRYPT}' '$home/etc/users.properties' && ! grep -q '^basket = basket' '$home/etc/users.properties'"
check "etc/ and data/ are readable by their owner only" \
  test "$(stat -c %a "$home/etc")$(stat -c %a "$home/data")" = 700700
check "no shutdown port listens" test ! -e "$home/data/port"
console=$(printf 'logout\n' | "$home/bin/client" -a "$port" -u basket -p basket -r 1 -d 1 2>&1 || true)
check "the console greets with Basket's banner and prompt" bash -c "grep -q 'Basket.* high availability' <<<\"\$0\" \
  && grep -q 'basket@root> ' <<<\"\$0\" && ! grep -q 'Karaf' <<<\"\$0\"" "$console"

await_status() {
  for _ in $(seq 1 120); do
    answer=$(client basket basket "ha:status" || true)
    if grep -q "$1" <<<"$answer"; then return 0; fi
    sleep 0.25
  done
  echo "$answer"
  return 1
}

printf 'type = libvirt\n' > "$home/etc/org.basket.driver-lv.cfg"
check "an endpoint of a driver type not deployed says so" await_status "lv: type 'libvirt' not deployed"
cp "$home"/system/org/basket/basket-driver-libvirt/*/*.jar "$home/deploy/"
check "the libvirt driver dropped into deploy/ opens its endpoint" await_status "lv: connected (type libvirt)"
rm "$home"/deploy/basket-driver-libvirt-*.jar
check "the libvirt driver removed from deploy/ is gone" await_status "lv: type 'libvirt' not deployed"
client basket basket "feature:install basket-driver-libvirt" >/dev/null || true
check "feature:install basket-driver-libvirt opens its endpoint" await_status "lv: connected (type libvirt)"
check "installing a driver did not restart the manager" \
  test "$(grep -c 'Basket cluster manager started' "$home/data/log/karaf.log")" -eq 1

check "the agent archive ships in agent/ with its install script" bash -c \
  "tar -tzf '$home/agent/basket-agent.tar.gz' | grep -q 'bin/basket-agent-install.sh'"
check "the agent channel listens on port $agents_port" bash -c "ss -ltn | grep -q ':$agents_port '"
agents=$(client basket basket "ha:agents" || true)
check "ha:agents answers" grep -q "software" <<<"$agents"

echo "smoke: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
