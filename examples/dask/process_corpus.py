"""Analyse a corpus with libsyria on a Dask cluster and write JSON Lines.

    python3 process_corpus.py CORPUS -o OUT.jsonl [--workers 2] [--scheduler tcp://HOST:8786]
    python3 process_corpus.py CORPUS -o OUT.jsonl --serial        # the same, in this process

CORPUS holds one article per blank-line-separated block (the format of
../shared/data/corpus). The output has one line per article, in corpus
order: the library's JSON document ("doc" is CORPUS_NAME:N, N counting
articles from 1, no sentences or tokens unless --tokens), or {"doc": ...,
"error": ...} for an article the library refuses.
The Dask run and the serial run write the same bytes.

The corpus is cut into chunks of consecutive articles; each chunk is one
task. On a LocalCluster (or with --shared-path) a task names its byte range
and the worker reads the articles itself; with --scheduler the texts travel
with the tasks, so the workers need no copy of the corpus, only the libsyria
Python module. Results are written in order as soon as the chunks
before them are in. A worker that dies (killed, out of memory, machine lost)
costs only time: the scheduler runs its tasks again elsewhere, and each chunk
is written once, whichever run of it finished first.

Without --scheduler a LocalCluster of --workers processes runs on this
machine; with --scheduler the script is a client of an existing cluster
(README: "Dask"). --kill-worker-after N kills one busy worker with SIGKILL
after N chunks, to show (and test) that nothing is lost; --task-delay slows
each task down so that a small test corpus is still running when it happens.
"""

import argparse
import json
import os
import re
import sys
import time


SEPARATOR = re.compile(rb"\n\n+")


def split_articles(data):
    """Blocks separated by one or more blank lines, in order (bench/corpus.h
    splits the same way), with their byte spans in `data`."""
    spans, at = [], 0
    for m in SEPARATOR.finditer(data):
        spans.append((at, m.start()))
        at = m.end()
    spans.append((at, len(data)))
    out = []
    for start, end in spans:
        while start < end and data[start:start + 1] == b"\n":
            start += 1
        if start < end:
            out.append((start, end))
    return out


def read_articles(path, limit=None):
    """The corpus's articles as (bytes, start, end) in order."""
    with open(path, "rb") as f:
        data = f.read()
    spans = split_articles(data)
    if limit:
        spans = spans[:limit]
    return [(data[s:e], s, e) for s, e in spans]


def chunk(articles, size):
    """(first index, texts, byte start, byte end, count) for consecutive runs
    of `size` articles."""
    return [(i, [a[0] for a in articles[i:i + size]], articles[i][1],
             articles[min(i + size, len(articles)) - 1][2], len(articles[i:i + size]))
            for i in range(0, len(articles), size)]


def read_range(path, start, end, count):
    """The `count` articles of path's bytes [start, end): a task's texts read
    by the worker itself."""
    with open(path, "rb") as f:
        f.seek(start)
        data = f.read(end - start)
    texts = [data[s:e] for s, e in split_articles(data)]
    if len(texts) != count:
        raise ValueError("%s [%d, %d): %d articles, expected %d" % (path, start, end, len(texts), count))
    return texts


def analyze_chunk(first, texts, prefix, tokens=False, date=None, delay=0.0):
    """One task: the JSON lines of articles first, first+1, ... as one bytes
    object. `texts` is the list of articles, or (path, start, end, count)
    for the worker to read them. Runs on a worker; the model is loaded once
    per process."""
    import syria

    if isinstance(texts, tuple):
        texts = read_range(*texts)
    model = syria.default_model()
    lines = []
    for k, text in enumerate(texts):
        name = "%s:%d" % (prefix, first + k + 1)
        try:
            line = model.analyze(text, date=date, name=name).to_json(tokens=tokens)
        except syria.Error as e:
            line = json.dumps({"schema": "libsyria/1", "doc": name, "error": str(e)},
                              ensure_ascii=False, separators=(",", ":"))
        lines.append(line)
    if delay:
        time.sleep(delay)
    return ("\n".join(lines) + "\n").encode("utf-8")


