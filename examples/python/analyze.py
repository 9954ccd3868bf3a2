"""Analyse an article and print its entities and events.

    python3 analyze.py ARTICLE.txt [YYYY-MM-DD]

Prints the same lines as examples/c/analyze.c and examples/lua/analyze.lua.
"""
import sys

import syria


def optional(key, value):
    return " %s=%s" % (key, value) if value else ""


def actors(key, actors):
    return " %s=%s" % (key, ",".join(a.code + ("(%s)" % a.entity if a.entity else "")
                                     for a in actors) or "-")


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
    for e in doc.entities:
        # start/end are code points: text[e.start:e.end] is the entity.
        print(f'entity {e.id} {e.type} "{text[e.start:e.end]}"' + optional("canonical", e.canonical)
              + optional("code", e.code) + optional("value", e.value))
    for v in doc.events:
        print(f"event {v.id} {v.type}" + optional("mode", v.mode)
              + f' cameo={v.cameo} quad={v.quad} goldstein={v.goldstein:.1f} trigger="{v.trigger.text}"'
              + actors("sources", v.sources) + actors("targets", v.targets)
              + optional("location", v.location) + optional("date", v.date)
              + f" status={v.status}" + optional("reported_by", v.reported_by))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
