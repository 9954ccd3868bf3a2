#!/bin/sh
# check_abi.sh BUILD_DIR: compares the ABI of BUILD_DIR/libsyria/libsyria.so.1
# with the recorded baseline tests/abi/libsyria.abi (abidiff, public types
# only). Any change, compatible or not, fails: a deliberate change is recorded
# with update_abi.sh (see README.md). Exit 77 (skip) without abidiff.
set -u
. "$(dirname "$0")/common.sh"
find_lib "${1:-}"

if ! command -v abidiff >/dev/null 2>&1; then
    echo "SKIP: abidiff (abigail-tools) is not installed"
    exit $SKIP
fi
if [ ! -f "$BASELINE" ]; then
    echo "FAIL: no baseline $BASELINE; create it with tests/abi/update_abi.sh" >&2
    exit 1
fi

# abidiff reads a damaged XML file partly and may then report no change:
# make sure the baseline is whole and lists the library's symbols.
if command -v xmllint >/dev/null 2>&1; then
    if ! xmllint --noout "$BASELINE" 2>&1; then
        echo "FAIL: $BASELINE is not well-formed XML" >&2
        exit 1
    fi
fi
if ! grep -q "<elf-symbol name='syria_" "$BASELINE" || ! grep -q "soname='libsyria.so.1'" "$BASELINE"; then
    echo "FAIL: $BASELINE does not look like an abidw corpus of libsyria.so.1" >&2
    exit 1
fi

# --hd2: only types reachable from the public header count for the new
# library (the baseline was written the same way). --no-added-syms is not
# used: a new exported function without a new version node is a change too.
# --harmless: renames of members or parameters, which abidiff filters out
# by default, fail as well (they break source compatibility).
report=$(abidiff --harmless --hd2 "$INCLUDE_DIR" --drop-private-types \
    "$BASELINE" "$LIB" 2>&1)
rc=$?
if [ $rc -ne 0 ]; then
    echo "FAIL: the ABI of $LIB differs from $BASELINE (abidiff exit status $rc:"
    [ $((rc & 1)) -ne 0 ] && echo "  abidiff error"
    [ $((rc & 2)) -ne 0 ] && echo "  usage error"
    [ $((rc & 4)) -ne 0 ] && echo "  ABI change"
    [ $((rc & 8)) -ne 0 ] && echo "  INCOMPATIBLE ABI change"
    echo ")"
    echo "$report"
    echo
    echo "If the change is intended and recorded (new functions in a new version node,"
    echo "see tests/abi/README.md), regenerate the baseline with tests/abi/update_abi.sh."
    exit 1
fi
echo "OK: ABI of $LIB matches $(basename "$BASELINE")"
if command -v readelf >/dev/null 2>&1 && ! readelf -S "$LIB" | grep -q '\.debug_info'; then
    echo "NOTE: $LIB has no debug info (Release build?): only its symbols were compared, not types"
fi
[ -n "$report" ] && echo "$report"
exit 0
