#!/usr/bin/python3
"""Prints the events of a libsyria JSON document (read from standard input,
as `syria analyze` writes it) as a Markdown table: trigger, PLOVER type,
CAMEO code, Goldstein value, sources, targets, status, reporting entity.

  syria analyze --date 2020-02-18 ARTICLE.txt | tools/events_table.py [--max N]
"""
import json
import sys


def main():
    limit = None
    if len(sys.argv) == 3 and sys.argv[1] == "--max":
        limit = int(sys.argv[2])
    elif len(sys.argv) != 1:
        sys.exit("usage: events_table.py [--max N] < document.json")
    try:
        doc = json.load(sys.stdin)
    except ValueError as e:
        sys.exit(f"events_table.py: not a JSON document: {e}")
    ents = {e["id"]: e for e in doc.get("entities", [])}

    def actors(lst):
        out = []
        for a in lst:
            e = ents.get(a.get("entity") or "")
            out.append(f"{e['text'] if e else '—'} ({a.get('code', '')})")
        return " + ".join(out) or "—"

    print("| trigger | type | CAMEO | Goldstein | sources | targets | status | reported by |")
    print("|---|---|---|---|---|---|---|---|")
    events = doc.get("events", [])
    for v in events[:limit]:
        rep = ents.get(v.get("reported_by") or "")
        print(f"| {v['trigger']['text']} | {v['type']} | {v['cameo']} | {v['goldstein']:+.1f} | "
              f"{actors(v.get('sources', []))} | {actors(v.get('targets', []))} | {v['status']} | "
              f"{rep['text'] if rep else ''} |")
    if limit is not None and len(events) > limit:
        print(f"\n({len(events) - limit} more events)")


if __name__ == "__main__":
    main()
