"""Documentation checks (ctest: api_docs, man_page).

    check_docs.py api DOXYFILE OUT_DIR HEADER
        Doxygen runs without a warning (every public symbol documented) and
        the reference has an entry for every SYRIA_API function of HEADER.
    check_docs.py man PAGE MAIN_C
        groff renders PAGE without a warning, and the page names every
        option that the tool's usage text (MAIN_C) lists.
Exits 77 (skipped) when doxygen or groff is absent.
"""

import os
import re
import shutil
import subprocess
import sys

SKIPPED = 77


def check_api(doxyfile, out_dir, header):
    doxygen = shutil.which("doxygen")
    if not doxygen:
        print("SKIP: no doxygen (Debian package doxygen)")
        return SKIPPED
    shutil.rmtree(out_dir, ignore_errors=True)
    os.makedirs(out_dir)
    result = subprocess.run([doxygen, doxyfile], capture_output=True, text=True, timeout=100)
    log_path = os.path.join(out_dir, "warnings.log")
    warnings = open(log_path).read().strip() if os.path.exists(log_path) else ""
    failed = False
    if result.returncode:
        print("FAIL: doxygen exited with %d\n%s" % (result.returncode, result.stderr))
        failed = True
    if warnings:
        print("FAIL: doxygen warnings (document every public symbol):\n" + warnings)
        failed = True
    with open(header, encoding="utf-8") as f:
        functions = re.findall(r"SYRIA_API\s+[^;(]*?\b(syria_\w+)\s*\(", f.read())
    page = os.path.join(out_dir, "html", "syria_8h.html")
    if not os.path.exists(page):
        print("FAIL: no %s" % page)
        return 1
    html = open(page, encoding="utf-8").read()
    missing = [f for f in functions if 'id="' not in html or f not in html]
    if missing:
        print("FAIL: not in the reference: " + ", ".join(missing))
        failed = True
    man = os.path.join(out_dir, "man", "man3", "syria.h.3")
    print("%d functions documented in %s%s" % (len(functions), page,
                                                 " and " + man if os.path.exists(man) else ""))
    return 1 if failed else 0


def check_man(page, main_c):
    groff = shutil.which("groff")
    if not groff:
        print("SKIP: no groff")
        return SKIPPED
    result = subprocess.run([groff, "-k", "-man", "-Tutf8", "-ww", "-z", page], capture_output=True,
                            text=True, timeout=60)
    failed = False
    if result.returncode or result.stderr.strip():
        print("FAIL: groff:\n" + result.stderr)
        failed = True
    text = subprocess.run([groff, "-k", "-man", "-Tutf8", page], capture_output=True, text=True,
                          timeout=60, env=dict(os.environ, GROFF_NO_SGR="1")).stdout
    text = re.sub(r".\x08", "", text).replace("\u2010", "-").replace("\u2212", "-")
    with open(main_c, encoding="utf-8") as f:
        source = f.read()
    usage = re.search(r"usage_text\s*=\s*((?:\s*\"[^\"]*\")+)", source)
    options = sorted(set(re.findall(r"--[a-z][a-z-]*", usage.group(1) if usage else source)))
    commands = ["analyze", "tokenize", "tag"]
    for word in options + commands:
        if word not in text:
            print("FAIL: the man page does not mention %s" % word)
            failed = True
    print("man page: %d options and %d commands of the usage text documented" % (len(options), len(commands)))
    return 1 if failed else 0


def main(argv):
    if len(argv) == 5 and argv[1] == "api":
        return check_api(argv[2], argv[3], argv[4])
    if len(argv) == 4 and argv[1] == "man":
        return check_man(argv[2], argv[3])
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
