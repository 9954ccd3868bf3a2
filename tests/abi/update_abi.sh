#!/bin/sh
# update_abi.sh BUILD_DIR: rewrites tests/abi/libsyria.abi from
# BUILD_DIR/libsyria/libsyria.so.1. Only for a deliberate, recorded ABI change
# (tests/abi/README.md); BUILD_DIR must be a RelWithDebInfo build without
# sanitizers, built with the usual compiler (gcc).
set -eu
. "$(dirname "$0")/common.sh"
find_lib "${1:-}"

command -v abidw >/dev/null 2>&1 || { echo "abidw (abigail-tools) is not installed" >&2; exit 1; }
if [ -f "$(dirname "$LIB")/../CMakeCache.txt" ]; then
    cache=$(dirname "$LIB")/../CMakeCache.txt
    bt=$(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$cache")
    san=$(sed -n 's/^SYRIA_SANITIZE:[A-Z]*=//p' "$cache")
    flags=$(sed -n 's/^CMAKE_C_FLAGS:[A-Z]*=//p' "$cache")
    case "$bt" in RelWithDebInfo) ;; *) echo "refusing: build type is '$bt', not RelWithDebInfo" >&2; exit 1;; esac
    case "$san" in ON|on|1|TRUE|true|YES|yes) echo "refusing: SYRIA_SANITIZE is on" >&2; exit 1;; esac
    case "$flags" in *-fsanitize*) echo "refusing: CMAKE_C_FLAGS has -fsanitize" >&2; exit 1;; esac
fi

# Stable across checkouts and unrelated edits: no corpus path, no compilation
# directory, locations as bare file names (line and column numbers are set
# to 1 below); only the public header's types, and no declarations of the
# functions libsyria calls (ICU, utf8proc, libc). The file names must stay:
# abidiff --hd2 tells public types from private ones by them (without a
# location, or without its line, every change to a public struct was
# filtered out as a change to a private type).
tmp=$BASELINE.tmp
abidw --no-corpus-path --no-comp-dir-path --short-locs \
    --headers-dir "$INCLUDE_DIR" --drop-private-types --drop-undefined-syms \
    --out-file "$tmp" "$LIB"
# abidw keeps each translation unit's absolute path (CMake compiles with
# absolute paths): make it relative to the source folder. abidiff does not
# compare these paths.
src_re=$(printf '%s/' "$SRC_DIR" | sed 's/[][\\.*^$|]/\\&/g')
sed -i "s|path='$src_re|path='|; s| line='[0-9]*' column='[0-9]*'| line='1' column='1'|g" "$tmp"
if grep -q "path='/" "$tmp"; then
    echo "note: absolute paths left in the baseline:" >&2
    grep -o "path='/[^']*'" "$tmp" | sort -u >&2
fi
mv "$tmp" "$BASELINE"
echo "wrote $BASELINE from $LIB ($(abidw --version))"
echo "Record why in the commit message; check it with tests/abi/check_abi.sh $1"
