#!/usr/bin/env bash
# Events benchmark (issue 12): the media load benchmark twice on fresh servers, with the same talkers that
# start and stop talking (TALK_SPURT_MS, default 1000), first with no event consumer, then with a live event
# stream client and a webhook receiver attached (EVENTS=1). Prints both RESULT_EVENTS lines: CPU per
# participant-frame and the mixer tick p50/p99 with events off and on. Build as for media-load.sh.
#   src/server/bench/events-load.sh                 # PARTICIPANTS=1000, ROUNDS=1
#   ROUNDS=3 PARTICIPANTS=1000 src/server/bench/events-load.sh   # off/on alternated, to see the noise
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
export PARTICIPANTS=${PARTICIPANTS:-1000} TALK_SPURT_MS=${TALK_SPURT_MS:-1000}
out=$(mktemp /tmp/confbridge-events-load-XXXXXX)
for round in $(seq 1 "${ROUNDS:-1}"); do
  for events in 0 1; do
    echo "== round $round, events $events"
    EVENTS=$events "$HERE/media-load.sh" | tee -a "$out"
  done
done
echo "== summary (load average now: $(cut -d' ' -f1-3 /proc/loadavg))"
grep '^RESULT_EVENTS' "$out"
rm -f "$out"
