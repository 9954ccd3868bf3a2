#!/usr/bin/python3
"""Tests of the `syria` command-line tool, one case per ctest test.

  test_cli.py --syria BIN --shared DIR --tmp DIR CASE

Exit 0 on success, 1 on failure, 77 when the shared data a case needs is
absent (ctest SKIP_RETURN_CODE)."""
import argparse
import json
import os
import shutil
import subprocess
import sys

SKIP = 77
SYRIA = SHARED = TMP = PYTHON = None
failures = []


def check(cond, msg):
    if not cond:
        failures.append(msg)
        print("FAIL: " + msg)
    return cond


def skip(msg):
    print("SKIP: " + msg)
    shutil.rmtree(TMP, ignore_errors=True)
    sys.exit(SKIP)


def run(args, stdin=None):
    p = subprocess.run([SYRIA] + args, input=stdin, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=60)
    return p.returncode, p.stdout, p.stderr


def seeds():
    d = os.path.join(SHARED, "seeds")
    files = sorted(os.path.join(d, f) for f in os.listdir(d) if f.endswith(".txt")) if os.path.isdir(d) else []
    if not files:
        skip("no seeds in %s" % d)
    return files


def write(name, data):
    path = os.path.join(TMP, name)
    with open(path, "wb") as f:
        f.write(data)
    return path


def check_doc(doc, raw, name, where):
    """A document object for the text `raw` (bytes): schema, name, spans."""
    if not check(isinstance(doc, dict), "%s: not a JSON object" % where):
        return
    check(doc.get("schema") == "libsyria/1", "%s: schema %r" % (where, doc.get("schema")))
    check(doc.get("doc") == name, "%s: doc %r, expected %r" % (where, doc.get("doc"), name))
    for key in ("doc_date", "sentences", "tokens", "entities", "events"):
        check(key in doc, "%s: no %r" % (where, key))
    tokens = doc.get("tokens", [])
    if not check(len(tokens) > 0, "%s: no tokens" % where):
        return
    text = raw.decode("utf-8")
    # Byte offset of each character, to map byte spans to characters.
    char_at = {}
    pos = 0
    for i, ch in enumerate(text):
        char_at[pos] = i
        pos += len(ch.encode("utf-8"))
    char_at[pos] = len(text)
    covered = [0] * len(text)
    bad = 0
    for k, t in enumerate(tokens):
        s, e = t.get("start"), t.get("end")
        ok = isinstance(s, int) and isinstance(e, int) and 0 <= s < e <= len(raw)
        ok = ok and s in char_at and e in char_at
        if not ok:
            bad += 1
            if bad <= 5:
                check(False, "%s: token %d span %r-%r is empty, outside or not on a character boundary" % (where, k, s, e))
            continue
        surface = raw[s:e].decode("utf-8")
        check(surface == text[char_at[s]:char_at[e]], "%s: token %d surface mismatch" % (where, k))
        for i in range(char_at[s], char_at[e]):
            covered[i] += 1
        missing = [key for key in ("norm", "kind", "clitics") if key not in t]
        if missing:
            bad += 1
            if bad <= 5:
                check(False, "%s: token %d has no %r" % (where, k, missing))
    check(bad == 0, "%s: %d bad tokens" % (where, bad))
    errors = 0
    for i, ch in enumerate(text):
        want = 0 if ch.isspace() else 1
        if covered[i] != want:
            errors += 1
            if errors <= 5:
                check(False, "%s: character %r at %d covered %d times, expected %d" % (where, ch, i, covered[i], want))
    check(errors == 0, "%s: %d characters covered wrongly" % (where, errors))
    sents = doc.get("sentences", [])
    check(len(sents) > 0, "%s: no sentences" % where)


def parse_json(out, where):
    try:
        return json.loads(out.decode("utf-8"))
    except Exception as e:  # noqa: BLE001 - any decoding error fails the test
        check(False, "%s: invalid JSON: %s" % (where, e))
        return None


# --- cases -------------------------------------------------------------------

def case_seeds():
    for path in seeds():
        rc, out, err = run(["analyze", path])
        where = os.path.basename(path)
        check(rc == 0, "%s: exit %d, stderr %r" % (where, rc, err[:300]))
        check(err == b"", "%s: stderr not empty: %r" % (where, err[:300]))
        check(out.endswith(b"\n") and out.count(b"\n") == 1, "%s: not exactly one line" % where)
        doc = parse_json(out, where)
        if doc is not None:
            with open(path, "rb") as f:
                check_doc(doc, f.read(), os.path.basename(path), where)


