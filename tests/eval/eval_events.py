#!/usr/bin/env python3
"""Event extraction on the seed articles, scored against their gold (ctest eval_events).

  eval_events.py --syria PATH --shared DIR --tmp DIR [--min-typed F1] [--min-actors F1] [--show]

Runs `syria analyze --name FILE [--date DOC_DATE] FILE` on every seed, writes the
JSON into a fresh folder under --tmp, and scores it with the reference scorer
(`DIR/tools/score.py docs DIR/gold OUT --json`). Fails (exit 1) when typed event
F1 or typed-with-actors F1 is below the bars; skips (exit 77) when the shared
folder is absent. --show prints every system and gold event side by side.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys


def main(argv):
    ap = argparse.ArgumentParser()
    ap.add_argument("--syria", required=True)
    ap.add_argument("--shared", required=True)
    ap.add_argument("--tmp", required=True)
    ap.add_argument("--min-typed", type=float, default=70.0)
    ap.add_argument("--min-actors", type=float, default=50.0)
    ap.add_argument("--show", action="store_true")
    a = ap.parse_args(argv)
    seeds, gold = os.path.join(a.shared, "seeds"), os.path.join(a.shared, "gold")
    scorer = os.path.join(a.shared, "tools", "score.py")
    if not (os.path.isdir(seeds) and os.path.isdir(gold) and os.path.isfile(scorer)):
        print(f"SKIP: the shared folder {a.shared} (seeds, gold, tools/score.py) is absent")
        return 77
    out = os.path.join(a.tmp, "eval_events")
    shutil.rmtree(out, ignore_errors=True)
    os.makedirs(out)
    for name in sorted(os.listdir(seeds)):
        if not name.endswith(".txt"):
            continue
        gpath = os.path.join(gold, name[:-4] + ".json")
        date = None
        if os.path.exists(gpath):
            with open(gpath, encoding="utf-8") as f:
                date = json.load(f).get("doc_date")
        cmd = [a.syria, "analyze", "--name", name]
        if date:
            cmd += ["--date", date]
        cmd.append(os.path.join(seeds, name))
        r = subprocess.run(cmd, capture_output=True)
        if r.returncode != 0:
            print(f"FAIL: {' '.join(cmd)}: {r.stderr.decode(errors='replace')}")
            return 1
        with open(os.path.join(out, name[:-4] + ".json"), "wb") as f:
            f.write(r.stdout)
    r = subprocess.run([sys.executable, scorer, "docs", gold, out, "--json"], capture_output=True, text=True)
    if r.returncode != 0:
        print("FAIL: score.py:", r.stderr)
        return 1
    res = json.loads(r.stdout)
    if a.show:
        show(gold, out)
    for k in ("events_trigger", "events_typed", "events_typed_actors"):
        v = res[k]
        print(f"{k:20s} P {v['p']:6.2f} R {v['r']:6.2f} F1 {v['f1']:6.2f} (tp {v['tp']} fp {v['fp']} fn {v['fn']})")
    typed, actors = res["events_typed"]["f1"], res["events_typed_actors"]["f1"]
    ok = typed >= a.min_typed and actors >= a.min_actors
    print(f"{'PASS' if ok else 'FAIL'}: typed event F1 {typed} (bar {a.min_typed}), "
          f"typed with actors {actors} (bar {a.min_actors})")
    return 0 if ok else 1


def show(gold_dir, sys_dir):
    for name in sorted(os.listdir(sys_dir)):
        with open(os.path.join(sys_dir, name), encoding="utf-8") as f:
            s = json.load(f)
        with open(os.path.join(gold_dir, name), encoding="utf-8") as f:
            g = json.load(f)
        text = None
        rows = []
        for tag, d in (("G", g), ("S", s)):
            ents = {e["id"]: e for e in d.get("entities", [])}
            for v in d.get("events", []):
                def act(xs):
                    return ",".join((ents[x["entity"]]["text"] if x.get("entity") in ents else "-") + "/" + x["code"]
                                    for x in xs)
                rows.append((v["trigger"]["start"], tag, v["type"], v["cameo"], v["trigger"]["text"], act(v["sources"]),
                             act(v["targets"]), v["status"],
                             ents[v["reported_by"]]["text"] if v.get("reported_by") in ents else "-"))
        print("=====", name)
        for r in sorted(rows):
            print("%6d %s %-9s %-4s %-22s S %-30s T %-30s %s R %s" % r)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
