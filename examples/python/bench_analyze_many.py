"""Throughput of syria.Model.analyze_many with 1, 2, ... threads on a corpus.

    python3 bench_analyze_many.py CORPUS [--threads 1 2] [--batch 2000] [--limit N] [--repeat R]

The corpus (one article per blank-line-separated block) is analysed in
batches of --batch articles, one analyze_many call each, with every thread
count in turn; the best of --repeat runs is reported in MB/s of UTF-8 input
with the speed-up over the first thread count. Each run's entities and
events are checked to be the same whatever the number of threads (outside
the timed part). --records also copies every document's entities and events
into Python objects inside the timed part (the tokens, which a program
asks for only when it needs them, are not). "cores" is the process's CPU
time over the wall time: on a machine shared with other work it shows how
much of the parallelism the threads got.
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


def run(model, batches, threads, records):
    digest = hashlib.sha256()
    elapsed = cpu = 0.0
    entities = events = 0
    for batch in batches:
        start, start_cpu = time.perf_counter(), time.process_time()
        docs = model.analyze_many(batch, threads=threads)
        if records:
            for doc in docs:
                doc.entities, doc.events
        elapsed += time.perf_counter() - start
        cpu += time.process_time() - start_cpu
        for doc in docs:
            digest.update(doc.to_json(tokens=False).encode())
            entities += len(doc.entities)
            events += len(doc.events)
    return elapsed, cpu, digest.hexdigest(), entities, events


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus")
    parser.add_argument("--threads", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--batch", type=int, default=2000)
    parser.add_argument("--limit", type=int)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--records", action="store_true")
    args = parser.parse_args(argv)

    articles = read_articles(args.corpus, args.limit)
    nbytes = sum(len(a.encode("utf-8")) for a in articles)
    batches = [articles[i:i + args.batch] for i in range(0, len(articles), args.batch)]
    model = syria.Model()
    print("%d articles, %.1f MB, batches of %d, libsyria %s" % (
        len(articles), nbytes / 1e6, args.batch, syria.version()))
    base = None
    reference = None
    for threads in args.threads:
        best = best_cpu = None
        for _ in range(args.repeat):
            elapsed, cpu, digest, entities, events = run(model, batches, threads, args.records)
            if best is None or elapsed < best:
                best, best_cpu = elapsed, cpu
            if reference is None:
                reference = (digest, entities, events)
            elif (digest, entities, events) != reference:
                print("FAIL: %d threads gave other documents" % threads)
                return 1
        base = base or best
        # CPU seconds over wall seconds: how many cores the run kept busy.
        print("threads=%d  %.2f s  %.2f MB/s  %.0f articles/s  x%.2f  cpu %.2f s = %.2f cores"
              "  (%d entities, %d events)" % (
                  threads, best, nbytes / 1e6 / best, len(articles) / best, base / best, best_cpu,
                  best_cpu / best, reference[1], reference[2]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