class Progress:
    """One status line on stderr: rewritten in place on a terminal, every
    tenth of the way otherwise (logs, CI)."""

    def __init__(self, chunks, articles, nbytes, quiet=False):
        self.chunks, self.articles, self.nbytes = chunks, articles, nbytes
        self.done_chunks = self.done_articles = self.done_bytes = 0
        self.start = time.monotonic()
        self.tty = sys.stderr.isatty()
        self.quiet = quiet
        self.next_report = 0.1

    def add(self, articles, nbytes):
        self.done_chunks += 1
        self.done_articles += articles
        self.done_bytes += nbytes
        if self.quiet:
            return
        fraction = self.done_chunks / self.chunks
        if self.tty or fraction >= self.next_report or self.done_chunks == self.chunks:
            while fraction >= self.next_report:
                self.next_report += 0.1
            elapsed = max(time.monotonic() - self.start, 1e-9)
            line = "%5.1f%%  %d/%d chunks  %d/%d articles  %.1f MB/s" % (
                100 * fraction, self.done_chunks, self.chunks, self.done_articles, self.articles,
                self.done_bytes / elapsed / 1e6)
            sys.stderr.write(("\r" + line) if self.tty else (line + "\n"))
            sys.stderr.flush()

    def close(self):
        if self.tty and not self.quiet:
            sys.stderr.write("\n")


class OrderedWriter:
    """Writes chunk results in chunk order, each exactly once."""

    def __init__(self, out, chunks):
        self.out = out
        self.chunks = chunks
        self.pending = {}
        self.next = 0
        self.duplicates = 0

    def put(self, index, data):
        if index < self.next or index in self.pending:
            self.duplicates += 1  # a recomputed chunk that was already in
            return False
        self.pending[index] = data
        while self.next in self.pending:
            self.out.write(self.pending.pop(self.next))
            self.next += 1
        return True

    def complete(self):
        return self.next == self.chunks and not self.pending


def run_serial(chunks, args, prefix, writer, progress):
    for index, (first, texts, _, _, _) in enumerate(chunks):
        data = analyze_chunk(first, texts, prefix, args.tokens, args.date, args.task_delay)
        writer.put(index, data)
        progress.add(len(texts), sum(len(t) for t in texts))


def kill_a_busy_worker(client):
    """SIGKILLs the process of a worker that is running tasks right now."""
    import signal

    processing = {w: keys for w, keys in client.processing().items() if keys}
    if not processing:
        return None
    address = max(processing, key=lambda w: len(processing[w]))
    pid = client.run(os.getpid, workers=[address])[address]
    os.kill(pid, signal.SIGKILL)
    return address, pid, len(processing[address])


