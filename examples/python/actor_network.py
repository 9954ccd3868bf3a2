"""Who did what to whom: the actor network of a set of articles, as a PNG.

    python3 actor_network.py -o network.png ARTICLE.txt...
    python3 actor_network.py -o network.png --corpus CORPUS.txt [--limit N]

Every event with a source and a target actor draws an arrow from the
source's code to the target's (TURGOV -> SYRREB), coloured by its quad
class: verbal cooperation, material cooperation, verbal conflict, material
conflict. An arrow's width grows with the number of events it stands for,
a node's size with the events it takes part in; the --top actors with the
most events are drawn. Needs matplotlib (Debian's
python3-matplotlib); the articles are analysed in parallel with
syria.analyze_many.
"""

import argparse
import collections
import math
import os
import re
import sys

import syria

QUADS = {
    1: ("verbal cooperation", "#2b8a3e"),
    2: ("material cooperation", "#1864ab"),
    3: ("verbal conflict", "#e8590c"),
    4: ("material conflict", "#c92a2a"),
}


def read_texts(args):
    if args.corpus:
        with open(args.corpus, "rb") as f:
            blocks = [b.lstrip(b"\n") for b in re.split(rb"\n\n+", f.read())]
        texts = [b.decode("utf-8", "replace") for b in blocks if b]
        return texts[:args.limit] if args.limit else texts
    texts = []
    for path in args.files:
        with open(path, encoding="utf-8") as f:
            texts.append(f.read())
    return texts


def edges_of(docs):
    """{(source code, target code, quad): number of events}."""
    edges = collections.Counter()
    for doc in docs:
        for event in doc.events:
            for source in event.sources:
                for target in event.targets:
                    if source.code and target.code and source.code != target.code:
                        edges[(source.code, target.code, event.quad)] += 1
    return edges


def busiest(edges, top):
    """The edges among the `top` actors with the most events."""
    weight = collections.Counter()
    for (s, t, _), n in edges.items():
        weight[s] += n
        weight[t] += n
    keep = {c for c, _ in sorted(weight.items(), key=lambda cw: (-cw[1], cw[0]))[:top]}
    return collections.Counter({e: n for e, n in edges.items() if e[0] in keep and e[1] in keep})


def draw(edges, events, articles, output, title):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D

    weight = collections.Counter()
    for (s, t, _), n in edges.items():
        weight[s] += n
        weight[t] += n
    nodes = sorted(weight, key=lambda c: (-weight[c], c))
    # A circle, busiest actor first at the top, going clockwise.
    pos = {c: (math.cos(math.pi / 2 - 2 * math.pi * i / max(len(nodes), 1)),
               math.sin(math.pi / 2 - 2 * math.pi * i / max(len(nodes), 1)))
           for i, c in enumerate(nodes)}
    fig, ax = plt.subplots(figsize=(11, 11), dpi=100)
    ax.set_aspect("equal")
    ax.axis("off")
    ax.set_xlim(-1.35, 1.35)
    ax.set_ylim(-1.35, 1.35)
    top = max(edges.values()) if edges else 1
    for (s, t, quad), n in sorted(edges.items(), key=lambda e: e[1]):
        colour = QUADS.get(quad, ("", "#868e96"))[1]
        lw = 0.8 + 5.0 * n / top
        ax.annotate("", xy=pos[t], xytext=pos[s], zorder=1,
                    arrowprops=dict(arrowstyle="-|>", color=colour, alpha=0.75, lw=lw,
                                    shrinkA=16, shrinkB=16, mutation_scale=12 + 4 * lw,
                                    connectionstyle="arc3,rad=0.12"))
    biggest = max(weight.values()) if weight else 1
    # Nodes shrink as the circle fills up, so that neighbours do not touch.
    node_area = min(1400.0, 24000.0 / max(len(nodes), 1))
    for c in nodes:
        x, y = pos[c]
        ax.scatter([x], [y], s=120 + node_area * weight[c] / biggest, color="#f8f9fa",
                   edgecolors="#343a40", linewidths=1.2, zorder=2)
        ax.text(x * 1.15, y * 1.15, c, ha="center", va="center", fontsize=10, zorder=3,
                family="DejaVu Sans Mono")
    if not edges:
        ax.text(0, 0, "no event with both a source and a target", ha="center", va="center",
                fontsize=14, color="#868e96")
    handles = [Line2D([0], [0], color=colour, lw=3, label="%d %s" % (q, name))
               for q, (name, colour) in QUADS.items()]
    ax.legend(handles=handles, loc="lower left", frameon=False, title="quad class")
    ax.set_title("%s\n%d articles, %d events, %d actors, %d edges" % (
        title, articles, events, len(nodes), len(edges)), fontsize=13)
    fig.savefig(output, bbox_inches="tight")
    plt.close(fig)
    return len(nodes)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="*", help="article files")
    parser.add_argument("--corpus", help="one article per blank-line-separated block")
    parser.add_argument("--limit", type=int, help="only the first N articles of --corpus")
    parser.add_argument("--threads", type=int, help="analysis threads (default: every CPU)")
    parser.add_argument("--top", type=int, default=30,
                        help="draw the TOP actors with the most events (default 30)")
    parser.add_argument("--title", default="libsyria: who did what to whom")
    parser.add_argument("-o", "--output", required=True, help="PNG to write")
    args = parser.parse_args(argv)
    if not args.files and not args.corpus:
        parser.error("give article files or --corpus")
    try:
        docs = syria.analyze_many(read_texts(args), threads=args.threads)
    except (OSError, syria.Error) as e:
        print("actor_network.py: %s" % e, file=sys.stderr)
        return 1
    events = sum(len(d.events) for d in docs)
    all_edges = edges_of(docs)
    edges = busiest(all_edges, args.top)
    actors = draw(edges, events, len(docs), args.output, args.title)
    print("%d articles, %d events, %d actors, %d edges (of %d) -> %s" % (
        len(docs), events, actors, len(edges), len(all_edges), os.path.abspath(args.output)))
    for (s, t, quad), n in edges.most_common(10):
        print("  %-10s -> %-10s quad %d  x%d" % (s, t, quad, n))
    return 0


if __name__ == "__main__":
    sys.exit(main())
