#!/usr/bin/env bash
# Media load benchmark (not part of the test run): starts the packaged server on free ports, then runs the
# external load generator (org.confbridge.bench.load.SipMediaLoad, its own JVM) which signals PARTICIPANTS
# phones in over SIP/UDP (rooms of 10, one conference extension each, WINDOW INVITEs outstanding), sends and
# receives 20 ms PCMU RTP (2 talkers per room) and reports server CPU per participant-frame (from /proc, all
# threads) against the loopback UDP floor, frames lost / late at the phones, RSS, threads, INVITE->200 p50/p99
# and joins/s. One fresh server per participant count. Before each, udp-floor.c (compiled with cc when present)
# prints the kernel's own price of a server's packet in + packet out on loopback, per call and batched
# (recvmmsg/sendmmsg), with no server code: the least any server could spend per participant-frame here.
#
# Build first (from the repository root):
#   mvn -B -q -pl src/server -am package -DskipTests && mvn -B -q -Pbench -pl src/bench -am package -DskipTests
# Run:
#   src/server/bench/media-load.sh                                   # PARTICIPANTS="1000 2000 3000"
#   PARTICIPANTS=2000 MEASURE_SECONDS=20 src/server/bench/media-load.sh
# Options (environment): PORT_PER_CALL (false: the shared, batched RTP ports; true: the default port per call), PARTICIPANTS (list), ROOM_SIZE (10), TALKERS (2), WINDOW (20), WARMUP_SECONDS (5),
#   MEASURE_SECONDS (20), HEAP (server -Xmx, default 256m), SERVER_JVM (the server's JVM options besides -Xmx,
#   default the README start command's: serial GC, a heap that gives memory back, native heap trimmed at idle),
#   SERVER_JAVA_OPTS (extra server JVM options),
#   SERVER_JAR (default src/server/target/confbridge-server.jar: point it at another build to compare),
#   KEEP=1 keeps the work directory (server log) of each run.
#   JOIN_WARMUP (default 0): that many callers join (and hang up) once before the measured run, on the same server:
#   the join figures are then those of a server whose join path is compiled (one that has served calls for a
#   while) rather than of one just started, where the JIT compilers, class loading and interpreted code dominate
#   the first thousands of joins. The idle RSS of a fresh server is that pass's "idle server" line.
# Events benchmark (issue 12: events must add no measurable CPU to the mixing tick): EVENTS=1 attaches a live
#   event stream client and a webhook receiver (in the generator process, answering 200) before the calls;
#   TALK_SPURT_MS=1000 makes the talkers alternate 1 s on / 1 s off so talking events flow. Compare
#   EVENTS=0 and EVENTS=1 runs with the same TALK_SPURT_MS: the RESULT_EVENTS line has CPU per
#   participant-frame and the server's mixer tick p50/p99 (from /metrics) of each. src/server/bench/events-load.sh
#   runs both.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../../.." && pwd)
JAR=$(cd "$(dirname "${SERVER_JAR:-$HERE/../target/confbridge-server.jar}")" && pwd)/$(basename "${SERVER_JAR:-confbridge-server.jar}")
BENCH_JAR=${BENCH_JAR:-$ROOT/src/bench/target/benchmarks.jar}
HEAP=${HEAP:-256m}
SERVER_JVM=${SERVER_JVM-"-XX:+UseSerialGC -Xms16m -Xmn8m -XX:MinHeapFreeRatio=70 -XX:MaxHeapFreeRatio=90 -XX:+UnlockExperimentalVMOptions -XX:TrimNativeHeapInterval=5000"}
[ -f "$JAR" ] || { echo "build the server first: mvn -B -q -pl src/server -am package -DskipTests" >&2; exit 1; }
[ -f "$BENCH_JAR" ] || { echo "build the generator first: mvn -B -q -Pbench -pl src/bench -am package -DskipTests" >&2; exit 1; }

free_port() { # a port free for TCP and UDP on loopback, outside the RTP range and the ephemeral range
  while :; do p=$((10000 + RANDOM % 9000))
    ss -Htuln "( sport = :$p )" | grep -q . || { echo $p; return; }; done
}

