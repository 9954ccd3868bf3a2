#!/usr/bin/env python3
"""A committed generated file is what its generator writes now (ctests gen_cameo, gen_triggers).

  check_generated.py --gen SCRIPT --committed FILE --out FILE [--needs PATH] [GENERATOR ARGS...]

Runs SCRIPT --out FILE (into the build folder) and compares it byte for byte with
the committed FILE. Skips (exit 77) when --needs PATH (the generator's input
outside the repository, e.g. ../shared/data/cameo/cameo_codes.tsv) is absent.
"""
import argparse
import difflib
import os
import subprocess
import sys


def main(argv):
    ap = argparse.ArgumentParser()
    ap.add_argument("--gen", required=True)
    ap.add_argument("--committed", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--needs")
    a, rest = ap.parse_known_args(argv)
    if a.needs and not os.path.exists(a.needs):
        print(f"SKIP: {a.needs} is absent (the shared data folder); nothing to regenerate from")
        return 77
    os.makedirs(os.path.dirname(os.path.abspath(a.out)), exist_ok=True)
    r = subprocess.run([sys.executable, a.gen, "--out", a.out] + rest, capture_output=True, text=True)
    sys.stdout.write(r.stdout)
    if r.returncode != 0:
        print(f"FAIL: {a.gen} exited {r.returncode}: {r.stderr}")
        return 1
    with open(a.committed, encoding="utf-8") as f:
        want = f.read()
    with open(a.out, encoding="utf-8") as f:
        got = f.read()
    if got != want:
        diff = difflib.unified_diff(want.splitlines(), got.splitlines(), a.committed, a.out, lineterm="", n=1)
        print("\n".join(list(diff)[:40]))
        print(f"FAIL: {a.committed} is stale: rerun /usr/bin/python3 {a.gen} and commit it")
        return 1
    print(f"OK: {a.committed} matches a fresh run of {os.path.basename(a.gen)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
