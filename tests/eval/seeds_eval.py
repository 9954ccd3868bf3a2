#!/usr/bin/python3
"""Evaluates `syria analyze` on the seed articles against their gold
annotations with the reference scorer, and fails below the given bars.

  seeds_eval.py --syria BUILD/tools/syria --shared ../shared [--model FILE]
                [--out DIR] [--min-entity-f1 F] [--min-code-accuracy A]
                [--min-event-f1 F] [--min-event-actors-f1 F] [--show]

Each seed is analysed with its gold file's doc name and date (the date an
article's metadata would give). Prints the scorer's figures; --show also
prints every gold (G) and system (S) event side by side, by trigger offset. Exit status:
0 when every bar is met, 1 when one is not, 77 (ctest's skip code) when
../shared is absent.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--syria", required=True)
    ap.add_argument("--shared", required=True)
    ap.add_argument("--model")
    ap.add_argument("--out")
    ap.add_argument("--min-entity-f1", type=float)
    ap.add_argument("--min-code-accuracy", type=float)
    ap.add_argument("--min-event-f1", type=float)
    ap.add_argument("--min-event-actors-f1", type=float)
    ap.add_argument("--show", action="store_true")
    a = ap.parse_args()
    gold_dir = os.path.join(a.shared, "gold")
    seeds_dir = os.path.join(a.shared, "seeds")
    scorer = os.path.join(a.shared, "tools", "score.py")
    if not (os.path.isdir(gold_dir) and os.path.isdir(seeds_dir) and os.path.exists(scorer)):
        print(f"SKIP: {a.shared} (seeds, gold, scorer) is absent")
        return 77
    out = a.out or tempfile.mkdtemp(prefix="syria-seeds-")
    os.makedirs(out, exist_ok=True)
    n = 0
    for name in sorted(os.listdir(gold_dir)):
        if not name.endswith(".json"):
            continue
        with open(os.path.join(gold_dir, name), encoding="utf-8") as f:
            gold = json.load(f)
        doc = gold.get("doc") or name[:-5] + ".txt"
        cmd = [a.syria, "analyze", "--name", doc]
        if a.model:
            cmd += ["--model", a.model]
        if gold.get("doc_date"):
            cmd += ["--date", gold["doc_date"]]
        cmd.append(os.path.join(seeds_dir, doc))
        r = subprocess.run(cmd, capture_output=True)
        if r.returncode != 0:
            print(f"FAIL: {' '.join(cmd)}: {r.stderr.decode(errors='replace').strip()}")
            return 1
        with open(os.path.join(out, name), "wb") as f:
            f.write(r.stdout)
        n += 1
    r = subprocess.run([sys.executable, scorer, "docs", gold_dir, out, "--json"], capture_output=True, text=True)
    if r.returncode != 0:
        print(f"FAIL: scorer: {r.stderr.strip()}")
        return 1
    s = json.loads(r.stdout)
    if a.show:
        show(gold_dir, out)
    def line(label, d):
        print(f"{label:28s} P {d['p']:6.2f}  R {d['r']:6.2f}  F1 {d['f1']:6.2f}  (tp {d['tp']}, fp {d['fp']}, fn {d['fn']})")

    line("entities", s["entities"])
    for t, d in sorted(s.get("entities_by_type", {}).items()):
        line("  " + t, d)
    print(f"GPE/NORP code accuracy      {s.get('entity_code_accuracy')}")
    line("events (trigger match)", s["events_trigger"])
    line("events typed", s["events_typed"])
    line("events typed + actors", s["events_typed_actors"])
    ok = True

    def bar(label, value, minimum):
        nonlocal ok
        if minimum is None:
            return
        good = value is not None and value >= minimum
        ok &= good
        print(f"{'ok' if good else 'FAIL'}: {label} {value} (bar {minimum})")

    bar("entity micro-F1", s["entities"]["f1"], a.min_entity_f1)
    bar("GPE/NORP code accuracy", s.get("entity_code_accuracy"), a.min_code_accuracy)
    bar("typed event F1", s["events_typed"]["f1"], a.min_event_f1)
    bar("typed event F1 with actors", s["events_typed_actors"]["f1"], a.min_event_actors_f1)
    print(f"{n} seed documents analysed into {out}")
    return 0 if ok else 1


def show(gold_dir, sys_dir):
    for name in sorted(os.listdir(sys_dir)):
        with open(os.path.join(sys_dir, name), encoding="utf-8") as f:
            s = json.load(f)
        with open(os.path.join(gold_dir, name), encoding="utf-8") as f:
            g = json.load(f)
        rows = []
        for tag, d in (("G", g), ("S", s)):
            ents = {e["id"]: e for e in d.get("entities", [])}

            def act(xs):
                return ",".join((ents[x["entity"]]["text"] if x.get("entity") in ents else "-") + "/" + x["code"]
                                for x in xs)

            for v in d.get("events", []):
                rows.append((v["trigger"]["start"], tag, v["type"], v["cameo"], v["trigger"]["text"],
                             act(v["sources"]), act(v["targets"]), v["status"],
                             ents[v["reported_by"]]["text"] if v.get("reported_by") in ents else "-"))
        print("=====", name)
        for row in sorted(rows):
            print("%6d %s %-9s %-4s %-22s S %-30s T %-30s %s R %s" % row)


if __name__ == "__main__":
    sys.exit(main())
