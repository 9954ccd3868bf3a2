#!/bin/sh
# tests/tsan/run.sh [BUILD_DIR]: builds libsyria and test_threads with clang
# and ThreadSanitizer (default BUILD_DIR: build-tsan beside this checkout's
# sources) and runs test_threads under it. Exits non-zero on any TSan report
# (halt_on_error=1, and exitcode 66 for reports) or test failure.
#
# Suppressions: tests/tsan/suppressions.txt, if present, is passed to TSan;
# it may only name ICU internals (libicu*), never libsyria code.
set -eu
SRC_DIR=$(cd "$(dirname "$0")/../.." && pwd)
BUILD_DIR=${1:-$SRC_DIR/build-tsan}
SUPP=$SRC_DIR/tests/tsan/suppressions.txt

command -v clang >/dev/null 2>&1 || { echo "SKIP: clang is not installed"; exit 77; }

# clang links the TSan runtime statically into executables only (its shared
# runtime, -shared-libsan, crashes at start-up here with clang 14). libsyria
# links with -Wl,--no-undefined, so its __tsan_* references are allowed to
# stay undefined (-z undefs, after --no-undefined on the link line): the
# test executable's runtime provides them at load time.
# CMAKE_BUILD_TYPE=TSan (no per-type flags) keeps -O1 from being overridden
# by RelWithDebInfo's -O2; it also makes abi_baseline skip in this build.
CC=clang cmake -S "$SRC_DIR" -B "$BUILD_DIR" \
    -DCMAKE_BUILD_TYPE=TSan \
    -DCMAKE_C_COMPILER=clang \
    -DCMAKE_C_FLAGS="-fsanitize=thread -g -O1 -fno-omit-frame-pointer" \
    -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=thread" \
    -DCMAKE_SHARED_LINKER_FLAGS="-fsanitize=thread -Wl,-z,undefs" \
    -DSYRIA_SANITIZE=OFF \
    -DSYRIA_BINDINGS=OFF
cmake --build "$BUILD_DIR" -j"$(nproc 2>/dev/null || echo 2)" --target test_threads

opts="halt_on_error=1 exitcode=66 second_deadlock_stack=1 history_size=4"
if [ -f "$SUPP" ]; then
    # Only ICU may be suppressed: refuse entries that name anything else.
    if grep -vE '^[[:space:]]*(#|$)' "$SUPP" | grep -vqE '^(race|race_top|thread|mutex|signal|deadlock|called_from_lib):.*[Ii][Cc][Uu]'; then
        echo "FAIL: $SUPP has entries that are not limited to ICU:" >&2
        grep -vE '^[[:space:]]*(#|$)' "$SUPP" | grep -vE '^(race|race_top|thread|mutex|signal|deadlock|called_from_lib):.*[Ii][Cc][Uu]' >&2
        exit 1
    fi
    opts="$opts suppressions=$SUPP"
fi

# ASLR with a high mmap entropy breaks older TSan runtimes ("unexpected memory
# mapping"); setarch -R runs the test without it where available.
run=""
if command -v setarch >/dev/null 2>&1 && setarch "$(uname -m)" -R true 2>/dev/null; then
    run="setarch $(uname -m) -R"
fi

log=$BUILD_DIR/tsan-test_threads.log
echo "running test_threads under ThreadSanitizer (TSAN_OPTIONS=$opts)"
set +e
TSAN_OPTIONS="$opts" $run "$BUILD_DIR/tests/test_threads" >"$log" 2>&1
rc=$?
set -e
cat "$log"
if grep -q "WARNING: ThreadSanitizer" "$log"; then
    echo "FAIL: ThreadSanitizer reported (see above; log $log)" >&2
    exit 1
fi
if [ $rc -ne 0 ]; then
    echo "FAIL: test_threads exited with status $rc under ThreadSanitizer (log $log)" >&2
    exit 1
fi
echo "OK: test_threads passed under ThreadSanitizer with no report"
