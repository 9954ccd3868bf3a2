"""Checks on the examples (ctest: example_*).

    test_examples.py same C_PROGRAM ARTICLE DATE
        The C, Python and Lua examples print the same lines for ARTICLE
        (PYTHONPATH and LUA_CPATH point at the modules). With
        SYRIA_FAKE_RECORDS set (fake_records.c preloaded) the lines must be
        the known entities and events.
    test_examples.py network OUTPUT.png ARTICLE...
        actor_network.py draws a PNG; with SYRIA_FAKE_RECORDS the one edge
        SYRGOV -> RUSGOV must be in it.
"""

import os
import struct
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
PYTHON = "/usr/bin/python3" if os.path.exists("/usr/bin/python3") else sys.executable
FAKE = bool(os.environ.get("SYRIA_FAKE_RECORDS"))

FAKE_LINES = [
    'entity e1 PER "لافروف" canonical=سيرغي لافروف code=RUSGOV',
    'entity e2 GPE "روسيا" canonical=روسيا code=RUS',
    'entity e3 GPE "تركيا" canonical=تركيا code=TUR',
    'entity e4 DATE "أمس" value=2020-02-17',
    'event v1 AGREE cameo=030 quad=1 goldstein=4.0 trigger="اتفقتا" sources=RUS(e2),TUR(e3) '
    'targets=- date=2020-02-17 status=asserted reported_by=e1',
    'event v2 CONSULT mode=visit cameo=042 quad=1 goldstein=1.9 trigger="روسيا" sources=SYRGOV '
    'targets=RUSGOV(e2) location=e3 status=negated',
]


def run(cmd):
    result = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    if result.returncode:
        print("FAIL: %s exited with %d:\n%s" % (" ".join(cmd), result.returncode, result.stderr))
        sys.exit(1)
    return result.stdout


def same(c_program, article, date):
    outputs = {
        "C": run([c_program, article, date]),
        "Python": run([PYTHON, os.path.join(HERE, "python", "analyze.py"), article, date]),
        "Lua": run(["lua5.4", os.path.join(HERE, "lua", "analyze.lua"), article, date]),
    }
    print(outputs["C"])
    failed = False
    for language in ("Python", "Lua"):
        if outputs[language] != outputs["C"]:
            print("FAIL: the %s example prints otherwise than the C one:\n%s" % (language, outputs[language]))
            failed = True
    lines = outputs["C"].splitlines()
    header = lines[0].split(": ")[1].split(", ")
    entities, events = int(header[2].split()[0]), int(header[3].split()[0])
    if len([l for l in lines if l.startswith("entity ")]) != entities:
        print("FAIL: %d entities announced, other number printed" % entities)
        failed = True
    if len([l for l in lines if l.startswith("event ")]) != events:
        print("FAIL: %d events announced, other number printed" % events)
        failed = True
    if FAKE and lines[1:] != FAKE_LINES:
        print("FAIL: the fake records should print:\n" + "\n".join(FAKE_LINES))
        failed = True
    return 1 if failed else 0


def network(output, articles):
    if subprocess.run([PYTHON, "-c", "import matplotlib"], capture_output=True).returncode:
        print("SKIP: no matplotlib (Debian package python3-matplotlib)")
        return 77
    if os.path.exists(output):
        os.remove(output)
    out = run([PYTHON, os.path.join(HERE, "python", "actor_network.py"), "-o", output] + articles)
    print(out)
    with open(output, "rb") as f:
        head = f.read(24)
    if head[:8] != b"\x89PNG\r\n\x1a\n":
        print("FAIL: %s is not a PNG" % output)
        return 1
    width, height = struct.unpack(">II", head[16:24])
    if width < 400 or height < 400:
        print("FAIL: a %dx%d picture" % (width, height))
        return 1
    if FAKE and ("SYRGOV     -> RUSGOV     quad 1  x%d" % len(articles)) not in out:
        print("FAIL: the fake records' edge SYRGOV -> RUSGOV is missing")
        return 1
    return 0


def main(argv):
    if len(argv) >= 5 and argv[1] == "same":
        return same(argv[2], argv[3], argv[4])
    if len(argv) >= 4 and argv[1] == "network":
        return network(argv[2], argv[3:])
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
