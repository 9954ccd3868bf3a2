#!/usr/bin/python3
"""Check libsyria/lexicons/*.tsv (written by build_gazetteer.py).

    /usr/bin/python3 tools/gazetteer/check_gazetteer.py [--dir libsyria/lexicons]
        [--gold ../shared/gold] [--quiet-coverage]

Standard library only.  Every check counts as one test; the last line is
"N passed, M failed" and the exit status is 1 when anything failed.

After the checks it prints a coverage report (never a failure): the GPE,
ORG, PER, NORP and LOC entities of the seed gold files (../shared/gold/*.json,
skipped when absent) whose text is not a variant of the same type in the
gazetteers.
"""

import argparse
import glob
import json
import os
import re
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
DEFAULT_DIR = os.path.join(ROOT, "libsyria", "lexicons")
DEFAULT_GOLD = os.path.join(ROOT, "..", "shared", "gold")
ISO_JSON = "/usr/share/iso-codes/json/iso_3166-1.json"

ENTITY_FILES = ["countries.tsv", "cities.tsv", "locations.tsv", "organisations.tsv",
                "people.tsv", "norp.tsv", "misc.tsv"]
COLUMNS = {
    "countries.tsv": ["canonical", "variant", "type", "code", "source"],
    "cities.tsv": ["canonical", "variant", "type", "code", "kind", "source"],
    "locations.tsv": ["canonical", "variant", "type", "code", "kind"],
    "organisations.tsv": ["canonical", "variant", "type", "code", "note"],
    "people.tsv": ["canonical", "variant", "type", "code", "role"],
    "norp.tsv": ["canonical", "variant", "type", "code", "form", "freq", "source"],
    "misc.tsv": ["canonical", "variant", "type", "code", "kind"],
    "dates.tsv": ["canonical", "variant", "type", "kind", "value"],
    "descriptors.tsv": ["canonical", "variant", "type", "kind", "note"],
}
FILE_TYPES = {
    "countries.tsv": {"GPE"}, "cities.tsv": {"GPE"}, "locations.tsv": {"LOC"},
    "organisations.tsv": {"ORG"}, "people.tsv": {"PER"}, "norp.tsv": {"NORP"},
    "misc.tsv": {"MISC"}, "dates.tsv": {"DATE"},
    "descriptors.tsv": {"PER", "ORG", "GPE", "LOC", "NORP", "DATE", "MISC"},
}
ROLES = "GOV|MIL|REB|OPP|PTY|MED|SPY|CVL|REF|BUS"
CODE_RE = re.compile(r"^(?:IGO[A-Z]{3}|IMG[A-Z]{3}|[A-Z]{3})(?:%s)?$" % ROLES)
BAD_CHARS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640"
                       "\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
NORM = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي"})
DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")

REQUIRED = [
    # (variant, type, file, column, value)
    ("روسيا", "GPE", "countries.tsv", "code", "RUS"),
    ("تركيا", "GPE", "countries.tsv", "code", "TUR"),
    ("إيران", "GPE", "countries.tsv", "code", "IRN"),
    ("سوريا", "GPE", "countries.tsv", "code", "SYR"),
    ("الولايات المتحدة", "GPE", "countries.tsv", "code", "USA"),
    ("إدلب", "GPE", "cities.tsv", "code", "SYR"),
    ("حلب", "GPE", "cities.tsv", "code", "SYR"),
    ("أنقرة", "GPE", "cities.tsv", "code", "TUR"),
    ("موسكو", "GPE", "cities.tsv", "code", "RUS"),
    ("طهران", "GPE", "cities.tsv", "code", "IRN"),
    ("دمشق", "GPE", "cities.tsv", "code", "SYR"),
    ("لافروف", "PER", "people.tsv", "code", "RUSGOV"),
    ("أردوغان", "PER", "people.tsv", "code", "TURGOV"),
    ("بشار الأسد", "PER", "people.tsv", "code", "SYRGOV"),
    ("هيئة تحرير الشام", "ORG", "organisations.tsv", "code", "SYRREB"),
    ("قسد", "ORG", "organisations.tsv", "code", "SYRREB"),
    ("حزب الله", "ORG", "organisations.tsv", "code", "LBNREB"),
    ("الأمم المتحدة", "ORG", "organisations.tsv", "code", "IGOUNO"),
    ("الروسية", "NORP", "norp.tsv", "code", "RUS"),
    ("التركي", "NORP", "norp.tsv", "code", "TUR"),
    ("الإيرانيين", "NORP", "norp.tsv", "code", "IRN"),
    ("فبراير", "DATE", "dates.tsv", "value", "2"),
    ("شباط", "DATE", "dates.tsv", "value", "2"),
]