def case_jsonl():
    files = seeds()
    rc, out, err = run(["analyze"] + files)
    check(rc == 0, "exit %d: %r" % (rc, err[:300]))
    lines = out.decode("utf-8").split("\n")
    check(lines[-1] == "", "output does not end with a newline")
    lines = lines[:-1]
    check(len(lines) == len(files), "%d lines for %d files" % (len(lines), len(files)))
    for path, line in zip(files, lines):
        doc = parse_json(line.encode("utf-8"), "line for " + path)
        if doc is not None:
            check(doc.get("doc") == os.path.basename(path), "line order: %r where %r was expected" % (doc.get("doc"), os.path.basename(path)))
            with open(path, "rb") as f:
                check_doc(doc, f.read(), os.path.basename(path), "jsonl " + os.path.basename(path))


SAMPLE = "قال وزير الخارجية الروسي سيرغي لافروف إن روسيا وتركيا تبحثان الوضع في إدلب.\nوأكد أن 3.5 مليون شخص نزحوا.".encode("utf-8")


def case_options():
    path = write("options.txt", SAMPLE)
    rc, out, err = run(["analyze", "--date", "2020-02-18", "--name", "X", path])
    check(rc == 0, "exit %d: %r" % (rc, err))
    doc = parse_json(out, "--date/--name")
    if doc is not None:
        check(doc.get("doc_date") == "2020-02-18", "doc_date %r" % doc.get("doc_date"))
        check(doc.get("doc") == "X", "doc %r" % doc.get("doc"))
        check_doc(doc, SAMPLE, "X", "--date/--name")
    # Without options: the base name and a null date.
    rc, out, err = run(["analyze", path])
    doc = parse_json(out, "no options")
    if doc is not None:
        check(doc.get("doc") == "options.txt", "doc %r, expected the base name" % doc.get("doc"))
        check(doc.get("doc_date", 0) is None, "doc_date %r, expected null" % doc.get("doc_date", 0))
    # --pretty is the same document on several lines.
    rc, out_p, err = run(["analyze", "--pretty", path])
    check(rc == 0 and out_p.count(b"\n") > 5, "--pretty output has %d lines" % out_p.count(b"\n"))
    pretty = parse_json(out_p, "--pretty")
    check(pretty is not None and pretty == doc, "--pretty differs from the compact output")


def case_stdin():
    for args in (["analyze", "-"], ["analyze"]):
        rc, out, err = run(args, stdin=SAMPLE)
        where = "stdin via %r" % " ".join(args)
        check(rc == 0, "%s: exit %d: %r" % (where, rc, err))
        doc = parse_json(out, where)
        if doc is not None:
            check_doc(doc, SAMPLE, "stdin", where)


def case_tokenize():
    path = write("tokenize.txt", SAMPLE)
    rc, out, err = run(["tokenize", path])
    check(rc == 0, "exit %d: %r" % (rc, err))
    text = out.decode("utf-8")
    rows = [l.split("\t") for l in text.split("\n") if l and not l.startswith("#")]
    check(len(rows) >= 20, "%d token lines" % len(rows))
    surfaces = [r[2] for r in rows if len(r) >= 4]
    check(len(surfaces) == len(rows), "token lines without 4 tab-separated fields")
    for w in ("لافروف", "وتركيا", "3.5", "إدلب", "."):
        check(w in surfaces, "token %r not printed" % w)
    # Spans printed as START-END match the surface.
    for r in rows:
        if len(r) >= 3 and "-" in r[0]:
            s, e = (int(x) for x in r[0].split("-"))
            check(SAMPLE[s:e].decode("utf-8") == r[2], "span %s is not %r" % (r[0], r[2]))
    check(text.count("# sentence") == 2, "%d sentences printed, expected 2" % text.count("# sentence"))
    rc, out2, err = run(["tokenize"], stdin=SAMPLE)
    check(rc == 0 and out2 == out, "tokenize from stdin differs from the file")


def expect_failure(args, what, stdin=None, stdout_expected=b""):
    rc, out, err = run(args, stdin=stdin)
    check(rc != 0, "%s: exit status 0" % what)
    lines = err.decode("utf-8", "replace").splitlines()
    check(len(lines) == 1, "%s: %d lines on stderr, expected 1: %r" % (what, len(lines), err.decode("utf-8", "replace")))
    check(bool(lines) and lines[0].startswith("syria:"), "%s: stderr does not start with 'syria:': %r" % (what, err[:200]))
    check(out == stdout_expected, "%s: unexpected stdout %r" % (what, out[:200]))
    return rc, out, err


