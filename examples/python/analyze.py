"""Analyse an article and print its sentences, tokens, entities and events.

    python3 analyze.py ARTICLE.txt [YYYY-MM-DD]
"""
import sys

import syria


def main(argv):
    if len(argv) < 2:
        print("usage: analyze.py ARTICLE.txt [YYYY-MM-DD]", file=sys.stderr)
        return 2
    with open(argv[1], encoding="utf-8") as f:
        text = f.read()
    try:
        doc = syria.analyze(text, date=argv[2] if len(argv) > 2 else None, name=argv[1])
    except syria.Error as e:
        print(f"analyze.py: {e}", file=sys.stderr)
        return 1
    print(f"libsyria {syria.version()}: {len(doc.sentences)} sentences, {len(doc.tokens)} tokens, "
          f"{len(doc.entities)} entities, {len(doc.events)} events")
    for s in doc.sentences[:2]:
        print("sentence:", text[s.start:s.end])
        for t in doc.tokens:
            if s.start <= t.start < s.end:
                print(f"  {t.kind:8} {text[t.start:t.end]} -> {t.norm} [{t.prefix}|{t.stem}|{t.suffix}]")
    for e in doc.entities:
        print("entity", e.type, text[e.start:e.end], e.code or "")
    for v in doc.events:
        print("event", v.type, v.cameo, v.trigger)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
