#!/bin/sh
# valgrind memcheck over the command-line tool (issue 6): `syria analyze`
# and `syria tokenize` on every seed article of ../shared/seeds, and
# `syria analyze` on bad inputs (invalid UTF-8, a NUL byte, an empty file, a
# missing path, a bad date, a missing model, a missing option value), must report no memory error and no definite or indirect
# leak.
#
#   run_memcheck.sh SYRIA_BIN SHARED_DIR TMP_DIR
#
# Exit 0 when clean, 1 on a valgrind error or leak (or a wrong exit status
# of the tool), 77 (ctest: skipped) when valgrind or the seeds are absent.
set -u
syria=$1 shared=$2 tmp=$3
if ! command -v valgrind >/dev/null 2>&1; then
  echo "SKIP: valgrind is not installed (tools/install-deps.sh installs it)"
  exit 77
fi
set -- "$shared"/seeds/*.txt
if [ ! -f "$1" ]; then
  echo "SKIP: no seed articles in $shared/seeds (the shared data folder is absent)"
  exit 77
fi
mkdir -p "$tmp"
# 99 is the exit status valgrind uses when it found errors or leaks; the
# tool itself never exits with it.
vg="valgrind --quiet --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect --show-leak-kinds=definite,indirect --track-origins=yes"
fail=0
run() { # run EXPECTED_STATUS ARGS...: the tool under memcheck
  want=$1
  shift
  $vg "$syria" "$@" >"$tmp/memcheck.out" 2>"$tmp/memcheck.err"
  got=$?
  if [ "$got" -eq 99 ]; then
    echo "FAIL: memcheck found errors or leaks in: syria $*"
    cat "$tmp/memcheck.err"
    fail=1
  elif [ "$want" = 0 ] && [ "$got" -ne 0 ]; then
    echo "FAIL: syria $* exited with $got, expected 0"
    cat "$tmp/memcheck.err"
    fail=1
  elif [ "$want" = nonzero ] && [ "$got" -eq 0 ]; then
    echo "FAIL: syria $* exited with 0, expected an error"
    fail=1
  else
    echo "ok: syria $* (exit $got, no memcheck error, no leak)"
  fi
}
run 0 analyze --date 2020-02-18 "$@"
run 0 tokenize "$@"
printf 'ab\300\200cd\n' >"$tmp/memcheck_utf8.txt"
printf 'ab\000cd\n' >"$tmp/memcheck_nul.txt"
: >"$tmp/memcheck_empty.txt"
run nonzero analyze "$tmp/memcheck_utf8.txt" "$1"
run nonzero analyze "$tmp/memcheck_nul.txt"
run nonzero analyze "$tmp/memcheck_empty.txt"
run nonzero analyze "$tmp/does-not-exist.txt"
run nonzero analyze --date 2020-02-30 "$1"
run nonzero analyze --model "$tmp/does-not-exist.smdl" "$1"
run nonzero analyze "$1" --date
rm -f "$tmp"/memcheck_*.txt "$tmp/memcheck.out" "$tmp/memcheck.err"
exit $fail