def case_errors():
    """Bad inputs to analyze and tokenize: one 'syria:' line, no output, non-zero exit."""
    good = write("good.txt", SAMPLE)
    bad_utf8 = write("bad_utf8.txt", "روسيا ".encode("utf-8") + b"\xff\xfe" + " تركيا".encode("utf-8"))
    nul = write("nul.txt", "روسيا".encode("utf-8") + b"\x00" + "تركيا".encode("utf-8"))
    empty = write("empty.txt", b"")
    missing = os.path.join(TMP, "no-such-file.txt")
    for cmd in ("analyze", "tokenize"):
        expect_failure([cmd, bad_utf8], cmd + " invalid UTF-8")
        expect_failure([cmd, nul], cmd + " NUL byte")
        expect_failure([cmd, empty], cmd + " empty file")
        expect_failure([cmd, missing], cmd + " missing file")
        expect_failure([cmd, TMP], cmd + " a directory")
    expect_failure(["analyze"], "analyze empty stdin", stdin=b"")
    expect_failure(["analyze", "--date", "2020-02-30", good], "--date 2020-02-30")
    expect_failure(["analyze", "--date", "garbage", good], "--date garbage")
    # The messages name the file.
    rc, out, err = run(["analyze", missing])
    check(b"no-such-file.txt" in err, "the message does not name the missing file: %r" % err)


def case_usage():
    """Usage errors: the same one-line rule."""
    good = write("good.txt", SAMPLE)
    missing = os.path.join(TMP, "no-such-file.txt")
    expect_failure(["analyze", "--bogus", good], "unknown option")
    expect_failure(["frobnicate", good], "unknown command")
    expect_failure(["analyze", "--date"], "--date without a value")
    expect_failure(["analyze", "--model", missing, good], "missing model file")
    expect_failure(["analyze", "--schema", good], "--schema outside tag --conll")


def case_tag_errors():
    """Bad CoNLL inputs to tag --conll."""
    missing = os.path.join(TMP, "no-such-file.txt")
    bad_conll = write("bad_token.conll", "روسيا O\n".encode("utf-8") + b"\xff\xfe O\n")
    expect_failure(["tag", "--conll", bad_conll], "tag invalid UTF-8 in a token")
    # Invalid bytes anywhere make the file invalid, the tag column included.
    bad_tag = write("bad_tag.conll", "روسيا O\n".encode("utf-8") + "تركيا ".encode("utf-8") + b"\xc0\x80\n")
    expect_failure(["tag", "--conll", bad_tag], "tag invalid UTF-8 in a tag")
    expect_failure(["tag", "--conll", write("empty.conll", b"")], "tag empty file")
    expect_failure(["tag", "--conll", missing], "tag missing file")


def case_partial():
    good = write("good.txt", SAMPLE)
    bad = write("bad_utf8.txt", b"\xc0\x80 abc")
    for order in ([good, bad], [bad, good]):
        rc, out, err = run(["analyze"] + order)
        where = "analyze " + " ".join(os.path.basename(p) for p in order)
        check(rc != 0, "%s: exit status 0" % where)
        lines = [l for l in out.decode("utf-8").split("\n") if l]
        check(len(lines) == 1, "%s: %d output lines, expected 1 (the good file's)" % (where, len(lines)))
        if lines:
            doc = parse_json(lines[0].encode("utf-8"), where)
            if doc is not None:
                check_doc(doc, SAMPLE, "good.txt", where)
        errl = err.decode("utf-8", "replace").splitlines()
        check(len(errl) == 1 and errl[0].startswith("syria:") and "bad_utf8.txt" in errl[0],
              "%s: stderr %r" % (where, err))


CONLL = """قال O
وزير O
الخارجية O
الروسي O
سيرغي O
لافروف O
إن O
روسيا O
. O

وأكد O
أردوغان O
في O
أنقرة O
أن O
تركيا O
ستواصل O
دعم O
الحوار O
. O

وصلت O
قوات O
إلى O
إدلب O
"""


