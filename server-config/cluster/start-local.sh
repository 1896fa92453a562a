#!/usr/bin/env bash
# A local confbridge cluster in the foreground: PostgreSQL, Kamailio and N conference nodes on this host.
# Ctrl-C or SIGTERM stops everything. Installs nothing: needs kamailio, PostgreSQL (Debian's postgresql
# package), java 17 and the built server (mvn -B install -DskipTests). Data under ./data/cluster/.
#
#   server-config/cluster/start-local.sh [--nodes N]
#
# Kamailio listens on KAMAILIO_ADDRESS:KAMAILIO_PORT (127.0.0.1:5060, UDP and TCP); node i (1..N) on
# 127.0.0.(1+i), SIP NODE_SIP_PORT (5080) and HTTP NODE_HTTP_PORT (8080); PostgreSQL on 127.0.0.1:PG_PORT
# (55432). All nodes share the admin credentials CONF_ADMIN_CLIENT_ID / CONF_ADMIN_CLIENT_SECRET (generated
# into data/cluster/admin-credentials.txt on the first run when unset). JAR: another launcher jar.
set -euo pipefail

NODES=2
while [ $# -gt 0 ]; do
  case "$1" in
    --nodes) NODES="${2:?--nodes needs a number}"; shift 2 ;;
    --nodes=*) NODES="${1#*=}"; shift ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "unknown option: $1 (try --help)" >&2; exit 2 ;;
  esac
done
case "$NODES" in ''|*[!0-9]*|0) echo "--nodes must be a number from 1 to 250" >&2; exit 2 ;; esac
[ "$NODES" -le 250 ] || { echo "--nodes must be a number from 1 to 250" >&2; exit 2; }

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
DATA=$(mkdir -p "${CLUSTER_DATA:-./data/cluster}" && cd "${CLUSTER_DATA:-./data/cluster}" && pwd)
KAMAILIO_ADDRESS=${KAMAILIO_ADDRESS:-127.0.0.1}
KAMAILIO_PORT=${KAMAILIO_PORT:-5060}
NODE_SIP_PORT=${NODE_SIP_PORT:-5080}
NODE_HTTP_PORT=${NODE_HTTP_PORT:-8080}
PG_PORT=${PG_PORT:-55432}
JAR=${JAR:-$ROOT/src/server/target/confbridge-server.jar}

fail() { echo "start-local: $*" >&2; exit 1; }
command -v kamailio >/dev/null || fail "kamailio is not installed (Debian: apt-get install kamailio)"
command -v java >/dev/null || fail "java is not installed (Java 17)"
[ -f "$JAR" ] || fail "$JAR is missing: build it first (mvn -B install -DskipTests)"
PG_BIN=$(dirname "$(ls -d /usr/lib/postgresql/*/bin/postgres 2>/dev/null | sort -V | tail -1)" 2>/dev/null || true)
[ -x "$PG_BIN/postgres" ] || PG_BIN=$(dirname "$(command -v postgres || true)")
[ -x "$PG_BIN/postgres" ] || fail "PostgreSQL is not installed (Debian: apt-get install postgresql)"

# PostgreSQL refuses to run as root: then it runs as the 'postgres' user the Debian package creates
# (setpriv execs, so the process we signal is PostgreSQL itself).
as_db_owner() {
  if [ "$(id -u)" = 0 ]; then exec setpriv --reuid=postgres --regid=postgres --init-groups -- "$@"; else exec "$@"; fi
}

PIDS=()
stop_all() {
  trap - INT TERM EXIT
  echo "start-local: stopping"
  for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do kill -TERM "${PIDS[i]}" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  echo "start-local: stopped"
}
trap 'stop_all; exit 0' INT TERM
trap 'stop_all' EXIT

# --- credentials shared by every node
if [ -z "${CONF_ADMIN_CLIENT_ID:-}" ] || [ -z "${CONF_ADMIN_CLIENT_SECRET:-}" ]; then
  if [ ! -f "$DATA/admin-credentials.txt" ]; then
    umask 077
    printf 'CONF_ADMIN_CLIENT_ID=admin-%s\nCONF_ADMIN_CLIENT_SECRET=%s\n' \
      "$(od -An -N4 -tx4 /dev/urandom | tr -d ' ')" "$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')" \
      > "$DATA/admin-credentials.txt"
    umask 022
  fi
  # shellcheck disable=SC1091
  . "$DATA/admin-credentials.txt"
  echo "start-local: admin credentials in $DATA/admin-credentials.txt"
fi
export CONF_ADMIN_CLIENT_ID CONF_ADMIN_CLIENT_SECRET

# --- PostgreSQL: one shared database
PGDATA_DIR="$DATA/postgres"
if [ "$(id -u)" = 0 ] && ! setpriv --reuid=postgres --regid=postgres --init-groups -- test -x "$DATA"; then
  fail "the postgres user cannot enter $DATA (PostgreSQL does not run as root): make its parent folders searchable"
