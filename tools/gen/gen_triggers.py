#!/usr/bin/env python3
"""Compiles libsyria/lexicons/triggers.tsv into libsyria/src/extract/trigger_table.c.

  /usr/bin/python3 tools/gen/gen_triggers.py [--tsv PATH] [--out PATH] [--list]

Each pattern word is expanded into the written forms it stands for, normalised
as the library normalises (diacritics and tatweel dropped, أ إ آ ٱ -> ا,
ى -> ي), and the (form, entry, word) triples are written sorted by form so the
library finds a token's entries by binary search. Format: docs/EVENTS.md.
--list prints the forms instead (one "form<TAB>entry line<TAB>word<TAB>verb|noun" a line).
Deterministic: the ctest `gen_triggers` checks the committed file against a
fresh run.
"""
import argparse
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))

EVENT_TYPES = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
               "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"]
KINDS = {"SAY": "TK_SAY", "NEG": "TK_NEG", "FUT": "TK_FUT", "ROLE": "TK_ROLE", "ACTOR": "TK_ACTOR", "STOP": "TK_STOP", "PAIR": "TK_PAIR"}
FRAMES = {"-": "TF_DEFAULT", "obj": "TF_OBJ", "pat": "TF_PAT", "inv": "TF_INV", "prep": "TF_PREP"}
ROLES = {"GOV", "MIL", "REB", "OPP", "PTY", "MED", "SPY", "CVL", "REF", "BUS"}
MAX_WORDS = 6
IMPF_PREFIXES = "يتن"  # not the 1st person singular ا: it would give البيان from لبى


def norm(w):
    w = re.sub("[\u064B-\u065F\u0670\u0640]", "", w)
    w = re.sub("[أإآٱ]", "ا", w)
    return w.replace("ى", "ي")


def verb_forms(perf, impf):
    P, I = norm(perf), norm(impf)
    out = {P}
    if P.endswith("ي"):
        R = P[:-1]
        out |= {R + s for s in ("ت", "يا", "وا", "تا", "يت", "ينا")}
    elif P.endswith("ا"):
        R = P[:-1]
        out |= {R + s for s in ("ت", "وا", "تا", "وت", "ونا")}
    else:
        out |= {P + s for s in ("ت", "ا", "تا", "وا", "ن", "نا", "تم")}
    if not I.startswith("ي"):
        raise ValueError(f"imperfect {impf!r} must be the 3rd person masculine (ي...)")
    S = I[1:]
    for p in IMPF_PREFIXES:
        if S.endswith("ي"):
            R = S[:-1]
            out |= {p + S, p + S + "ان", p + R + "ون", p + R + "وا", p + S + "ا", p + R + "ين"}
        elif S.endswith("و"):
            R = S[:-1]
            out |= {p + S, p + S + "ان", p + R + "ون", p + R + "وا", p + S + "ا", p + R + "ين"}
        else:
            out |= {p + S + s for s in ("", "ان", "ون", "ا", "وا", "ين", "ن")}
    return out


def noun_forms(n):
    N = norm(n)
    out = {N}
    if N.endswith("ة"):
        B = N[:-1]
        out |= {B + s for s in ("ت", "تان", "تين", "ات", "تا")}
    else:
        out |= {N + s for s in ("ا", "ان", "ين")}
        if not N.endswith("ات"):
            out.add(N + "ات")
    return out


def word_forms(word, feminine=False):
    """{form: 1 a verb form only, 0 a noun (or exact) form only, 2 both}."""
    forms = {}
    for alt in word.split("|"):
        if alt.startswith("V:"):
            perf, _, impf = alt[2:].partition("/")
            new, flag = verb_forms(perf, impf), 1
        elif alt.startswith("="):
            new, flag = {norm(alt[1:])}, 0
        else:
            new, flag = noun_forms(alt), 0
            if feminine and not norm(alt).endswith(("ة", "ا", "ي")):
                new = new | noun_forms(norm(alt) + "ة")  # role nouns: رئيسة، وزيرة، مستشارة
        for f in new:
            forms[f] = flag if forms.get(f, flag) == flag else 2
    return forms


def c_str(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def parse(path):
    entries = []
    with open(path, encoding="utf-8") as f:
        for ln, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.split("\t")
            if len(cols) != 5:
                raise SystemExit(f"{path}:{ln}: {len(cols)} columns, want 5")
            typ, code, frame, pattern, note = cols
            if typ not in EVENT_TYPES and typ not in KINDS:
                raise SystemExit(f"{path}:{ln}: unknown type {typ}")
            if typ in EVENT_TYPES and not re.fullmatch(r"\d{3,4}", code):
                raise SystemExit(f"{path}:{ln}: bad CAMEO code {code}")
            if typ == "ROLE" and code not in ROLES:
                raise SystemExit(f"{path}:{ln}: bad role {code}")
            if typ == "ACTOR" and not re.fullmatch(r"[A-Z]{6}", code):
                raise SystemExit(f"{path}:{ln}: bad actor code {code}")
            if frame not in FRAMES:
                raise SystemExit(f"{path}:{ln}: bad frame {frame}")
            words, gaps = [], 0
            for w in pattern.split(" "):
                if w == "_":
                    if not words:
                        raise SystemExit(f"{path}:{ln}: pattern starts with a gap")
                    gaps |= 1 << len(words)
                    continue
                words.append(word_forms(w, feminine=typ == "ROLE"))
            if not words or len(words) > MAX_WORDS:
                raise SystemExit(f"{path}:{ln}: 1..{MAX_WORDS} words")
            entries.append((typ, code, frame, pattern, note, ln, words, gaps))
    return entries


def main(argv):
    ap = argparse.ArgumentParser()
    ap.add_argument("--tsv", default=os.path.join(ROOT, "libsyria", "lexicons", "triggers.tsv"))
    ap.add_argument("--out", default=os.path.join(ROOT, "libsyria", "src", "extract", "trigger_table.c"))
    ap.add_argument("--list", action="store_true")
    a = ap.parse_args(argv)
    entries = parse(a.tsv)
    triples = sorted({(f.encode("utf-8"), i, k, v) for i, e in enumerate(entries)
                      for k, ws in enumerate(e[6]) for f, v in ws.items()})
    if a.list:
        for f, i, k, v in triples:
            print(f"{f.decode()}\t{entries[i][5]}\t{k}\t{('noun', 'verb', 'both')[v]}")
        return 0
    L = ["/* Generated by tools/gen/gen_triggers.py from libsyria/lexicons/triggers.tsv:",
         " * do not edit. */",
         '#include "extract/triggers.h"', "",
         "const trig_entry trig_entries[] = {"]
    for typ, code, frame, pattern, note, ln, words, gaps in entries:
        kind = KINDS.get(typ, "TK_EVENT")
        L.append("    {%s, %s, %s, %s, %d, 0x%x, %d}, /* %s */" % (
            kind, c_str(typ), c_str(code), FRAMES[frame], len(words), gaps, ln, pattern.replace("*/", "* /")))
    L += ["};", "const size_t trig_nentries = sizeof trig_entries / sizeof trig_entries[0];", "",
          "const trig_form trig_forms[] = {"]
    for f, i, k, v in triples:
        L.append("    {%s, %d, %d, %d}," % (c_str(f.decode()), i, k, v))
    L += ["};", "const size_t trig_nforms = sizeof trig_forms / sizeof trig_forms[0];", ""]
    with open(a.out, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(L))
    print(f"gen_triggers: {len(entries)} entries, {len(triples)} forms -> {a.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
