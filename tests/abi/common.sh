# Shared by the tests/abi scripts (sourced, not run). Sets SRC_DIR, HEADER,
# INCLUDE_DIR, MAP, BASELINE, and LIB from the first argument: a build folder
# (its libsyria/libsyria.so.1) or the library file itself.
ABI_DIR=$(cd "$(dirname "$0")" && pwd)
SRC_DIR=$(cd "$ABI_DIR/../.." && pwd)
INCLUDE_DIR=$SRC_DIR/libsyria/include
HEADER=${SYRIA_ABI_HEADER:-$INCLUDE_DIR/syria/syria.h}  # override only to test the scripts
MAP=$SRC_DIR/libsyria/syria.map
BASELINE=${SYRIA_ABI_BASELINE:-$ABI_DIR/libsyria.abi}  # override only to test the scripts
SKIP=77

find_lib() {
    if [ -z "${1:-}" ]; then
        echo "usage: $(basename "$0") BUILD_DIR|LIBRARY" >&2
        exit 2
    fi
    if [ -f "$1" ]; then
        LIB=$1
    elif [ -e "$1/libsyria/libsyria.so.1" ]; then
        LIB=$1/libsyria/libsyria.so.1
    else
        echo "$(basename "$0"): no libsyria.so.1 under $1 (build the syria target first)" >&2
        exit 2
    fi
}