class Result:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def check(self, ok, name, problems=()):
        if ok:
            self.passed += 1
        else:
            self.failed += 1
            print("FAIL %s" % name)
            for p in list(problems)[:20]:
                print("     %s" % p)
            if len(problems) > 20:
                print("     ... %d more" % (len(problems) - 20))


def load(path):
    """(header columns, [(line number, fields)])"""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    header = None
    rows = []
    for i, line in enumerate(lines, 1):
        if i == 1 and line.startswith("# "):
            header = line[2:].split("\t")
            continue
        if line.startswith("#"):
            continue
        rows.append((i, line.split("\t")))
    return header, rows, text


def norm(s):
    s = unicodedata.normalize("NFC", s)
    s = DIACRITICS.sub("", s)
    s = s.translate(NORM)
    s = re.sub(r"\s*[-\u2013\u2014]\s*", "-", s)
    return re.sub(r"\s+", " ", s).strip()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dir", default=DEFAULT_DIR)
    ap.add_argument("--gold", default=DEFAULT_GOLD)
    ap.add_argument("--quiet-coverage", action="store_true",
                    help="print only the coverage summary, not each missing entity")
    args = ap.parse_args()
    res = Result()
    tables = {}

    for name in sorted(COLUMNS):
        path = os.path.join(args.dir, name)
        exists = os.path.exists(path)
        res.check(exists, "%s exists" % name)
        if not exists:
            continue
        header, rows, text = load(path)
        tables[name] = (header, rows)
        cols = COLUMNS[name]
        res.check(header == cols, "%s: header '# %s'" % (name, " ".join(cols)),
                  ["found: %r" % (header,)])
        try:
            text.encode("utf-8")
            utf8 = "\r" not in text
        except UnicodeError:
            utf8 = False
        res.check(utf8, "%s: UTF-8 with LF line ends" % name)
        res.check(len(rows) > 0, "%s: has entries" % name)
        bad = ["line %d: %d fields" % (i, len(r)) for i, r in rows if len(r) != len(cols)]
        res.check(not bad, "%s: every line has %d fields" % (name, len(cols)), bad)
        rows = [(i, dict(zip(cols, r))) for i, r in rows if len(r) == len(cols)]
        tables[name] = (header, rows)
        bad = ["line %d" % i for i, r in rows if not r["canonical"].strip() or not r["variant"].strip()]
        res.check(not bad, "%s: canonical and variant non-empty" % name, bad)
        bad = ["line %d: %r" % (i, r["variant"]) for i, r in rows
               if BAD_CHARS.search(r["variant"]) or BAD_CHARS.search(r["canonical"])]
        res.check(not bad, "%s: no diacritics, tatweel or invisible marks" % name, bad)
        bad = ["line %d: %r" % (i, r["variant"]) for i, r in rows
               if r["variant"] != r["variant"].strip() or "  " in r["variant"]]
        res.check(not bad, "%s: no stray spaces in variants" % name, bad)
        bad = ["line %d: %s" % (i, r["type"]) for i, r in rows if r["type"] not in FILE_TYPES[name]]
        res.check(not bad, "%s: type in %s" % (name, sorted(FILE_TYPES[name])), bad)
        seen = {}
        dup = []
        for i, r in rows:
            key = tuple(r[c] for c in cols[:3])
            if key in seen:
                dup.append("lines %d and %d: %s" % (seen[key], i, " ".join(key)))
            seen[key] = i
        res.check(not dup, "%s: no duplicate (canonical, variant, type)" % name, dup)
        keys = [tuple(r.values()) for i, r in rows]
        res.check(keys == sorted(keys, key=lambda k: [x.translate(NORM) for x in k] + list(k)),
                  "%s: sorted" % name)
        if "code" in cols:
            bad = ["line %d: %r" % (i, r["code"]) for i, r in rows
                   if r["code"] and not CODE_RE.match(r["code"])]
            res.check(not bad, "%s: codes match the SCHEMA actor-code pattern" % name, bad)

    # country codes must be ISO alpha-3 codes (those of countries.tsv)
    iso = {r["code"] for i, r in tables.get("countries.tsv", (None, []))[1]}
    res.check(len(iso) >= 240, "countries.tsv: covers the ISO 3166-1 list (%d codes)" % len(iso))
    if os.path.exists(ISO_JSON):   # Debian iso-codes, when installed
        with open(ISO_JSON, encoding="utf-8") as f:
            known = {c["alpha_3"] for c in json.load(f)["3166-1"]}
        bad = sorted(iso - known)
        res.check(not bad, "countries.tsv: codes are ISO 3166-1 alpha-3 (iso-codes)", bad)
        iso &= known
    bad = []
    for name in ENTITY_FILES:
        for i, r in tables.get(name, (None, []))[1]:
            c = r.get("code", "")
            if c and not c.startswith(("IGO", "IMG")) and c[:3] not in iso:
                bad.append("%s line %d: %s" % (name, i, c))
    res.check(not bad, "every country prefix is an ISO alpha-3 code", bad)
    # GPE and NORP codes are bare alpha-3; PER codes carry a role or an IGO prefix
    bad = ["%s line %d: %s %s" % (n, i, r["variant"], r["code"])
           for n in ("countries.tsv", "cities.tsv", "norp.tsv")
           for i, r in tables.get(n, (None, []))[1] if r["code"] and r["code"] not in iso]
    res.check(not bad, "GPE and NORP codes are bare alpha-3 country codes", bad)
    bad = ["line %d: %s %s" % (i, r["variant"], r["code"])
           for i, r in tables.get("countries.tsv", (None, []))[1] if not r["code"]]
    res.check(not bad, "countries.tsv: every row has a code", bad)
    bad = ["line %d: %s %s" % (i, r["variant"], r["code"])
           for i, r in tables.get("cities.tsv", (None, []))[1] if not r["code"]]
    res.check(not bad, "cities.tsv: every row has a code", bad)
    bad = ["line %d: %s" % (i, r["kind"]) for i, r in tables.get("cities.tsv", (None, []))[1]
           if not set(r["kind"].split("+")) <= {"capital", "province", "city"}]
    res.check(not bad, "cities.tsv: kind is capital/province/city", bad)
    bad = ["line %d: %s" % (i, r["freq"]) for i, r in tables.get("norp.tsv", (None, []))[1]
           if not r["freq"].isdigit()]
    res.check(not bad, "norp.tsv: freq is a number", bad)
    bad = ["line %d: %s freq %s" % (i, r["variant"], r["freq"])
           for i, r in tables.get("norp.tsv", (None, []))[1]
           if r["source"] == "rule" and int(r["freq"] or 0) < 2]
    res.check(not bad, "norp.tsv: rule forms have corpus evidence (freq >= 2)", bad)

    # one (variant, type) -> one canonical and one code across all entity files
    index = {}
    conflicts = []
    for name in ENTITY_FILES:
        for i, r in tables.get(name, (None, []))[1]:
            key = (r["variant"].translate(NORM), r["type"])
            val = (r["canonical"], r["code"])
            if key in index and index[key][0] != val:
                conflicts.append("%s %s: %s:%d %r vs %s:%d %r" % (
                    r["variant"], r["type"], index[key][1], index[key][2], index[key][0],
                    name, i, val))
            index.setdefault(key, (val, name, i))
    res.check(not conflicts, "no (variant, type) with conflicting canonical or code", conflicts)
    # dates: one (variant, kind) -> one value
    dv = {}
    bad = []
    for i, r in tables.get("dates.tsv", (None, []))[1]:
        key = (r["variant"].translate(NORM), r["kind"])
        if key in dv and dv[key] != r["value"]:
            bad.append("line %d: %s %s" % (i, r["variant"], r["kind"]))
        dv.setdefault(key, r["value"])
    res.check(not bad, "dates.tsv: no variant with two values of one kind", bad)
    months = {}
    for i, r in tables.get("dates.tsv", (None, []))[1]:
        if r["kind"] == "month":
            months.setdefault(r["value"], set()).add(r["variant"])
    res.check(sorted(months, key=int) == [str(m) for m in range(1, 13)]
              and all(len(v) >= 2 for v in months.values()),
              "dates.tsv: months 1-12 in both series")

    for variant, typ, fname, col, want in REQUIRED:
        rows = tables.get(fname, (None, []))[1]
        got = [r[col] for i, r in rows if r["variant"] == variant and r["type"] == typ]
        res.check(got and all(g == want for g in got),
                  "%s %s in %s with %s %s" % (variant, typ, fname, col, want),
                  ["found %r" % got])

    coverage(args, index)
    print("%d passed, %d failed" % (res.passed, res.failed))
    return 1 if res.failed else 0


