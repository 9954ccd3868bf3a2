#!/bin/sh
# Install tests: libsyria as a user gets it from `cmake --install`.
#
#   test_install.sh BUILD_DIR PREFIX SOURCE_DIR WORK_DIR CASE
#
# CASE setup installs BUILD_DIR into a fresh PREFIX; the other cases
# (files header abi pkgconfig cmake) check the installed tree. Every check
# runs; the exit status is 1 if any failed.
set -u

build=$1 prefix=$2 src=$3 work=$4 case=$5
python=/usr/bin/python3
failed=0

fail() {
    echo "FAIL: $*"
    failed=1
}
ok() {
    echo "ok: $*"
}

# The installed library folder (lib, lib64 or a multiarch folder).
libdir=
for d in "$prefix"/lib "$prefix"/lib64 "$prefix"/lib/*-linux-gnu; do
    if [ -e "$d/libsyria.so.1" ]; then libdir=$d; break; fi
done

# Runs a consumer's output through checks: "tokens N" (N >= 10), then one
# JSON object of schema libsyria/1 with N tokens.
check_consumer_output() {
    what=$1 out=$2
    printf '%s\n' "$out" | "$python" -c '
import json, sys
lines = sys.stdin.read().split("\n")
head = lines[0].split()
assert len(head) == 2 and head[0] == "tokens", "first line %r" % lines[0]
n = int(head[1])
assert n >= 10, "only %d tokens" % n
doc = json.loads(lines[1])
assert doc["schema"] == "libsyria/1", doc.get("schema")
assert doc["doc"] == "consumer", doc.get("doc")
assert len(doc["tokens"]) == n, "%d tokens in JSON, %d printed" % (len(doc["tokens"]), n)
' && ok "$what runs and prints $(printf '%s' "$out" | head -n 1)" || fail "$what output is wrong: $(printf '%s' "$out" | head -c 300)"
}

case $case in
setup)
    rm -rf "$prefix"
    if cmake --install "$build" --prefix "$prefix"; then ok "installed into $prefix"; else fail "cmake --install"; fi
    ;;

files)
    [ -n "$libdir" ] && ok "libsyria.so.1 in $libdir" || fail "no libsyria.so.1 under $prefix/lib*"
    [ -f "$prefix/include/syria/syria.h" ] && ok "header installed" || fail "$prefix/include/syria/syria.h missing"
    [ -n "$libdir" ] && [ -e "$libdir/libsyria.so" ] && ok "libsyria.so link" || fail "no libsyria.so development link"
    [ -n "$libdir" ] && [ -f "$libdir/pkgconfig/libsyria.pc" ] && ok "libsyria.pc" || fail "libsyria.pc missing"
    [ -n "$libdir" ] && [ -f "$libdir/cmake/syria/syriaConfig.cmake" ] && ok "syriaConfig.cmake" || fail "syriaConfig.cmake missing"
    if [ -x "$prefix/bin/syria" ]; then
        v=$(LD_LIBRARY_PATH=$libdir "$prefix/bin/syria" --version 2>&1)
        want=$(sed -n 's/^#define SYRIA_VERSION_\(MAJOR\|MINOR\|PATCH\) \([0-9]*\)$/\2/p' "$prefix/include/syria/syria.h" | paste -sd. -)
        [ "$v" = "syria $want" ] && ok "syria --version: $v" || fail "syria --version printed '$v', expected 'syria $want'"
        out=$(printf 'روسيا وتركيا.' | LD_LIBRARY_PATH=$libdir "$prefix/bin/syria" analyze 2>&1)
        case $out in
        *'"schema":"libsyria/1"'*) ok "installed syria analyzes" ;;
        *) fail "installed syria analyze: $out" ;;
        esac
    else
        fail "$prefix/bin/syria missing or not executable"
    fi
    ;;

header)
    h="$prefix/include/syria/syria.h"
    [ -f "$h" ] || { fail "$h missing"; exit 1; }
    mkdir -p "$work"
    # A translation unit that uses the header's macros and types.
    cat > "$work/header_tu.c" <<'EOF'
#include <syria/syria.h>
int header_tu(void);
int header_tu(void)
{
    syria_options opt = SYRIA_OPTIONS_INIT;
    return (int)opt.version + SYRIA_VERSION_NUMBER + (int)SYRIA_NORM_DEFAULT + (int)sizeof(syria_token);
}
EOF
    cp "$work/header_tu.c" "$work/header_tu.cpp"
    for std in c99 c11; do
        if cc -std=$std -pedantic -Werror -Wall -Wextra -I"$prefix/include" -c "$work/header_tu.c" -o "$work/header_$std.o"; then
            ok "header compiles with -std=$std -pedantic -Werror -Wall -Wextra"
        else
            fail "header does not compile cleanly with -std=$std"
        fi
    done
    if c++ -std=c++11 -pedantic -Werror -Wall -Wextra -I"$prefix/include" -c "$work/header_tu.cpp" -o "$work/header_cxx.o"; then
        ok "header compiles with c++ -std=c++11 -pedantic -Werror"
    else
        fail "header does not compile cleanly with c++ -std=c++11"
    fi
    # No ICU or utf8proc type leaks into the public header.
    if grep -Eq '#[[:space:]]*include[[:space:]]*[<"](unicode/|utf8proc)|\<UChar|UErrorCode|utf8proc_[a-z]' "$h"; then fail "the header mentions ICU or utf8proc"; else ok "no ICU/utf8proc in the header"; fi
    ;;

abi)
    [ -n "$libdir" ] || { fail "no installed libsyria.so.1"; exit 1; }
    so="$libdir/libsyria.so.1"
    soname=$(readelf -d "$so" | sed -n 's/.*(SONAME).*\[\(.*\)\].*/\1/p')
    [ "$soname" = "libsyria.so.1" ] && ok "SONAME $soname" || fail "SONAME '$soname', expected libsyria.so.1"
    # Defined dynamic symbols, minus version node names (type A).
    syms=$(nm -D --defined-only "$so" | awk '$2 != "A" { print $3 }' | sed 's/@.*//')
    n=$(printf '%s\n' "$syms" | grep -c '^syria_')
    others=$(printf '%s\n' "$syms" | grep -v '^syria_' | grep -v '^$')
    [ -z "$others" ] && ok "$n exported symbols, all syria_*" || fail "non-syria_ symbols exported: $(printf '%s' "$others" | tr '\n' ' ')"
    [ "$n" -ge 25 ] && ok "at least 25 syria_ symbols" || fail "only $n syria_ symbols exported"
    for f in syria_analyze syria_doc_to_json syria_model_load_default syria_normalize syria_version; do
        printf '%s\n' "$syms" | grep -qx "$f" || fail "$f is not exported"
    done
    nm -D --defined-only "$so" | grep -q 'syria_analyze@@SYRIA_1.0' && ok "symbols carry version SYRIA_1.0" || fail "syria_analyze is not versioned SYRIA_1.0"
    ;;

