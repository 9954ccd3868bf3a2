#!/bin/sh
# ctest example_c_pkgconfig: install the build tree into a fresh prefix, build
# examples/c with its Makefile through pkg-config, and run it on an article.
#   test_pkgconfig.sh BUILD_DIR WORK_DIR EXAMPLE_SRC_DIR ARTICLE DATE
set -eu
build=$1 work=$2 src=$3 article=$4 date=$5
rm -rf "$work"
mkdir -p "$work"
cmake --install "$build" --prefix "$work/prefix" > "$work/install.log"
pc=$(find "$work/prefix" -name libsyria.pc | head -n 1)
[ -n "$pc" ] || { echo "FAIL: no libsyria.pc installed"; exit 1; }
PKG_CONFIG_PATH=$(dirname "$pc")
export PKG_CONFIG_PATH
echo "pkg-config --cflags --libs libsyria: $(pkg-config --cflags --libs libsyria)"
make -s -C "$work" -f "$src/Makefile" SRCDIR="$src"
# The program finds the installed library by its rpath alone.
LD_LIBRARY_PATH= "$work/analyze" "$article" "$date"
