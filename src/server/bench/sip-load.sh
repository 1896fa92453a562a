#!/usr/bin/env bash
# SIP load smoke (benchmark, not part of the test run): a few thousand calls at 100+ calls/s with sipp
# against the packaged server, then "no call left live" through the health endpoint, and figures.
# Usage (after mvn install -DskipTests): src/server/bench/sip-load.sh
#   CALLS=3000 RATE=150 LIMIT=90 TRANSPORT=u1|t1  (LIMIT: simultaneous calls; one conference holds 100)
#   SIPP_OPTS="..." sipp options; default "-default_behaviors all,-abortunexp": a late duplicate response to a
#   retransmitted request (a loaded machine) is ignored instead of aborting the call; a missing or wrong
#   response still fails the call (its expected message never comes).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
JAR="$HERE/../target/confbridge-server.jar"
SCENARIO="$HERE/../src/test/resources/sipp/load-call.xml"
CALLS=${CALLS:-3000}; RATE=${RATE:-150}; LIMIT=${LIMIT:-90}; TRANSPORT=${TRANSPORT:-u1}
[ -f "$JAR" ] || { echo "build first: mvn -B -q install -DskipTests" >&2; exit 1; }
command -v sipp >/dev/null || { echo "sipp missing: apt-get install sip-tester" >&2; exit 1; }

free_port() { # a port free for TCP and UDP on loopback
  while :; do p=$((20000 + RANDOM % 20000))
    ss -Htuln "( sport = :$p )" | grep -q . || { echo $p; return; }; done
}
WORK=$(mktemp -d /tmp/confbridge-bench-XXXXXX)
SIP=$(free_port); HTTP=$(free_port); SIPP_PORT=$(free_port)
ID=bench-admin; SECRET=bench-secret-$RANDOM$RANDOM
echo "work dir $WORK, SIP $SIP, HTTP $HTTP"

CONF_SIP_PORT=$SIP CONF_SIP_TLS_PORT=0 CONF_HTTP_PORT=$HTTP CONF_DATA_DIR=$WORK/data CONF_RTP_PORT_MIN=44000 CONF_RTP_PORT_MAX=47998 \
CONF_ADMIN_CLIENT_ID=$ID CONF_ADMIN_CLIENT_SECRET=$SECRET \
  java -Xmx512m -jar "$JAR" > "$WORK/server.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null || true' EXIT
for _ in $(seq 1 180); do grep -q "confbridge ready in" "$WORK/server.log" && break
  kill -0 $PID 2>/dev/null || { cat "$WORK/server.log"; exit 1; }; sleep 1; done
grep -o "confbridge ready in [0-9]* ms" "$WORK/server.log"

BASE=http://127.0.0.1:$HTTP
TOKEN=$(curl -sf -d grant_type=client_credentials -d client_id=$ID -d client_secret=$SECRET $BASE/oauth/token \
  | sed 's/.*"access_token":"\([^"]*\)".*/\1/')
NUMBER=$((1000000 + RANDOM))
curl -sf -o /dev/null -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
  -d "{\"name\":\"$NUMBER\",\"type\":\"conference\",\"label\":\"bench\"}" $BASE/api/ver1.0/client/@me/extension

cpu_ticks() { awk '{print $14 + $15}' /proc/$PID/stat; }
CPU0=$(cpu_ticks); T0=$(date +%s.%N)
set +e
sipp 127.0.0.1:$SIP -sf "$SCENARIO" -s $NUMBER -i 127.0.0.1 -p $SIPP_PORT -t $TRANSPORT \
  -m $CALLS -r $RATE -l $LIMIT -nostdin -timeout 600s -timeout_error -recv_timeout 10000 \
  -trace_screen -screen_file "$WORK/sipp-screen.log" -trace_err -error_file "$WORK/sipp-errors.log" \
  -trace_stat -stf "$WORK/sipp-stat.csv" ${SIPP_OPTS:--default_behaviors all,-abortunexp} > "$WORK/sipp.out" 2>&1
SIPP_EXIT=$?
set -e
T1=$(date +%s.%N); CPU1=$(cpu_ticks)

LIVE=-1
for _ in $(seq 1 30); do
  LIVE=$(curl -sf $BASE/api/ver1.0/health | sed 's/.*"live_calls":\([0-9]*\).*/\1/')
  [ "$LIVE" = "0" ] && break; sleep 1; done

HZ=$(getconf CLK_TCK)
echo "== sipp ($TRANSPORT, $CALLS calls, rate $RATE/s, at most $LIMIT at once)"
grep -E "Successful call|Failed call|Call Rate|Response Time 1|Call Length" "$WORK/sipp-screen.log" | tail -5
awk -v t0="$T0" -v t1="$T1" -v c0="$CPU0" -v c1="$CPU1" -v hz="$HZ" -v n="$CALLS" 'BEGIN {
  wall = t1 - t0; cpu = (c1 - c0) / hz;
  printf "wall %.1f s, %.1f calls/s achieved, server CPU %.1f s (%.2f ms per call, %.0f%% of one core)\n",
         wall, n / wall, cpu, 1000 * cpu / n, 100 * cpu / wall }'
grep -E "^[0-9]" "$WORK/sipp-stat.csv" >/dev/null 2>&1 && awk -F';' 'NR==1 { for (i = 1; i <= NF; i++) col[$i] = i }
  END { print "INVITE->200 average " $col["ResponseTime1(C)"] ", call length average " $col["CallLength(C)"] \
        ", retransmissions " $col["Retransmissions(C)"] }' "$WORK/sipp-stat.csv"
jcmd $PID GC.run >/dev/null 2>&1 && jcmd $PID GC.heap_info 2>/dev/null | sed -n 2p | sed 's/^ */heap after GC: /' || true
echo "live calls after the run: $LIVE"
echo "sipp exit status: $SIPP_EXIT (0 = every call succeeded); details in $WORK"
kill $PID; wait $PID 2>/dev/null || true
trap - EXIT
[ "$SIPP_EXIT" = 0 ] && [ "$LIVE" = 0 ]
