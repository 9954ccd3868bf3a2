"""Throughput of syria.Model.analyze_many with 1, 2, ... threads on a corpus.

    python3 bench_analyze_many.py CORPUS [--threads 1 2] [--batch 2000] [--limit N] [--repeat R]

The corpus (one article per blank-line-separated block) is analysed in
batches of --batch articles, one analyze_many call per batch and thread
count. Each batch is run R times with each thread count in turn (1, 2, 1,
2, ...) and its fastest run counts: on a machine shared with other work,
the interleaving and the minimum keep a burst of someone else's load from
deciding the comparison. Reported: seconds for the whole corpus (sum of the
batches' minima), MB/s of UTF-8 input, the speed-up over the first thread
count, and the cores those runs kept busy (CPU time over wall time). The
entities and events must be the same whatever the number of threads
(checked outside the timed part). --records also copies every document's
entities and events into Python objects inside the timed part (the tokens,
which a program asks for only when it needs them, are not).
"""

import argparse
import hashlib
import re
import sys
import time

import syria


def read_articles(path, limit=None):
    with open(path, "rb") as f:
        blocks = [b.lstrip(b"\n") for b in re.split(rb"\n\n+", f.read())]
    articles = [b.decode("utf-8", "replace") for b in blocks if b]
    return articles[:limit] if limit else articles


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus")
    parser.add_argument("--threads", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--batch", type=int, default=2000)
    parser.add_argument("--limit", type=int)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--records", action="store_true")
    args = parser.parse_args(argv)

    articles = read_articles(args.corpus, args.limit)
    nbytes = sum(len(a.encode("utf-8")) for a in articles)
    batches = [articles[i:i + args.batch] for i in range(0, len(articles), args.batch)]
    model = syria.Model()
    print("%d articles, %.1f MB, %d batches of %d, best of %d interleaved runs, libsyria %s" % (
        len(articles), nbytes / 1e6, len(batches), args.batch, args.repeat, syria.version()))
    wall = {t: [float("inf")] * len(batches) for t in args.threads}
    cpu = {t: [0.0] * len(batches) for t in args.threads}
    digests = {t: hashlib.sha256() for t in args.threads}
    counts = {t: [0, 0] for t in args.threads}
    for b, batch in enumerate(batches):
        for r in range(args.repeat):
            for t in args.threads:
                start, start_cpu = time.perf_counter(), time.process_time()
                docs = model.analyze_many(batch, threads=t)
                if args.records:
                    for doc in docs:
                        doc.entities, doc.events
                elapsed = time.perf_counter() - start
                used = time.process_time() - start_cpu
                if elapsed < wall[t][b]:
                    wall[t][b], cpu[t][b] = elapsed, used
                if r == 0:
                    for doc in docs:
                        digests[t].update(doc.to_json(tokens=False).encode())
                        counts[t][0] += len(doc.entities)
                        counts[t][1] += len(doc.events)
                del docs
    first = args.threads[0]
    for t in args.threads:
        if digests[t].digest() != digests[first].digest() or counts[t] != counts[first]:
            print("FAIL: %d threads gave other documents than %d" % (t, first))
            return 1
    base = sum(wall[first])
    for t in args.threads:
        total, total_cpu = sum(wall[t]), sum(cpu[t])
        print("threads=%d  %.2f s  %.2f MB/s  %.0f articles/s  x%.2f  cpu %.2f s = %.2f cores"
              "  (%d entities, %d events)" % (
                  t, total, nbytes / 1e6 / total, len(articles) / total, base / total, total_cpu,
                  total_cpu / total, counts[t][0], counts[t][1]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