pkgconfig)
    [ -n "$libdir" ] || { fail "no installed libsyria.so.1"; exit 1; }
    mkdir -p "$work"
    export PKG_CONFIG_PATH="$libdir/pkgconfig"
    v=$(pkg-config --modversion libsyria) && ok "pkg-config finds libsyria $v" || fail "pkg-config cannot find libsyria"
    # The .pc must describe the tree it was installed into.
    inc=$(pkg-config --variable=includedir libsyria)
    case $inc in
    "$prefix"/*) ok "includedir $inc" ;;
    *) fail "pkg-config includedir '$inc' is not under the install prefix $prefix" ;;
    esac
    flags=$(pkg-config --cflags --libs libsyria)
    echo "pkg-config --cflags --libs libsyria: $flags"
    rm -f "$work/pc_consumer"
    # shellcheck disable=SC2086
    if cc -std=c11 -Wall -Werror "$src/consumer.c" -o "$work/pc_consumer" $flags; then
        ok "consumer.c builds with pkg-config flags"
        out=$(LD_LIBRARY_PATH=$libdir "$work/pc_consumer" 2>&1)
        check_consumer_output "pkg-config consumer" "$out"
    else
        fail "consumer.c does not build with: cc consumer.c $flags"
    fi
    ;;

cmake)
    [ -n "$libdir" ] || { fail "no installed libsyria.so.1"; exit 1; }
    b="$work/cmake_consumer"
    rm -rf "$b"
    if cmake -S "$src/cmake_consumer" -B "$b" -DCMAKE_PREFIX_PATH="$prefix" \
        -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF -DCMAKE_FIND_USE_SYSTEM_PACKAGE_REGISTRY=OFF >"$work/cmake_configure.log" 2>&1; then
        d=$(sed -n 's/^syria_DIR:PATH=//p' "$b/CMakeCache.txt")
        case $d in
        "$prefix"/*) ok "find_package(syria) found $d" ;;
        *) fail "find_package(syria) found '$d', not the install prefix" ;;
        esac
        if cmake --build "$b" >"$work/cmake_build.log" 2>&1; then
            ok "cmake consumer builds"
            out=$(LD_LIBRARY_PATH=$libdir "$b/app" 2>&1)
            check_consumer_output "cmake consumer" "$out"
        else
            cat "$work/cmake_build.log"
            fail "cmake consumer does not build"
        fi
    else
        cat "$work/cmake_configure.log"
        fail "cmake consumer does not configure"
    fi
    ;;

*)
    echo "unknown case $case"
    exit 2
    ;;
esac
exit $failed
