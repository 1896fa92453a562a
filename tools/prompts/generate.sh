#!/usr/bin/env bash
# Regenerates the built-in voice prompts (src/media/src/main/resources/prompts/*.wav)
# from prompts.txt with Festival's HTS "slt" voice, then shapes them for the phone with sox.
#
# Installs nothing. Needs the Debian packages:
#   festival festvox-us-slt-hts sox
#
# Usage: tools/prompts/generate.sh [output-dir]
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
out="${1:-$repo/src/media/src/main/resources/prompts}"
list="$here/prompts.txt"
voice="voice_cmu_us_slt_arctic_hts"

missing=()
for tool in text2wave sox soxi awk; do
    command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
done
if [ ! -d /usr/share/festival/voices/us/cmu_us_slt_arctic_hts ]; then
    missing+=("voice cmu_us_slt_arctic_hts")
fi
if [ ${#missing[@]} -gt 0 ]; then
    echo "generate.sh: missing ${missing[*]}" >&2
    echo "install with: apt-get install festival festvox-us-slt-hts sox" >&2
    exit 1
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"

# Speech starts/ends where the signal first/last rises above this level.
silence_threshold="0.5%"   # about -46 dBFS
# Audio kept either side of the speech, so soft onsets and decays stay whole.
margin_s=0.05
# Short fades at the very ends so the prompt starts and stops without a click.
fade_s=0.01

# Loudness: every prompt gets the same *speech* level, so none sounds quieter than the next.
# The level is the RMS of the prompt with its pauses cut out (sox's silence effect), a cheap
# stand-in for an active-speech-level meter. -20 dBFS puts the peaks between about -3 and
# -7 dBFS; should a prompt's peak still exceed max_peak_db, its gain is lowered to keep headroom.
target_db=-20
max_peak_db=-1

# Prints the RMS level in dBFS of the speech in a file, pauses excluded.
speech_level_db() {
    sox "$1" -n silence 1 0.02 1% -1 0.02 1% stats 2>&1 | awk '/^RMS lev dB/ {print $4}'
}

# Prints the peak level in dBFS of a file.
peak_db() {
    sox "$1" -n stats 2>&1 | awk '/^Pk lev dB/ {print $4}'
}

# Prints the seconds of silence before the speech in a file.
leading_silence_s() {
    sox "$1" "$work/trimmed.wav" silence 1 0.02 "$silence_threshold"
    awk -v a="$(soxi -D "$1")" -v b="$(soxi -D "$work/trimmed.wav")" 'BEGIN {printf "%.4f", a - b}'
}

count=0
while read -r id text; do
    case "$id" in ''|'#'*) continue ;; esac
    if [ -z "$text" ]; then
        echo "generate.sh: prompt '$id' has no text" >&2
        exit 1
    fi
    printf '%s\n' "$text" > "$work/$id.txt"
    text2wave -eval "($voice)" "$work/$id.txt" -o "$work/$id.raw.wav"

    # Telephone band (which also removes the synthesiser's DC offset), then the G.711 rate.
    # Float intermediates so the later level change adds no extra quantisation.
    band="$work/$id.band.wav"
    sox "$work/$id.raw.wav" -e floating-point -b 32 "$band" sinc 300-3400 rate -v 8000

    # Cut the silence down to margin_s each side (sox's silence effect alone would also cut
    # the first and last few milliseconds of speech), padding if the synthesiser left less.
    sox "$band" "$work/reversed.wav" reverse
    lead=$(leading_silence_s "$band")
    tail=$(leading_silence_s "$work/reversed.wav")
    total=$(soxi -D "$band")
    read -r start length pad_start pad_end < <(awk -v l="$lead" -v t="$tail" -v n="$total" -v m="$margin_s" 'BEGIN {
        s = (l > m) ? l - m : 0; e = (t > m) ? n - t + m : n
        printf "%.4f %.4f %.4f %.4f\n", s, e - s, (l > m) ? 0 : m - l, (t > m) ? 0 : m - t }')
    shaped="$work/$id.shaped.wav"
    sox "$band" "$shaped" trim "$start" "$length" fade h "$fade_s" -0 "$fade_s" pad "$pad_start" "$pad_end"

    level=$(speech_level_db "$shaped")
    peak=$(peak_db "$shaped")
    gain=$(awk -v t="$target_db" -v l="$level" -v m="$max_peak_db" -v p="$peak" \
        'BEGIN {g = t - l; if (p + g > m) g = m - p; printf "%.2f", g}')
    # -D: no dither, so regeneration is byte-for-byte repeatable.
    sox -D "$shaped" -t wav -e signed-integer -b 16 -c 1 -r 8000 "$out/$id.wav" gain "$gain"

    printf '%-24s %5.2f s  speech %6s dBFS  peak %6s dBFS\n' "$id" \
        "$(soxi -D "$out/$id.wav")" "$(speech_level_db "$out/$id.wav")" "$(peak_db "$out/$id.wav")"
    count=$((count + 1))
done < "$list"

echo "generated $count prompts in $out"
