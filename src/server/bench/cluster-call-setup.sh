#!/usr/bin/env bash
# Cluster benchmark (not part of the test run): call setup (INVITE -> 200) directly at a node, through
# Kamailio to the node that owns the conference, and through Kamailio to a node that redirects to the owner;
# prints p50/p99/max per path and the latency Kamailio adds. Starts its own cluster with
# server-config/cluster/start-local.sh on free ports in a temporary directory (needs kamailio, postgresql,
# sipp and the built server: mvn -B -q install -DskipTests).
#   CALLS=300 RATE=20 LIMIT=20 NODES=2 src/server/bench/cluster-call-setup.sh
# The nodes, Kamailio, PostgreSQL and sipp share this machine's cores: the figures show routing overhead,
# not capacity.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../../.." && pwd)
SCENARIO="$HERE/cluster-call.xml"
CALLS=${CALLS:-300}; RATE=${RATE:-20}; LIMIT=${LIMIT:-20}; NODES=${NODES:-2}
command -v sipp >/dev/null || { echo "sipp missing: apt-get install sip-tester" >&2; exit 1; }

free_port() { # a port free for TCP and UDP on every loopback address
  while :; do p=$((20000 + RANDOM % 20000))
    ss -Htuln "( sport = :$p )" | grep -q . || { echo $p; return; }; done
}
WORK=$(mktemp -d /tmp/confbridge-cluster-bench-XXXXXX)
chmod 755 "$WORK" # PostgreSQL runs as its own user when we are root
export KAMAILIO_PORT=$(free_port) NODE_SIP_PORT=$(free_port) NODE_HTTP_PORT=$(free_port) PG_PORT=$(free_port)
export CONF_ADMIN_CLIENT_ID=bench-admin CONF_ADMIN_CLIENT_SECRET=bench-secret-$RANDOM$RANDOM CLUSTER_DATA=$WORK/cluster
"$ROOT/server-config/cluster/start-local.sh" --nodes "$NODES" > "$WORK/cluster.log" 2>&1 &
CLUSTER=$!
trap 'kill -TERM $CLUSTER 2>/dev/null; wait $CLUSTER 2>/dev/null || true' EXIT
for _ in $(seq 1 240); do grep -q "start-local: running" "$WORK/cluster.log" && break
  kill -0 $CLUSTER 2>/dev/null || { cat "$WORK/cluster.log"; exit 1; }; sleep 1; done
grep -q "start-local: running" "$WORK/cluster.log" || { cat "$WORK/cluster.log"; exit 1; }
echo "cluster up: $NODES nodes, Kamailio 127.0.0.1:$KAMAILIO_PORT, work dir $WORK"

BASE=http://127.0.0.2:$NODE_HTTP_PORT
TOKEN=$(curl -sf -d grant_type=client_credentials -d client_id=$CONF_ADMIN_CLIENT_ID \
  -d client_secret=$CONF_ADMIN_CLIENT_SECRET $BASE/oauth/token | sed 's/.*"access_token":"\([^"]*\)".*/\1/')
new_conference() { # a fresh conference extension; prints its number (a number taken already: draw again)
  local number
  for _ in 1 2 3 4 5; do
    number=$((2000000 + RANDOM * 10 + ${1}))
    curl -sf -o /dev/null -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
      -d "{\"name\":\"$number\",\"type\":\"conference\",\"label\":\"bench\"}" \
      $BASE/api/ver1.0/client/@me/extension && { echo $number; return; }
  done
  echo "cannot create a conference extension" >&2; return 1
}
# Where the conference runs: the node whose own live list shows it.
runs_on() {
  for ((i = 1; i <= NODES; i++)); do
    curl -sf -H "Authorization: Bearer $TOKEN" http://127.0.0.$((1 + i)):$NODE_HTTP_PORT/api/ver1.0/client/@me/live \
      | grep -q "\"number\":\"$1\"" && { echo $i; return; }
  done
  echo none
}

