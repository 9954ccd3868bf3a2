#!/usr/bin/python3
"""Prints a seeded random sample of the entities `syria analyze` finds in
unseen articles, one a line with its context, for checking by hand.

    /usr/bin/python3 tools/sample_entities.py [--corpus FILE] [--articles 30]
        [--entities 150] [--seed 20261124] [--syria build/tools/syria]

Articles are drawn from those of the corpus (one article per block, blank
lines between) that mention Syria, Russia, Turkey or Iran at least three
times; then entities are drawn from all the entities of those articles.
Line format: number, type, code, [canonical] | left context ⟦entity⟧ right
context. docs/ENTITIES.md reports a check made with the defaults.
"""
import argparse
import json
import random
import subprocess
import sys

KEYWORDS = ("سوريا", "روسيا", "تركيا", "إيران", "السوري", "الروسي", "التركي", "الإيراني")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", default="../shared/data/corpus/ant_multisource.txt")
    ap.add_argument("--articles", type=int, default=30)
    ap.add_argument("--entities", type=int, default=150)
    ap.add_argument("--seed", type=int, default=20261124)
    ap.add_argument("--syria", default="build/tools/syria")
    a = ap.parse_args()
    try:
        with open(a.corpus, encoding="utf-8") as f:
            articles = f.read().split("\n\n")
    except OSError as e:
        sys.exit("sample_entities: %s" % e)
    random.seed(a.seed)
    political = [t for t in articles if sum(t.count(w) for w in KEYWORDS) >= 3]
    chosen = random.sample(political, min(a.articles, len(political)))
    found = []
    for i, text in enumerate(chosen):
        r = subprocess.run([a.syria, "analyze", "--name", "a%d" % i], input=text.encode("utf-8"),
                           capture_output=True)
        if r.returncode:
            sys.exit("sample_entities: syria analyze failed: %s" % r.stderr.decode("utf-8", "replace"))
        raw = text.encode("utf-8")
        for e in json.loads(r.stdout)["entities"]:
            found.append((raw, e))
    random.seed(7)
    for n, (raw, e) in enumerate(random.sample(found, min(a.entities, len(found)))):
        left = raw[max(0, e["start"] - 60):e["start"]].decode("utf-8", "ignore").replace("\n", " ")
        right = raw[e["end"]:e["end"] + 60].decode("utf-8", "ignore").replace("\n", " ")
        print("%3d %-5s %-8s [%s] | %s ⟦%s⟧ %s" % (n, e["type"], e.get("code", ""), e.get("canonical", ""),
                                                 left[-35:], e["text"], right[:35]))
    print("%d articles, %d entities, %d sampled" % (len(chosen), len(found), min(a.entities, len(found))),
          file=sys.stderr)


if __name__ == "__main__":
    main()