def coverage(args, index):
    files = sorted(glob.glob(os.path.join(args.gold, "*.json")))
    if not files:
        print("coverage: no gold files at %s, skipped" % args.gold)
        return
    by_norm = {}
    for (v, t), (val, name, i) in index.items():
        by_norm.setdefault((norm(v), t), val)
    types = ["GPE", "ORG", "PER", "NORP", "LOC"]
    total = {t: 0 for t in types}
    hit = {t: 0 for t in types}
    utotal = {t: set() for t in types}
    uhit = {t: set() for t in types}
    missing = {}
    wrong_code = []
    for f in files:
        doc = json.load(open(f, encoding="utf-8"))
        for e in doc.get("entities", []):
            t = e.get("type")
            if t not in types:
                continue
            text = e["text"]
            forms = [norm(text)]
            if text.startswith("ل"):      # للنظام → span لنظام: the article's alef was dropped
                forms.append(norm("ا" + text))
            val = None
            for fm in forms:
                if (fm, t) in by_norm:
                    val = by_norm[(fm, t)]
                    break
            total[t] += 1
            utotal[t].add(norm(text))
            if val is None:
                missing.setdefault((t, text), 0)
                missing[(t, text)] += 1
                continue
            hit[t] += 1
            uhit[t].add(norm(text))
            gold_code = e.get("code") or ""
            if gold_code and val[1] and gold_code[:3] != val[1][:3]:
                wrong_code.append("%s %s: gold %s, gazetteer %s" % (t, text, gold_code, val[1]))
    print("coverage of the gold entities (%d files):" % len(files))
    for t in types:
        print("  %-4s %3d/%3d mentions, %3d/%3d distinct names" % (
            t, hit[t], total[t], len(uhit[t]), len(utotal[t])))
    if not args.quiet_coverage:
        for (t, text), n in sorted(missing.items()):
            print("  not in the gazetteers: %-4s %s (x%d)" % (t, text, n))
    for w in sorted(set(wrong_code)):
        print("  country prefix differs: %s" % w)


if __name__ == "__main__":
    sys.exit(main())
