#!/bin/sh
# check_exports.sh BUILD_DIR: the dynamic symbols libsyria.so.1 defines are
# exactly the functions the public header declares with SYRIA_API, every one
# in the version node SYRIA_1.0, and the version script's global patterns
# cover each of them. Prints a diff and fails otherwise. Exit 77 (skip)
# without nm/objdump (binutils).
set -u
. "$(dirname "$0")/common.sh"
find_lib "${1:-}"

for tool in nm objdump readelf; do
    command -v $tool >/dev/null 2>&1 || { echo "SKIP: $tool (binutils) is not installed"; exit $SKIP; }
done

NODE=SYRIA_1.0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail=0

# 1. Functions declared with SYRIA_API (declarations may span lines):
#    the identifier right before the first '(' after SYRIA_API.
grep -v '^[[:space:]]*#' "$HEADER" | tr '\n' ' ' |
    grep -oE 'SYRIA_API[^;(]*\(' |
    sed -E 's/[[:space:]]*\($//; s/.*[^A-Za-z0-9_]//' | LC_ALL=C sort -u >"$work/header"
if [ ! -s "$work/header" ]; then
    echo "FAIL: found no SYRIA_API declarations in $HEADER" >&2
    exit 1
fi

# 2. Defined dynamic symbols (without the version suffix nm may append; the
#    version node's own absolute symbol is not a function).
nm -D --defined-only "$LIB" | awk '$2 != "A" { print $3 }' | sed 's/@.*//' |
    LC_ALL=C sort -u >"$work/exported"
if ! diff -u "$work/header" "$work/exported" >"$work/diff1"; then
    echo "FAIL: exported symbols (+) differ from the SYRIA_API functions of syria.h (-):"
    cat "$work/diff1"
    fail=1
fi

# Every exported symbol is a function (type T), not data.
nm -D --defined-only "$LIB" | awk '$2 != "A" && $2 != "T" { print }' >"$work/nonfunc"
if [ -s "$work/nonfunc" ]; then
    echo "FAIL: exported symbols that are not functions:"
    cat "$work/nonfunc"
    fail=1
fi

# 3. The version node of each defined dynamic symbol (objdump -T: the
#    column before the name; "(NODE)" would mean a hidden version).
#    Skip the version definition's own *ABS* symbol (name == node).
objdump -T "$LIB" | awk '$2 ~ /g/ && $4 !~ /\*UND\*/ && NF >= 7 && $(NF) != $(NF-1) { print $(NF) " " $(NF-1) }' |
    LC_ALL=C sort >"$work/versions"
awk -v node="$NODE" '$2 != node' "$work/versions" >"$work/wrongnode"
if [ -s "$work/wrongnode" ]; then
    echo "FAIL: symbols not in the version node $NODE (symbol, node):"
    cat "$work/wrongnode"
    fail=1
fi
awk '{ print $1 }' "$work/versions" | LC_ALL=C sort -u >"$work/versioned"
if ! diff -u "$work/header" "$work/versioned" >"$work/diff2"; then
    echo "FAIL: versioned symbols in objdump -T (+) differ from syria.h (-):"
    cat "$work/diff2"
    fail=1
fi
if ! readelf -V "$LIB" | grep -q "Name: $NODE"; then
    echo "FAIL: no version definition $NODE in $LIB (readelf -V)"
    fail=1
fi
soname=$(readelf -d "$LIB" | sed -n 's/.*(SONAME).*\[\(.*\)\].*/\1/p')
if [ "$soname" != "libsyria.so.1" ]; then
    echo "FAIL: SONAME is '$soname', expected libsyria.so.1"
    fail=1
fi

# 4. The version script: the global patterns of node NODE cover every
#    header function (shell glob matching, as ld does for simple patterns).
sed 's:/\*.*\*/::g' "$MAP" | tr '\n' ' ' | sed 's:/\*[^*]*\*/::g' |
    sed -n "s/.*$NODE[[:space:]]*{\(.*\)/\1/p" | sed 's/}.*//' |
    sed -n 's/.*global:\(.*\)/\1/p' | sed 's/local:.*//' | tr ';' '\n' |
    sed 's/^[[:space:]]*//; s/[[:space:]]*$//' | grep -v '^$' >"$work/patterns"
if [ ! -s "$work/patterns" ]; then
    echo "FAIL: no global patterns for $NODE in $MAP"
    fail=1
fi
while read -r sym; do
    covered=0
    while read -r pat; do
        # shellcheck disable=SC2254
        case "$sym" in $pat) covered=1; break ;; esac
    done <"$work/patterns"
    [ $covered -eq 1 ] || { echo "FAIL: $sym is not covered by the global patterns of $NODE in syria.map ($(tr '\n' ' ' <"$work/patterns"))"; fail=1; }
done <"$work/header"

n=$(wc -l <"$work/header")
if [ $fail -ne 0 ]; then
    exit 1
fi
echo "OK: $n SYRIA_API functions exported, all in $NODE, covered by syria.map ($(tr '\n' ' ' <"$work/patterns")); SONAME $soname"
exit 0
