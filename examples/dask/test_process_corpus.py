"""The Dask example equals the serial run, even when a worker is killed
(ctest: example_dask).

    test_process_corpus.py CORPUS [ARTICLES]

Runs process_corpus.py on the first ARTICLES (default 400) articles of CORPUS
with --serial, then on a 2-worker LocalCluster with one busy worker killed
(SIGKILL) after 8 of its 40 chunks, then with the texts sent along with the
tasks (--ship-texts); the outputs must be the same bytes, one line per
article in corpus order. Exits 77 (skipped) when the corpus or
Dask (Debian's python3-distributed) is absent.
"""

import json
import os
import subprocess
import sys
import tempfile

SKIPPED = 77
HERE = os.path.dirname(os.path.abspath(__file__))
SCRIPT = os.path.join(HERE, "process_corpus.py")


def main(argv):
    if len(argv) < 2:
        print(__doc__)
        return 2
    corpus = argv[1]
    count = int(argv[2]) if len(argv) > 2 else 400
    if not os.path.exists(corpus):
        print("SKIP: no corpus at %s (../shared absent)" % corpus)
        return SKIPPED
    try:
        import distributed  # noqa: F401
    except ImportError:
        print("SKIP: Dask is not installed (Debian package python3-distributed)")
        return SKIPPED

    with tempfile.TemporaryDirectory(prefix="syria-dask-") as tmp:
        serial_out = os.path.join(tmp, "serial.jsonl")
        dask_out = os.path.join(tmp, "dask.jsonl")
        common = [sys.executable, SCRIPT, corpus, "--limit", str(count), "--chunk-size", "10"]
        serial = subprocess.run(common + ["--serial", "-o", serial_out], capture_output=True,
                                text=True, timeout=300)
        print(serial.stderr.strip().splitlines()[-1] if serial.stderr.strip() else "")
        if serial.returncode:
            print("serial run failed:\n" + serial.stderr)
            return 1
        # 40 tasks of 0.1 s at least each on 2 workers: still running when
        # the 8th chunk is in and a worker is killed.
        run = subprocess.run(common + ["--workers", "2", "--task-delay", "0.1",
                                       "--kill-worker-after", "8", "-o", dask_out],
                             capture_output=True, text=True, timeout=300)
        print(run.stderr)
        if run.returncode:
            print("dask run failed")
            return 1
        # The texts travelling with the tasks (as with a remote --scheduler).
        shipped_out = os.path.join(tmp, "shipped.jsonl")
        shipped = subprocess.run(common + ["--workers", "2", "--ship-texts", "--quiet", "-o", shipped_out],
                                 capture_output=True, text=True, timeout=300)
        print(shipped.stderr)
        failures = []
        if shipped.returncode:
            failures.append("the --ship-texts run failed")
        elif open(shipped_out, "rb").read() != open(serial_out, "rb").read():
            failures.append("the --ship-texts output differs from the serial one")
        if "killed worker" not in run.stderr:
            failures.append("no worker was killed during the run")
        with open(serial_out, "rb") as f:
            serial_bytes = f.read()
        with open(dask_out, "rb") as f:
            dask_bytes = f.read()
        lines = serial_bytes.decode("utf-8").splitlines()
        names = [json.loads(line)["doc"] for line in lines]
        prefix = os.path.basename(corpus)
        if names != ["%s:%d" % (prefix, i + 1) for i in range(count)]:
            failures.append("the serial run does not have one line per article in order")
        entities = sum(len(json.loads(line).get("entities", [])) for line in lines)
        events = sum(len(json.loads(line).get("events", [])) for line in lines)
        print("%d articles, %d entities, %d events" % (len(lines), entities, events))
        if dask_bytes != serial_bytes:
            dask_lines = dask_bytes.decode("utf-8").splitlines()
            failures.append("the Dask output differs from the serial one (%d lines against %d)"
                            % (len(dask_lines), len(lines)))
        for failure in failures:
            print("FAIL: " + failure)
        if not failures:
            print("OK: the Dask run with a killed worker wrote the serial run's %d documents"
                  % len(lines))
        return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
