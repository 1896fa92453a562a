#!/usr/bin/env bash
# REST load (benchmark, not part of the test run): GET and PUT of one conference's properties at a fixed
# rate against the packaged server; prints p50/p99/max per method, failures and server CPU per request.
# Usage (after mvn -B -pl src/server -am package -DskipTests): src/server/bench/rest-load.sh
#   RATE=500 SECONDS_RUN=20 MODE="get put mix" (one run per mode on the same server; get|put|both|mix, mix = 80 % GET
#   and 20 % PUT); JAR=<another confbridge-server.jar> to measure another build; SERVER_OPTS="-XX:StartFlightRecording=..."
#   to profile the server; WARMUP_SECONDS=10 of unmeasured load before each run (JIT)
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
JAR=${JAR:-"$HERE/../target/confbridge-server.jar"}
RATE=${RATE:-500}; DURATION=${SECONDS_RUN:-20}; MODE=${MODE:-get put mix}; SERVER_OPTS=${SERVER_OPTS:-}
WARMUP=${WARMUP_SECONDS:-10}
[ -f "$JAR" ] || { echo "build first: mvn -B -pl src/server -am package -DskipTests" >&2; exit 1; }

free_port() { # a port free for TCP and UDP on loopback
  while :; do p=$((20000 + RANDOM % 20000))
    ss -Htuln "( sport = :$p )" | grep -q . || { echo $p; return; }; done
}
WORK=$(mktemp -d /tmp/confbridge-rest-bench-XXXXXX)
SIP=$(free_port); HTTP=$(free_port)
ID=bench-admin; SECRET=bench-secret-$RANDOM$RANDOM
echo "work dir $WORK, HTTP $HTTP, $JAR"

CONF_SIP_PORT=$SIP CONF_SIP_TLS_PORT=0 CONF_HTTP_PORT=$HTTP CONF_DATA_DIR=$WORK/data CONF_ADMIN_CLIENT_ID=$ID CONF_ADMIN_CLIENT_SECRET=$SECRET \
  java -Xmx512m $SERVER_OPTS -jar "$JAR" > "$WORK/server.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null || true' EXIT
for _ in $(seq 1 180); do grep -q "confbridge ready in" "$WORK/server.log" && break
  kill -0 $PID 2>/dev/null || { cat "$WORK/server.log"; exit 1; }; sleep 1; done

BASE=http://127.0.0.1:$HTTP
TOKEN=$(curl -sf -d grant_type=client_credentials -d client_id=$ID -d client_secret=$SECRET $BASE/oauth/token \
  | sed 's/.*"access_token":"\([^"]*\)".*/\1/')
EXT=$(curl -sf -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
  -d "{\"name\":\"$((1000000 + RANDOM))\",\"type\":\"conference\",\"label\":\"bench\"}" \
  $BASE/api/ver1.0/client/@me/extension | sed 's/.*"id":\([0-9]*\).*/\1/')
for mode in $MODE; do
  java "$HERE/RestLoad.java" "$BASE" "$TOKEN" "$EXT" "$PID" "$RATE" "$DURATION" "$mode" "$WARMUP"
done