run_one() {
  local participants=$1
  local work; work=$(mktemp -d /tmp/confbridge-media-load-XXXXXX)
  local sip; sip=$(free_port); local http; http=$(free_port)
  while [ "$http" = "$sip" ]; do http=$(free_port); done
  local id=bench-admin secret=bench-secret-$RANDOM$RANDOM
  echo "== $participants participants (server $JAR, -Xmx$HEAP $SERVER_JVM, SIP $sip, HTTP $http, work $work)"
  # shellcheck disable=SC2086
  CONF_SIP_PORT=$sip CONF_HTTP_PORT=$http CONF_DATA_DIR=$work/data \
  CONF_RTP_PORT_MIN=${RTP_PORT_MIN:-20000} CONF_RTP_PORT_MAX=${RTP_PORT_MAX:-29999} \
  CONF_ADMIN_CLIENT_ID=$id CONF_ADMIN_CLIENT_SECRET=$secret CONF_SIP_INVITE_RATE=100000 CONF_SIP_INVITE_BURST=100000 \
  CONF_WEBHOOK_ALLOWED_HOSTS=127.0.0.1 CONF_SIP_TLS_PORT=0 CONF_RTP_PORT_PER_CALL=${PORT_PER_CALL:-false} \
    bash -c 'cd "$1" && shift && exec "$@"' _ "$work" java -Xmx$HEAP $SERVER_JVM ${SERVER_JAVA_OPTS:-} -jar "$JAR" > "$work/server.log" 2>&1 &
  local pid=$!
  trap "kill $pid 2>/dev/null || true" EXIT
  for _ in $(seq 1 180); do grep -q "confbridge ready in" "$work/server.log" && break
    kill -0 $pid 2>/dev/null || { cat "$work/server.log"; exit 1; }; sleep 1; done
  grep -o "confbridge ready in [0-9]* ms" "$work/server.log"
  sleep 2 # let start-up settle before the idle RSS is read
  local status=0
  if [ "${JOIN_WARMUP:-0}" -gt 0 ]; then
    echo "-- warm-up: $JOIN_WARMUP callers join and hang up (not measured)"
    SERVER_PID=$pid SIP_PORT=$sip HTTP_PORT=$http CLIENT_ID=$id CLIENT_SECRET=$secret PARTICIPANTS=$JOIN_WARMUP \
      WARMUP_SECONDS=0 MEASURE_SECONDS=1 java -Xmx512m -XX:+UseSerialGC -cp "$BENCH_JAR" \
      org.confbridge.bench.load.SipMediaLoad | grep -E "idle server|^joined" | sed 's/^/   warm-up: /' || status=$?
    sleep 3
  fi
  SERVER_PID=$pid SIP_PORT=$sip HTTP_PORT=$http CLIENT_ID=$id CLIENT_SECRET=$secret PARTICIPANTS=$participants \
    java -Xmx512m -XX:+UseSerialGC -cp "$BENCH_JAR" org.confbridge.bench.load.SipMediaLoad || status=$?
  kill $pid; wait $pid 2>/dev/null || true
  trap - EXIT
  if [ "${KEEP:-0}" = 1 ] || [ $status != 0 ]; then echo "server log: $work/server.log"; else rm -rf "$work"; fi
  return $status
}

# The kernel's own price per participant-frame (no server code at all): udp-floor.c, when a C compiler is here.
floor_c() {
  command -v cc >/dev/null 2>&1 || { echo "(no C compiler: the kernel floor of udp-floor.c is not measured)"; return; }
  local bin; bin=$(mktemp /tmp/udp-floor-XXXXXX)
  cc -O2 -o "$bin" "$HERE/udp-floor.c" && "$bin" "$1" 30 | sed 's/$/ (server thread CPU per packet in + packet out, no server code)/'
  rm -f "$bin"
}

uptime
for n in ${PARTICIPANTS:-1000 2000 3000}; do
  floor_c "$n"
  run_one "$n"
done