fi
if [ ! -f "$PGDATA_DIR/PG_VERSION" ]; then
  mkdir -p "$PGDATA_DIR"
  [ "$(id -u)" = 0 ] && chown postgres "$PGDATA_DIR"
  (as_db_owner "$PG_BIN/initdb" -D "$PGDATA_DIR" -U confbridge --auth=trust -E UTF8) >"$DATA/postgres-init.log" 2>&1 \
    || fail "initdb failed, see $DATA/postgres-init.log"
fi
mkdir -p "$DATA/run" && [ "$(id -u)" = 0 ] && chown postgres "$DATA/run"
(as_db_owner "$PG_BIN/postgres" -D "$PGDATA_DIR" -h 127.0.0.1 -p "$PG_PORT" -k "$DATA/run") >"$DATA/postgres.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 100); do
  "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" && break
  kill -0 "${PIDS[0]}" 2>/dev/null || fail "PostgreSQL did not start, see $DATA/postgres.log"
  sleep 0.2
done
"$PG_BIN/psql" -q -h 127.0.0.1 -p "$PG_PORT" -U confbridge -d postgres -tc \
  "SELECT 1 FROM pg_database WHERE datname = 'confbridge'" | grep -q 1 \
  || "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U confbridge confbridge
echo "start-local: PostgreSQL on 127.0.0.1:$PG_PORT (data $PGDATA_DIR)"

# --- conference nodes (the first alone, so that it creates the shared admin application)
start_node() {
  local i=$1 address="127.0.0.$((1 + $1))" dir="$DATA/node-$1"
  mkdir -p "$dir"
  (cd "$dir" && exec env CONF_BIND_ADDRESS="$address" CONF_SIP_PORT="$NODE_SIP_PORT" CONF_HTTP_PORT="$NODE_HTTP_PORT" \
    CONF_DATA_DIR="$dir/data" CONF_DB_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/confbridge" CONF_DB_USER=confbridge \
    CONF_CLUSTER_ENABLED=true CONF_NODE_ID="node-$i" CONF_RECORDINGS_DIR="$DATA/recordings" \
    CONF_SIP_TRUSTED_PROXIES="${CONF_SIP_TRUSTED_PROXIES:-$KAMAILIO_ADDRESS}" \
    CONF_SIP_INVITE_RATE="${CONF_SIP_INVITE_RATE:-1000}" CONF_SIP_INVITE_BURST="${CONF_SIP_INVITE_BURST:-2000}" \
    java -Xmx512m -jar "$JAR" >"$dir/console.log" 2>&1) &
  PIDS+=($!)
  NODE_PIDS[$i]=$!
}
await_node() {
  local i=$1
  for _ in $(seq 600); do
    grep -q "confbridge ready in" "$DATA/node-$i/console.log" 2>/dev/null && { echo "start-local: node-$i ready:" \
      "SIP 127.0.0.$((1 + i)):$NODE_SIP_PORT, HTTP http://127.0.0.$((1 + i)):$NODE_HTTP_PORT"; return; }
    kill -0 "${NODE_PIDS[$i]}" 2>/dev/null || fail "node-$i exited during start, see $DATA/node-$i/console.log"
    sleep 0.2
  done
  fail "node-$i not ready after 120 s, see $DATA/node-$i/console.log"
}
declare -A NODE_PIDS
start_node 1
await_node 1
for ((i = 2; i <= NODES; i++)); do start_node "$i"; done
for ((i = 2; i <= NODES; i++)); do await_node "$i"; done

# --- Kamailio in front
: >"$DATA/dispatcher.list"
for ((i = 1; i <= NODES; i++)); do echo "1 sip:127.0.0.$((1 + i)):$NODE_SIP_PORT" >>"$DATA/dispatcher.list"; done
mkdir -p "$DATA/kamailio"
kamailio -DD -E -m 64 -M 8 -f "$HERE/kamailio.cfg" -Y "$DATA/kamailio" \
  -l "udp:$KAMAILIO_ADDRESS:$KAMAILIO_PORT" -l "tcp:$KAMAILIO_ADDRESS:$KAMAILIO_PORT" \
  -A "DISPATCHER_LIST=\"$DATA/dispatcher.list\"" >"$DATA/kamailio.log" 2>&1 &
PIDS+=($!)
KAMAILIO_PID=$!
for _ in $(seq 100); do
  kill -0 "$KAMAILIO_PID" 2>/dev/null || fail "Kamailio did not start: $(grep -v '^ ' "$DATA/kamailio.log" | tail -3)"
  ss -Hlun "( sport = :$KAMAILIO_PORT )" 2>/dev/null | grep -q . && break
  sleep 0.1
done
echo "start-local: Kamailio on $KAMAILIO_ADDRESS:$KAMAILIO_PORT (UDP, TCP), $NODES node(s): dial sip:<extension>@$KAMAILIO_ADDRESS:$KAMAILIO_PORT"
echo "start-local: running; Ctrl-C stops everything (logs in $DATA)"

# Nodes may stop on their own (a drained node does); PostgreSQL or Kamailio stopping ends the cluster.
while kill -0 "${PIDS[0]}" 2>/dev/null && kill -0 "$KAMAILIO_PID" 2>/dev/null; do
  sleep 1 &
  wait $! || true
done
fail "PostgreSQL or Kamailio stopped, see $DATA"
