#!/usr/bin/env bash
# Installs the Debian packages libsyria builds, tests and rebuilds its model
# with. Uses sudo when not run as root.
set -euo pipefail
packages=(build-essential cmake pkg-config libicu-dev libutf8proc-dev swig libcunit1-dev
          liblua5.4-dev lua5.4 python3 python3-dev hunspell-ar clang libclang-rt-dev abigail-tools valgrind)
# The ecosystem: the HTML page's browser test, the Dask and plotting examples,
# the API reference and the man page check.
packages+=(chromium python3-distributed python3-matplotlib doxygen groff-base)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi
sudo=""
[ "$(id -u)" -eq 0 ] || sudo=sudo
echo "install-deps: installing ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}"
