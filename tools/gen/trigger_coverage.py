#!/usr/bin/env python3
"""How often the trigger lexicon's words occur in a news corpus (a maintenance aid).

  /usr/bin/python3 tools/gen/trigger_coverage.py [--corpus PATH] [--top N]

Counts, for every entry of libsyria/lexicons/triggers.tsv, the corpus tokens whose
form (after the library's normalisation, with a leading و/ف/ب/ل/ال/س stripped the
way the clitic splitter would) is one of the forms of the entry's first word.
Prints the entries by frequency and those never seen (candidates for removal or
for a spelling fix). Multi-word entries are counted by their first word only, so
their figure is an upper bound. Default corpus: ../shared/data/corpus/ant_multisource.txt.
"""
import argparse
import collections
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
import gen_triggers  # noqa: E402

PREFIXES = ["", "و", "ف", "ب", "ل", "ال", "وال", "فال", "بال", "لل", "س", "وس", "فس", "وب", "ول", "وبال", "ولل"]


def main(argv):
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default=os.path.join(ROOT, "..", "shared", "data", "corpus", "ant_multisource.txt"))
    ap.add_argument("--tsv", default=os.path.join(ROOT, "libsyria", "lexicons", "triggers.tsv"))
    ap.add_argument("--top", type=int, default=40)
    a = ap.parse_args(argv)
    if not os.path.exists(a.corpus):
        print(f"no corpus at {a.corpus}")
        return 77
    with open(a.corpus, encoding="utf-8", errors="replace") as f:
        words = collections.Counter(re.findall(r"[\u0621-\u064A]+", gen_triggers.norm(f.read())))
    total = sum(words.values())
    entries = gen_triggers.parse(a.tsv)
    rows = []
    for typ, code, frame, pattern, note, ln, ws, gaps in entries:
        n = sum(words.get(p + form, 0) for form in ws[0] for p in PREFIXES)
        rows.append((n, typ, code, pattern, ln))
    rows.sort(key=lambda r: -r[0])
    ev = [r for r in rows if r[1] in gen_triggers.EVENT_TYPES]
    print(f"corpus: {total:,} Arabic words; {len(entries)} entries, {len(ev)} event entries")
    print(f"event entries seen: {sum(1 for r in ev if r[0])}/{len(ev)}; "
          f"first-word occurrences of event entries: {sum(r[0] for r in ev):,} "
          f"({1000 * sum(r[0] for r in ev) / total:.1f} per 1000 words)")
    by_type = collections.Counter()
    for r in ev:
        by_type[r[1]] += r[0]
    print("by type:", ", ".join(f"{t} {n:,}" for t, n in by_type.most_common()))
    print(f"\ntop {a.top}:")
    for n, typ, code, pattern, ln in rows[:a.top]:
        print(f"{n:8,}  {typ:9s} {code:5s} line {ln:3d}  {pattern}")
    print("\nnever seen:")
    for n, typ, code, pattern, ln in rows:
        if not n:
            print(f"          {typ:9s} {code:5s} line {ln:3d}  {pattern}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