run() { # name target number: sipp CALLS calls, then p50/p99/max of INVITE->200 in ms
  local name=$1 target=$2 number=$3 dir="$WORK/$1"
  mkdir -p "$dir"
  printf 'SEQUENTIAL\n%s;\n' "$number" > "$dir/numbers.csv"
  (cd "$dir" && sipp "$target" -sf "$SCENARIO" -inf numbers.csv -i 127.0.0.1 -m "$CALLS" -r "$RATE" \
    -l "$LIMIT" -d 500 -nostdin -timeout 300s -timeout_error -recv_timeout 10000 -trace_rtt -rtt_freq 1 \
    -trace_err -default_behaviors all,-abortunexp > sipp.out 2>&1) || echo "$name: sipp reported failed calls (see $dir)"
  # sipp's rtt file: Date_ms;response_time_ms;rtd_no, one line per call (whole milliseconds)
  grep -h '^[0-9]' "$dir"/*_rtt.csv | cut -d';' -f2 | sort -n | awk -v name="$name" '
    { v[NR] = $1 } END { if (NR == 0) { print name ": no call measured"; exit }
      p50 = v[int((NR - 1) * 0.50) + 1]; p99 = v[int((NR - 1) * 0.99) + 1];
      printf "%-28s calls %4d  INVITE->200 p50 %4d ms  p99 %4d ms  max %4d ms\n", name, NR, p50, p99, v[NR] }' \
    | tee "$dir/figures"
}

# A conference hashed by Kamailio to some node, and one owned by another node than the hash picks.
HASHED=$(new_conference 1)
one_number() { f=$(mktemp "$WORK/number-XXXX.csv"); printf 'SEQUENTIAL\n%s;\n' "$1" > "$f"; echo "$f"; }
sipp 127.0.0.1:$KAMAILIO_PORT -sf "$SCENARIO" -inf "$(one_number "$HASHED")" -i 127.0.0.1 -m 1 -d 3000 -nostdin \
  -timeout 20s -timeout_error > /dev/null 2>&1 &
FIRST=$!
OWNER=none
for _ in $(seq 50); do sleep 0.1; OWNER=$(runs_on "$HASHED"); [ "$OWNER" != none ] && break; done
wait "$FIRST" || true
[ "$OWNER" != none ] || { echo "the first call through Kamailio did not get in (see $WORK)" >&2; exit 1; }
OTHER=$(( OWNER % NODES + 1 ))
echo "Kamailio hashes conference $HASHED to node-$OWNER"
DIRECT=$(new_conference 2)

# Warm-up (not reported): the first calls of a fresh JVM pay for class loading and JIT compilation.
run "warm-up, direct" "127.0.0.$((1 + OWNER)):$NODE_SIP_PORT" "$DIRECT" > /dev/null
run "warm-up, via Kamailio" "127.0.0.1:$KAMAILIO_PORT" "$DIRECT" > /dev/null
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
run "direct to node-$OWNER" "127.0.0.$((1 + OWNER)):$NODE_SIP_PORT" "$DIRECT"
run "via Kamailio (hash = owner)" "127.0.0.1:$KAMAILIO_PORT" "$HASHED"
if [ "$NODES" -gt 1 ]; then
  # Keep the conference running on the other node during the run: every call is hashed to node-$OWNER and
  # redirected to node-$OTHER, which Kamailio follows.
  sipp "127.0.0.$((1 + OTHER)):$NODE_SIP_PORT" -sf "$SCENARIO" -inf "$(one_number "$HASHED")" -i 127.0.0.1 -m 1 \
    -d $(( (CALLS / RATE + 20) * 1000 )) -nostdin -timeout 600s > /dev/null 2>&1 &
  KEEP=$!
  for _ in $(seq 50); do sleep 0.1; [ "$(runs_on "$HASHED")" = "$OTHER" ] && break; done
  run "via Kamailio + 302 to owner" "127.0.0.1:$KAMAILIO_PORT" "$HASHED"
  kill "$KEEP" 2>/dev/null || true
fi

# Spread: SPREAD_CALLS callers of SPREAD_CONFERENCES conferences through Kamailio at SPREAD_RATE, each staying
# SPREAD_SECONDS: joins per second achieved, and participants per node while all are in.
SPREAD_CONFERENCES=${SPREAD_CONFERENCES:-30}; SPREAD_CALLS=${SPREAD_CALLS:-300}; SPREAD_RATE=${SPREAD_RATE:-30}
SPREAD_SECONDS=${SPREAD_SECONDS:-20}
{ echo SEQUENTIAL; for ((c = 0; c < SPREAD_CONFERENCES; c++)); do echo "$(new_conference $((c % 10)));"; done; } \
  > "$WORK/spread.csv"
mkdir -p "$WORK/spread"
(cd "$WORK/spread" && sipp "127.0.0.1:$KAMAILIO_PORT" -sf "$SCENARIO" -inf "$WORK/spread.csv" -i 127.0.0.1 \
  -m "$SPREAD_CALLS" -r "$SPREAD_RATE" -l "$SPREAD_CALLS" -d $((SPREAD_SECONDS * 1000)) -nostdin \
  -timeout 600s -recv_timeout 10000 -trace_rtt -rtt_freq 1 -default_behaviors all,-abortunexp > sipp.out 2>&1) &
SPREAD=$!
# Sample while everyone should be in: after the last call was placed, before the first leaves.
sleep "$(awk -v n="$SPREAD_CALLS" -v r="$SPREAD_RATE" -v d="$SPREAD_SECONDS" 'BEGIN { s = n / r + 2; if (s > d) s = d; print s }')"
TOTAL=0
for ((i = 1; i <= NODES; i++)); do
  HEALTH=$(curl -sf http://127.0.0.$((1 + i)):$NODE_HTTP_PORT/api/ver1.0/health)
  CALLS_ON=$(printf '%s' "$HEALTH" | sed 's/.*"live_calls":\([0-9]*\).*/\1/')
  TOTAL=$((TOTAL + CALLS_ON))
  echo "node-$i: $CALLS_ON participants in $(curl -sf -H "Authorization: Bearer $TOKEN" \
    http://127.0.0.$((1 + i)):$NODE_HTTP_PORT/api/ver1.0/client/@me/live | grep -o '"extension_id"' | wc -l) conferences"
done
wait "$SPREAD" || echo "spread: sipp reported failed calls (see $WORK/spread)"
grep -E "Successful call|Failed call" "$WORK/spread/sipp.out" | tail -2 | tr -s ' '
# joins per second: answered calls over the time from the first answer to the last (rtt file: Date_ms;...)
echo "spread: $TOTAL participants in at once over $NODES nodes (the $SPREAD_CALLS callers, plus the call kept for" \
  "the redirect run); joins/s asked $SPREAD_RATE, achieved $(grep -h '^[0-9]' "$WORK"/spread/*_rtt.csv | cut -d';' -f1 \
  | sort -g | awk '{ t[NR] = $1 } END { if (NR > 1) printf "%.1f", (NR - 1) * 1000 / (t[NR] - t[1]) }')"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
