#!/usr/bin/env bash
# Smoke-fuzz libsyria: build the libFuzzer targets in build-fuzz/, build seed
# corpora there, fuzz each target for SECONDS seconds, then replay every file
# of tests/fuzz/regressions through each target.
#
#   tests/fuzz/run_smoke.sh SECONDS        (from any working directory)
#
# Environment: SYRIA_FUZZ_BUILD (build folder, default <repo>/build-fuzz),
# CC (default clang), JOBS (build parallelism, default nproc).
# Exit status: 0 when every run and replay passed; 1 on any crash, leak,
# timeout, out-of-memory or invariant failure (the input is named); 2 on a
# usage or build error. Needs no network.
set -u

usage() { echo "usage: $0 SECONDS" >&2; exit 2; }
[ $# -eq 1 ] || usage
case "$1" in '' | *[!0-9]*) usage ;; esac
SECS=$1

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
SHARED=$ROOT/../shared
BUILD=${SYRIA_FUZZ_BUILD:-$ROOT/build-fuzz}
REG=$HERE/regressions
DICT=$HERE/dict/syria.dict
TARGETS="fuzz_analyze fuzz_json fuzz_model"
BIN=$BUILD/tests/fuzz
MODEL=$ROOT/libsyria/model/default.smdl

say() { printf '== %s\n' "$*"; }
die() { printf 'run_smoke: %s\n' "$*" >&2; exit 2; }

mkdir -p "$BUILD" || die "cannot create $BUILD"
BUILD=$(cd "$BUILD" && pwd)

# --- configure and build ----------------------------------------------------
# The project includes tests/fuzz when SYRIA_FUZZ is on (tests/CMakeLists.txt:
# add_subdirectory(fuzz)). Until it does, attach the fuzz targets through a
# project include that runs tests/fuzz/CMakeLists.txt at the end of the top
# level; it does nothing when the targets already exist.
ATTACH=$BUILD/fuzz-attach.cmake
cat >"$ATTACH" <<EOF
# Written by tests/fuzz/run_smoke.sh.
function(_syria_fuzz_attach)
  if(SYRIA_FUZZ AND NOT TARGET fuzz_analyze)
    include("$HERE/CMakeLists.txt")
  endif()
endfunction()
cmake_language(DEFER CALL _syria_fuzz_attach)
EOF

say "configure $BUILD"
CC=${CC:-clang} cmake -S "$ROOT" -B "$BUILD" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DSYRIA_FUZZ=ON -DSYRIA_BINDINGS=OFF -DBUILD_TESTING=ON \
    -DCMAKE_PROJECT_INCLUDE="$ATTACH" >"$BUILD/fuzz-configure.log" 2>&1 ||
    { tail -30 "$BUILD/fuzz-configure.log" >&2; die "configure failed (log: $BUILD/fuzz-configure.log)"; }
say "build $TARGETS"
# shellcheck disable=SC2086
cmake --build "$BUILD" -j"${JOBS:-$(nproc 2>/dev/null || echo 2)}" --target $TARGETS \
    >"$BUILD/fuzz-build.log" 2>&1 ||
    { tail -30 "$BUILD/fuzz-build.log" >&2; die "build failed (log: $BUILD/fuzz-build.log)"; }
for t in $TARGETS; do [ -x "$BIN/$t" ] || die "$BIN/$t was not built"; done

# --- seed corpora (in the build folder only) ----------------------------------
SEEDS=$BUILD/fuzz-seeds
WORK=$BUILD/fuzz-corpus
ART=$BUILD/fuzz-artifacts
rm -rf "$SEEDS"
mkdir -p "$ART" || die "cannot create $ART"
for t in $TARGETS; do mkdir -p "$SEEDS/$t" "$WORK/$t" || die "cannot create corpus folders"; done