def run_dask(chunks, args, prefix, writer, progress):
    import logging

    import dask
    from distributed import Client, LocalCluster, as_completed

    # A chunk whose worker died is run again: allow a few deaths per task.
    dask.config.set({"distributed.scheduler.allowed-failures": 5})
    cluster = None
    if args.scheduler:
        client = Client(args.scheduler)
    else:
        cluster = LocalCluster(n_workers=args.workers, threads_per_worker=args.threads_per_worker,
                               processes=True, dashboard_address=None,
                               silence_logs=logging.ERROR if args.quiet else logging.WARNING)
        client = Client(cluster)
    try:
        workers = client.scheduler_info()["workers"]
        print("dask: %s, %d workers, %d chunks" % (
            args.scheduler or "LocalCluster", len(workers), len(chunks)), file=sys.stderr)
        progress.start = time.monotonic()
        # On one machine (or a shared file system) a task names its byte
        # range and the worker reads it; otherwise the texts travel with it.
        read_here = args.ship_texts or (args.scheduler and not args.shared_path)
        path = os.path.abspath(args.corpus)
        futures = {}
        for index, (first, texts, start, end, count) in enumerate(chunks):
            work = texts if read_here else (path, start, end, count)
            future = client.submit(analyze_chunk, first, work, prefix, args.tokens, args.date,
                                   args.task_delay, key="syria-chunk-%06d" % index, retries=3)
            futures[future] = index
        sizes = [(len(texts), sum(len(t) for t in texts)) for _, texts, _, _, _ in chunks]
        killed = None
        for future in as_completed(list(futures)):
            index = futures[future]
            data = future.result()
            future.release()
            if writer.put(index, data):
                progress.add(*sizes[index])
            if (args.kill_worker_after is not None and killed is None
                    and progress.done_chunks >= args.kill_worker_after):
                killed = kill_a_busy_worker(client)
                if killed:
                    print("\ndask: killed worker %s (pid %d) with %d chunks in progress" % killed,
                          file=sys.stderr)
        if args.kill_worker_after is not None and killed is None:
            print("dask: no busy worker left to kill", file=sys.stderr)
    finally:
        client.close()
        if cluster:
            cluster.close()


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus")
    parser.add_argument("-o", "--output", required=True, help="JSON Lines file to write")
    parser.add_argument("--serial", action="store_true", help="no Dask: analyse in this process")
    parser.add_argument("--scheduler", help="address of a running Dask scheduler (tcp://HOST:8786)")
    parser.add_argument("--workers", type=int, default=2, help="LocalCluster worker processes")
    parser.add_argument("--threads-per-worker", type=int, default=1)
    parser.add_argument("--chunk-size", type=int, default=200, help="articles per task")
    parser.add_argument("--limit", type=int, help="only the first N articles")
    parser.add_argument("--date", help="document date for every article (YYYY-MM-DD)")
    parser.add_argument("--tokens", action="store_true", help="keep sentences and tokens in the JSON")
    parser.add_argument("--shared-path", action="store_true",
                        help="with --scheduler: the workers read CORPUS at the same path")
    parser.add_argument("--ship-texts", action="store_true",
                        help="send the texts with the tasks even on a LocalCluster")
    parser.add_argument("--kill-worker-after", type=int, metavar="N",
                        help="SIGKILL one busy worker after N chunks are in (a test of recovery)")
    parser.add_argument("--task-delay", type=float, default=0.0, help=argparse.SUPPRESS)
    parser.add_argument("--quiet", action="store_true", help="no progress lines")
    args = parser.parse_args(argv)

    articles = read_articles(args.corpus, args.limit)
    if not articles:
        print("process_corpus: %s: no articles" % args.corpus, file=sys.stderr)
        return 1
    chunks = chunk(articles, max(1, args.chunk_size))
    nbytes = sum(len(a[0]) for a in articles)
    prefix = os.path.basename(args.corpus)
    progress = Progress(len(chunks), len(articles), nbytes, args.quiet)
    start = time.monotonic()
    tmp = args.output + ".part"
    with open(tmp, "wb") as out:
        writer = OrderedWriter(out, len(chunks))
        (run_serial if args.serial else run_dask)(chunks, args, prefix, writer, progress)
    progress.close()
    if not writer.complete():
        print("process_corpus: only %d of %d chunks came back" % (writer.next, len(chunks)),
              file=sys.stderr)
        return 1
    os.replace(tmp, args.output)
    elapsed = time.monotonic() - start
    work = time.monotonic() - progress.start
    print("%s: %d articles, %.1f MB in %.1f s (%.1f s analysing): %.2f MB/s, %.0f articles/s%s" % (
        "serial" if args.serial else "dask", len(articles), nbytes / 1e6, elapsed, work,
        nbytes / 1e6 / work, len(articles) / work,
        ", %d recomputed chunks dropped" % writer.duplicates if writer.duplicates else ""),
        file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
