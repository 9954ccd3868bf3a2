#!/usr/bin/python3
"""Runs tools/train/cv_tag_stage.sh (5-fold cross-validation of the whole tag
stage on ANERcorp's training split; the test split is never read) and fails
below the given bars.

  anercorp_cv.py --root SOURCE_DIR --build BUILD_DIR --shared ../shared
                 [--min-anercorp F] [--min-schema F] [--min-tagger F]

The script trains five taggers with the settings of build_default_model.sh,
builds a model with each and tags the held-out blocks with `syria tag --conll`
(ANERcorp's conventions) and `--schema` (SCHEMA.md's); the reference scorer
scores them. Exit status: 0 when every bar is met, 1 when one is not or the
script fails, 77 (ctest's skip code) when ../shared's ANERcorp, corpus or
scorer is absent.
"""
import argparse
import os
import re
import subprocess
import sys


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--root", required=True)
    ap.add_argument("--build", required=True)
    ap.add_argument("--shared", required=True)
    ap.add_argument("--min-anercorp", type=float)
    ap.add_argument("--min-schema", type=float)
    ap.add_argument("--min-tagger", type=float)
    a = ap.parse_args()
    needs = [os.path.join(a.shared, "data", "anercorp", "train.txt"),
             os.path.join(a.shared, "data", "corpus", "ant_multisource.txt"),
             os.path.join(a.shared, "tools", "score.py")]
    missing = [p for p in needs if not os.path.exists(p)]
    if missing:
        print("SKIP: absent: %s" % ", ".join(missing))
        return 77
    env = dict(os.environ, BUILD=a.build, SHARED=a.shared)
    r = subprocess.run(["sh", os.path.join("tools", "train", "cv_tag_stage.sh")], cwd=a.root, env=env,
                       capture_output=True, text=True)
    sys.stdout.write(r.stdout)
    if r.returncode:
        sys.stdout.write(r.stderr)
        print("FAIL: cv_tag_stage.sh exited with %d" % r.returncode)
        return 1
    # Three blocks, in this order; the first line after each header is the micro figure.
    f1 = re.findall(r"^entities .*F1\s+([\d.]+)", r.stdout, re.M)
    if len(f1) != 3:
        print("FAIL: expected three micro-F1 lines, got %d" % len(f1))
        return 1
    got = dict(zip(("anercorp", "schema", "tagger"), map(float, f1)))
    bars = {"anercorp": a.min_anercorp, "schema": a.min_schema, "tagger": a.min_tagger}
    failed = 0
    for k, bar in bars.items():
        if bar is None:
            continue
        ok = got[k] >= bar
        failed += not ok
        print("%s: %s micro-F1 %.2f (bar %.1f)" % ("ok" if ok else "FAIL", k, got[k], bar))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