texts=$BUILD/fuzz-texts
rm -rf "$texts"
mkdir -p "$texts"
if [ -d "$SHARED" ]; then
    n=0
    for f in "$SHARED"/seeds/*.txt; do
        [ -f "$f" ] || continue
        head -c 60000 "$f" >"$texts/seed$n.txt"
        n=$((n + 1))
    done
    corpus=$SHARED/data/corpus/ant_multisource.txt
    if [ -f "$corpus" ]; then
        # The first articles (blank-line separated), each up to 60 kB.
        head -c 400000 "$corpus" | awk -v dir="$texts" 'BEGIN { RS = ""; n = 0 }
            n < 12 { f = sprintf("%s/article%02d.txt", dir, n++); printf "%s\n", substr($0, 1, 60000) > f; close(f) }'
    fi
    say "seed texts from $SHARED: $(ls "$texts" | wc -l) files"
else
    say "no $SHARED: seeds from the regression inputs only"
fi

# fuzz_analyze: 3 option bytes, then the text (see fuzz_analyze.c).
# fuzz_json: 4 flag bytes, name length, option bits, then the text.
i=0
for f in "$texts"/*; do
    [ -f "$f" ] || continue
    { printf '\000\377\000'; cat "$f"; } >"$SEEDS/fuzz_analyze/t$i-default"
    { printf '\007\377\007'; cat "$f"; } >"$SEEDS/fuzz_analyze/t$i-allnorm"
    { printf '\102\000\000'; cat "$f"; } >"$SEEDS/fuzz_analyze/t$i-nonorm"
    { printf '\000\000\000\000\377\000'; cat "$f"; } >"$SEEDS/fuzz_json/t$i-compact"
    { printf '\003\000\000\000\003\005doc'; cat "$f"; } >"$SEEDS/fuzz_json/t$i-pretty-notokens"
    i=$((i + 1))
done
for t in fuzz_analyze fuzz_json; do cp "$REG"/* "$SEEDS/$t/" 2>/dev/null; done

# fuzz_model: the real model, truncated and bit-flipped copies, the small
# hand-made model of the regressions.
ms=$SEEDS/fuzz_model
cp "$MODEL" "$ms/default.smdl" || die "missing $MODEL"
size=$(wc -c <"$MODEL")
for n in 31 32 56 200 4096 65536 $((size / 2)) $((size - 1)); do
    head -c "$n" "$MODEL" >"$ms/trunc-$n"
done
flip() { # flip FILE OFFSET XOR
    local b
    b=$(od -An -tu1 -j"$2" -N1 "$1" | tr -d ' ')
    [ -n "$b" ] || return 0
    # shellcheck disable=SC2059
    printf "\\$(printf '%03o' $((b ^ $3)))" | dd of="$1" bs=1 seek="$2" conv=notrunc status=none
}
for off in 0 9 12 16 24 32 40 48 60 100 1000 $((size / 3)) $((size - 2)); do
    cp "$MODEL" "$ms/flip-$off"
    flip "$ms/flip-$off" "$off" 1
done
cp "$REG"/* "$ms/" 2>/dev/null

# --- fuzz -----------------------------------------------------------------------
passed=0
failed=0
failures=""
summary=""
for t in $TARGETS; do
    case $t in
    fuzz_model) maxlen=4194304 ;;
    *) maxlen=65536 ;;
    esac
    log=$BUILD/fuzz-$t.log
    say "fuzz $t for ${SECS}s (log: $log)"
    rm -f "$ART/$t"-*
    "$BIN/$t" -max_total_time="$SECS" -max_len="$maxlen" -rss_limit_mb=2048 -timeout=10 \
        -dict="$DICT" -print_final_stats=1 -artifact_prefix="$ART/$t-" \
        "$WORK/$t" "$SEEDS/$t" >"$log" 2>&1
    rc=$?
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    [ -n "$execs" ] || execs=$(sed -n 's/.*Done \([0-9]*\) runs.*/\1/p' "$log" | tail -1)
    [ -n "$execs" ] || execs="?"
    if [ $rc -eq 0 ]; then
        passed=$((passed + 1))
        summary="$summary$(printf '%-13s %4ss  %10s executions  ok' "$t" "$SECS" "$execs")\n"
    else
        failed=$((failed + 1))
        art=$(ls -t "$ART/$t"-* 2>/dev/null | head -1)
        what=$(grep -m1 -E 'ERROR: (libFuzzer|AddressSanitizer|LeakSanitizer|UndefinedBehaviorSanitizer)|FUZZ INVARIANT FAILED|runtime error' "$log")
        summary="$summary$(printf '%-13s %4ss  %10s executions  FAILED' "$t" "$SECS" "$execs")\n"
        failures="$failures  $t: exit $rc: ${what:-see log}\n    input: ${art:-none saved}\n    log:   $log\n"
        grep -A25 -m1 -E 'ERROR: |FUZZ INVARIANT FAILED|runtime error' "$log" | head -40 >&2
    fi
done

# --- replay the regressions --------------------------------------------------------
for t in $TARGETS; do
    for f in "$REG"/*; do
        [ -f "$f" ] || continue
        out=$("$BIN/$t" -timeout=10 -rss_limit_mb=2048 "$f" 2>&1)
        rc=$?
        if [ $rc -eq 0 ]; then
            passed=$((passed + 1))
        else
            failed=$((failed + 1))
            failures="$failures  $t: replay of $f: exit $rc\n    input: $f\n"
            printf '%s\n' "$out" | grep -A25 -m1 -E 'ERROR: |FUZZ INVARIANT FAILED|runtime error' >&2
        fi
    done
done

echo
say "summary"
printf '%b' "$summary"
nreg=$(ls "$REG" 2>/dev/null | wc -l)
echo "regressions: $nreg files replayed through each of the 3 targets"
if [ $failed -ne 0 ]; then
    printf 'failures:\n%b' "$failures"
fi
echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