def read_conll(path):
    """Sentences as lists of (token, tag)."""
    sents, cur = [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip():
                if cur:
                    sents.append(cur)
                cur = []
                continue
            parts = line.split()
            check(len(parts) == 2, "CoNLL line %r is not 'token TAG'" % line)
            cur.append(tuple(parts[:2]))
    if cur:
        sents.append(cur)
    return sents


def score(gold, system):
    scorer = os.path.join(SHARED, "tools", "score.py")
    if not os.path.isfile(scorer):
        print("SKIP (score.py check): %s absent" % scorer)
        return
    p = subprocess.run([PYTHON, scorer, "conll", gold, system], stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=120)
    check(p.returncode == 0, "score.py conll exit %d: %s" % (p.returncode, p.stderr.decode("utf-8", "replace")[-500:]))
    check(b"F1" in p.stdout, "score.py printed no F1 line")


def check_tagged(gold_path, out, where):
    sys_path = os.path.join(TMP, os.path.basename(gold_path) + ".system.conll")
    with open(sys_path, "wb") as f:
        f.write(out)
    gold, system = read_conll(gold_path), read_conll(sys_path)
    check(len(system) == len(gold), "%s: %d sentences, gold has %d" % (where, len(system), len(gold)))
    gold_tokens = [t for s in gold for t, _ in s]
    sys_tokens = [t for s in system for t, _ in s]
    check(sys_tokens == gold_tokens, "%s: the tokens differ from the input (%d vs %d)" % (where, len(sys_tokens), len(gold_tokens)))
    check([len(s) for s in system] == [len(s) for s in gold], "%s: sentence lengths differ" % where)
    tags = [t for s in system for _, t in s]
    check(all(t == "O" or t[:2] in ("B-", "I-") for t in tags), "%s: tags outside O/B-/I-" % where)
    return sys_path


def case_tag_conll():
    gold = write("small.conll", CONLL.encode("utf-8"))
    rc, out, err = run(["tag", "--conll", gold])
    check(rc == 0, "exit %d: %r" % (rc, err))
    check(err == b"", "stderr %r" % err)
    text = out.decode("utf-8")
    # One blank line between sentences (a final one may end the file).
    check(text.rstrip("\n").count("\n\n") == 2, "%d blank lines between sentences, expected 2" % text.rstrip("\n").count("\n\n"))
    check("\n\n\n" not in text and not text.startswith("\n"), "runs of blank lines in the output")
    sys_path = check_tagged(gold, out, "small CoNLL")
    score(gold, sys_path)
    # SCHEMA.md's spans: the same tokens, the lexicon's longest names.
    army = write("army.conll", "وقال O\nالجيش O\nاللبناني O\nإن O\nقطاع O\nغزة O\nهادئ O\n".encode("utf-8"))
    tags = {}
    for mode in ([], ["--schema"]):
        rc, out, err = run(["tag", "--conll"] + mode + [army])
        check(rc == 0 and err == b"", "tag --conll %s: exit %d, %r" % (mode, rc, err))
        check_tagged(army, out, "army.conll %s" % mode)
        tags[bool(mode)] = [l.split()[1] for l in out.decode("utf-8").split("\n") if l.strip()]
    check(tags[True][1:3] == ["B-ORG", "I-ORG"], "--schema: the army is an ORG, got %s" % tags[True])
    check(tags[False][1:3] == ["O", "O"], "ANERcorp's conventions: the army is not tagged, got %s" % tags[False])
    check(tags[True][4:6] == ["B-GPE", "I-GPE"] and tags[False][4:6] == ["O", "B-GPE"],
          "قطاع غزة: %s (--schema) / %s" % (tags[True][4:6], tags[False][4:6]))


def case_tag_anercorp():
    gold = os.path.join(SHARED, "data", "anercorp", "test.txt")
    if not os.path.isfile(gold):
        skip("%s absent" % gold)
    rc, out, err = run(["tag", "--conll", gold])
    check(rc == 0, "exit %d: %r" % (rc, err[:300]))
    sys_path = check_tagged(gold, out, "ANERcorp test")
    score(gold, sys_path)


CASES = {name[5:]: fn for name, fn in globals().items() if name.startswith("case_")}


def main():
    global SYRIA, SHARED, TMP, PYTHON
    ap = argparse.ArgumentParser()
    ap.add_argument("--syria", required=True)
    ap.add_argument("--shared", required=True)
    ap.add_argument("--tmp", required=True)
    ap.add_argument("case", choices=sorted(CASES))
    a = ap.parse_args()
    SYRIA, SHARED, PYTHON = a.syria, a.shared, "/usr/bin/python3"
    # A private folder per case, emptied first: ctest may run cases in parallel.
    TMP = os.path.join(a.tmp, "cli_" + a.case)
    shutil.rmtree(TMP, ignore_errors=True)
    os.makedirs(TMP)
    CASES[a.case]()
    if failures:
        print("%d check(s) failed; files kept in %s" % (len(failures), TMP))
        sys.exit(1)
    shutil.rmtree(TMP, ignore_errors=True)
    print("OK")


if __name__ == "__main__":
    main()
