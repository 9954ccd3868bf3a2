/* build_clusters: word clusters for the named-entity tagger (clusters.h blob)
 * from plain-text news corpora. See docs/TAGGER.md.
 *
 *   syria-build-clusters [--model FILE] [--clusters K] [--min-count N]
 *                        [--max-words N] [--iters N] --out BLOB CORPUS...
 *
 * 1. Each article of each corpus file (blocks separated by blank lines) is
 *    analysed with libsyria (the clitic model of --model); a word is a
 *    token's clitic stem, or its norm when the stem is empty, exactly what the
 *    tagger looks up at run time. Sentence ends are a boundary symbol.
 * 2. The N most frequent words with at least --min-count occurrences form the
 *    vocabulary; the others are one "rare word" symbol.
 * 3. Flat clusters: the exchange algorithm (Kneser & Ney 1993; Martin,
 *    Liermann & Ney 1998) maximising the likelihood of a class bigram model,
 *    sum f(N(c,d)) - sum f(N(c,.)) - sum f(N(.,d)) with f(x) = x log x; words
 *    are visited in frequency order, start in class (rank mod K), and move to
 *    the best class; --iters passes (or until no word moves).
 * 4. Hierarchy: Ward's agglomerative clustering of the K clusters, each
 *    described by its left and right context distributions over clusters
 *    (Hellinger: square roots of the probabilities); the merge tree gives
 *    every cluster a bit string (left child 0, right child 1).
 * Deterministic: no randomness, no threads, no time limits. */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "syria/syria.h"
#include "tag/clusters.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p) {
        fputs("build_clusters: out of memory\n", stderr);
        exit(1);
    }
    return p;
}
static void *xcalloc(size_t n, size_t s)
{
    void *p = calloc(n ? n : 1, s);
    if (!p) {
        fputs("build_clusters: out of memory\n", stderr);
        exit(1);
    }
    return p;
}
static void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q) {
        fputs("build_clusters: out of memory\n", stderr);
        exit(1);
    }
    return q;
}

/* ---------------------------------------------------------------- */
/* Vocabulary: interned strings with counts. */

typedef struct vocab {
    char **word;
    uint64_t *hash;
    uint64_t *count, *al;
    size_t n, cap;
    uint32_t *table; /* id + 1, open addressing */
    size_t tmask;
} vocab;

static uint64_t hash_str(const char *s, size_t n) { return clusters_hash(s, n); }

static uint32_t vocab_id(vocab *v, const char *s, size_t len)
{
    uint64_t h = hash_str(s, len);
    if (2 * (v->n + 1) > v->tmask + 1) {
        size_t nc = (v->tmask + 1) * 2;
        uint32_t *t = xcalloc(nc, sizeof *t);
        for (size_t i = 0; i <= v->tmask; i++)
            if (v->table[i]) {
                size_t s2 = (size_t)(v->hash[v->table[i] - 1] * 0x9E3779B97F4A7C15ull >> 20) & (nc - 1);
                while (t[s2]) s2 = (s2 + 1) & (nc - 1);
                t[s2] = v->table[i];
            }
        free(v->table);
        v->table = t;
        v->tmask = nc - 1;
    }
    size_t slot = (size_t)(h * 0x9E3779B97F4A7C15ull >> 20) & v->tmask;
    for (; v->table[slot]; slot = (slot + 1) & v->tmask) {
        uint32_t id = v->table[slot] - 1;
        if (v->hash[id] == h && strlen(v->word[id]) == len && !memcmp(v->word[id], s, len)) return id;
    }
    if (v->n == v->cap) {
        v->cap = v->cap ? 2 * v->cap : 1024;
        v->word = xrealloc(v->word, v->cap * sizeof *v->word);
        v->hash = xrealloc(v->hash, v->cap * sizeof *v->hash);
        v->count = xrealloc(v->count, v->cap * sizeof *v->count);
        v->al = xrealloc(v->al, v->cap * sizeof *v->al);
    }
    char *w = xmalloc(len + 1);
    memcpy(w, s, len);
    w[len] = '\0';
    v->word[v->n] = w;
    v->hash[v->n] = h;
    v->count[v->n] = 0;
    v->al[v->n] = 0;
    v->table[slot] = (uint32_t)(v->n + 1);
    return (uint32_t)v->n++;
}

/* ---------------------------------------------------------------- */
/* Reading and analysing the corpora into a stream of word ids. */

typedef struct stream {
    uint32_t *ids;
    size_t n, cap;
} stream;

static void push(stream *s, uint32_t id)
{
    if (s->n == s->cap) {
        s->cap = s->cap ? 2 * s->cap : 1 << 20;
        s->ids = xrealloc(s->ids, s->cap * sizeof *s->ids);
    }
    s->ids[s->n++] = id;
}

#define BOUNDARY "\x01</s>"

static void analyse_article(const syria_model *m, vocab *v, stream *s, const char *text, size_t len, uint32_t bound)
{
    syria_doc *doc = NULL;
    syria_options opt = SYRIA_OPTIONS_INIT;
    opt.flags = SYRIA_OPT_REPLACE_INVALID | SYRIA_OPT_NO_ENTITIES;
    if (syria_analyze(&doc, m, text, len, &opt) != SYRIA_OK) return;
    size_t nt = syria_doc_token_count(doc), sent = (size_t)-1;
    for (size_t i = 0; i < nt; i++) {
        const syria_token *t = syria_doc_token(doc, i);
        if (t->sentence != sent) {
            if (sent != (size_t)-1) push(s, bound);
            sent = t->sentence;
        }
        const char *w = t->stem && *t->stem ? t->stem : t->norm;
        size_t wl = strlen(w);
        if (!wl) continue;
        uint32_t id = vocab_id(v, w, wl);
        v->count[id]++;
        size_t pl = strlen(t->prefix);
        if (pl >= 4 && !memcmp(t->prefix + pl - 4, "\xd8\xa7\xd9\x84", 4)) v->al[id]++; /* ends in ال */
        push(s, id);
    }
    push(s, bound);
    v->count[bound]++;
    syria_doc_free(doc);
}

static int read_corpus(const syria_model *m, vocab *v, stream *s, const char *path, uint32_t bound, size_t *narticles)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "build_clusters: cannot read %s\n", path);
        return -1;
    }
    char *line = NULL, *art = NULL;
    size_t lcap = 0, alen = 0, acap = 0;
    for (;;) {
        ssize_t r = getline(&line, &lcap, f);
        int blank = r < 0 || line[strspn(line, " \t\r\n")] == '\0';
        if (!blank) {
            if (alen + (size_t)r + 1 > acap) {
                acap = (alen + (size_t)r + 1) * 2;
                art = xrealloc(art, acap);
            }
            memcpy(art + alen, line, (size_t)r);
            alen += (size_t)r;
        } else if (alen) {
            analyse_article(m, v, s, art, alen, bound);
            (*narticles)++;
            alen = 0;
        }
        if (r < 0) break;
    }
    free(line);
    free(art);
    fclose(f);
    return 0;
}

/* ---------------------------------------------------------------- */
/* Bigram counts in compressed rows. */

typedef struct rows {
    size_t *first; /* V + 1 */
    uint32_t *other;
    uint32_t *count;
} rows;

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

/* Rows of (a -> b) pairs from sorted keys a<<32|b. */
static void build_rows(rows *r, uint64_t *keys, size_t n, size_t V)
{
    qsort(keys, n, sizeof *keys, cmp_u64);
    size_t u = 0;
    r->first = xcalloc(V + 1, sizeof *r->first);
    r->other = xmalloc(n * sizeof *r->other);
    r->count = xmalloc(n * sizeof *r->count);
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && keys[j] == keys[i]) j++;
        uint32_t a = (uint32_t)(keys[i] >> 32);
        r->other[u] = (uint32_t)keys[i];
        r->count[u] = (uint32_t)(j - i);
        r->first[a + 1]++;
        u++;
        i = j;
    }
    for (size_t a = 0; a < V; a++) r->first[a + 1] += r->first[a];
}

/* ---------------------------------------------------------------- */
/* Exchange algorithm. */

#define FTAB (1u << 20)
static double *ftab;
static inline double fx(long long x)
{
    return x < (long long)FTAB ? ftab[x] : (double)x * log((double)x);
}

static void usage(void)
{
    fputs("usage: syria-build-clusters [--model FILE] [--clusters K] [--min-count N] [--max-words N]\n"
          "                            [--iters N] --out BLOB CORPUS...\n",
          stderr);
    exit(2);
}

int main(int argc, char **argv)
{
    const char *model_path = "libsyria/model/default.smdl", *out_path = NULL;
    const char *files[64];
    int nfiles = 0;
    unsigned K = 256, iters = 8;
    unsigned long min_count = 5, max_words = 100000;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *val = i + 1 < argc ? argv[i + 1] : NULL;
#define ARG(name) (!strcmp(a, name) && val && (i++, 1))
        if (ARG("--model")) model_path = val;
        else if (ARG("--out")) out_path = val;
        else if (ARG("--clusters")) K = (unsigned)atoi(val);
        else if (ARG("--min-count")) min_count = strtoul(val, NULL, 10);
        else if (ARG("--max-words")) max_words = strtoul(val, NULL, 10);
        else if (ARG("--iters")) iters = (unsigned)atoi(val);
        else if (a[0] == '-' && a[1]) usage();
        else if (nfiles < 64) files[nfiles++] = a;
#undef ARG
    }
    if (!out_path || !nfiles || K < 2 || K > 4096) usage();
    double t0 = now();
    syria_model *model = NULL;
    if (syria_model_load_file(&model, model_path)) {
        fprintf(stderr, "build_clusters: model %s: %s\n", model_path, syria_error_last());
        return 1;
    }
    vocab v = {0};
    v.table = xcalloc(1024, sizeof *v.table);
    v.tmask = 1023;
    uint32_t bound = vocab_id(&v, BOUNDARY, strlen(BOUNDARY));
    stream s = {0};
    size_t narticles = 0;
    for (int f = 0; f < nfiles; f++)
        if (read_corpus(model, &v, &s, files[f], bound, &narticles)) return 1;
    syria_model_free(model);
    double t1 = now();
    fprintf(stderr, "read: %d files, %zu articles, %zu tokens, %zu word types; %.1f s\n", nfiles, narticles, s.n, v.n,
            t1 - t0);

    /* Vocabulary by frequency (ties: byte order), boundary always kept. */
    uint32_t *order = xmalloc(v.n * sizeof *order);
    for (size_t i = 0; i < v.n; i++) order[i] = (uint32_t)i;
    /* sort by count desc, then word */
    for (size_t gap = v.n / 2; gap > 0; gap /= 2) /* shell sort: deterministic, no globals */
        for (size_t i = gap; i < v.n; i++) {
            uint32_t x = order[i];
            size_t j = i;
            while (j >= gap) {
                uint32_t y = order[j - gap];
                int before = v.count[x] > v.count[y] || (v.count[x] == v.count[y] && strcmp(v.word[x], v.word[y]) < 0);
                if (!before) break;
                order[j] = y;
                j -= gap;
            }
            order[j] = x;
        }
    size_t V = 0;
    while (V < v.n && V < max_words && v.count[order[V]] >= min_count) V++;
    /* new ids: 0..V-1 the vocabulary (frequency order), V the rare-word symbol */
    uint32_t *newid = xmalloc(v.n * sizeof *newid);
    for (size_t i = 0; i < v.n; i++) newid[i] = (uint32_t)V;
    for (size_t r = 0; r < V; r++) newid[order[r]] = (uint32_t)r;
    if (newid[bound] == V) {
        fputs("build_clusters: the corpus is too small\n", stderr);
        return 1;
    }
    size_t W = V + 1;
    uint64_t *wcount = xcalloc(W, sizeof *wcount);
    for (size_t i = 0; i < s.n; i++) {
        s.ids[i] = newid[s.ids[i]];
        wcount[s.ids[i]]++;
    }
    if (K > W) K = (unsigned)W;

    /* Bigrams. */
    size_t nb = s.n ? s.n - 1 : 0;
    uint64_t *keys = xmalloc((nb ? nb : 1) * sizeof *keys);
    for (size_t i = 0; i < nb; i++) keys[i] = (uint64_t)s.ids[i] << 32 | s.ids[i + 1];
    rows succ, pred;
    build_rows(&succ, keys, nb, W);
    for (size_t i = 0; i < nb; i++) keys[i] = (uint64_t)s.ids[i + 1] << 32 | s.ids[i];
    build_rows(&pred, keys, nb, W);
    free(keys);
    double t2 = now();
    fprintf(stderr, "vocabulary: %zu words (count >= %lu, at most %lu) + rare-word symbol; %zu distinct bigrams; %.1f s\n",
            V, min_count, max_words, succ.first[W], t2 - t1);

    ftab = xmalloc(FTAB * sizeof *ftab);
    ftab[0] = 0;
    for (size_t x = 1; x < FTAB; x++) ftab[x] = (double)x * log((double)x);

    uint32_t *cls = xmalloc(W * sizeof *cls);
    for (size_t w = 0; w < W; w++) cls[w] = (uint32_t)(w % K);
    int *N = xcalloc((size_t)K * K, sizeof *N), *NT = xcalloc((size_t)K * K, sizeof *NT);
    long long *Nl = xcalloc(K, sizeof *Nl), *Nr = xcalloc(K, sizeof *Nr);
    for (size_t i = 0; i < nb; i++) {
        uint32_t a = cls[s.ids[i]], b = cls[s.ids[i + 1]];
        N[(size_t)a * K + b]++;
        NT[(size_t)b * K + a]++;
        Nl[a]++;
        Nr[b]++;
    }
    long long *R = xcalloc(K, sizeof *R), *L = xcalloc(K, sizeof *L);
    uint32_t *nzR = xmalloc(K * sizeof *nzR), *nzL = xmalloc(K * sizeof *nzL);
    double *delta = xmalloc(K * sizeof *delta);
    for (unsigned it = 1; it <= iters; it++) {
        double ti = now();
        size_t moved = 0;
        for (size_t w = 0; w < W; w++) {
            if (!wcount[w]) continue;
            size_t nr = 0, nl = 0;
            long long self = 0, outw = 0, inw = 0;
            for (size_t k = succ.first[w]; k < succ.first[w + 1]; k++) {
                uint32_t o = succ.other[k];
                outw += succ.count[k];
                if (o == w) {
                    self += succ.count[k];
                    continue;
                }
                uint32_t d = cls[o];
                if (!R[d]) nzR[nr++] = d;
                R[d] += succ.count[k];
            }
            for (size_t k = pred.first[w]; k < pred.first[w + 1]; k++) {
                uint32_t o = pred.other[k];
                inw += pred.count[k];
                if (o == w) continue;
                uint32_t d = cls[o];
                if (!L[d]) nzL[nl++] = d;
                L[d] += pred.count[k];
            }
            uint32_t a = cls[w];
            /* take w out of a */
            for (size_t k = 0; k < nr; k++) {
                N[(size_t)a * K + nzR[k]] -= (int)R[nzR[k]];
                NT[(size_t)nzR[k] * K + a] -= (int)R[nzR[k]];
            }
            for (size_t k = 0; k < nl; k++) {
                N[(size_t)nzL[k] * K + a] -= (int)L[nzL[k]];
                NT[(size_t)a * K + nzL[k]] -= (int)L[nzL[k]];
            }
            N[(size_t)a * K + a] -= (int)self;
            NT[(size_t)a * K + a] -= (int)self;
            Nl[a] -= outw;
            Nr[a] -= inw;
            /* gain of putting it into each class */
            uint32_t best = a;
            for (uint32_t b = 0; b < K; b++) {
                const int *row = N + (size_t)b * K, *col = NT + (size_t)b * K;
                double g = 0;
                for (size_t k = 0; k < nr; k++) {
                    uint32_t d = nzR[k];
                    g += fx(row[d] + R[d]) - fx(row[d]);
                }
                for (size_t k = 0; k < nl; k++) {
                    uint32_t d = nzL[k];
                    g += fx(col[d] + L[d]) - fx(col[d]);
                }
                long long M = row[b];
                g += fx(M + R[b] + L[b] + self) - fx(M + R[b]) - fx(M + L[b]) + fx(M);
                g -= fx(Nl[b] + outw) - fx(Nl[b]) + fx(Nr[b] + inw) - fx(Nr[b]);
                delta[b] = g;
            }
            /* stay unless strictly better elsewhere; ties go to the lowest class */
            for (uint32_t b = 0; b < K; b++)
                if (delta[b] > delta[best] + 1e-12 * fabs(delta[best])) best = b;
            if (best != a) moved++;
            uint32_t b = best;
            for (size_t k = 0; k < nr; k++) {
                N[(size_t)b * K + nzR[k]] += (int)R[nzR[k]];
                NT[(size_t)nzR[k] * K + b] += (int)R[nzR[k]];
            }
            for (size_t k = 0; k < nl; k++) {
                N[(size_t)nzL[k] * K + b] += (int)L[nzL[k]];
                NT[(size_t)b * K + nzL[k]] += (int)L[nzL[k]];
            }
            N[(size_t)b * K + b] += (int)self;
            NT[(size_t)b * K + b] += (int)self;
            Nl[b] += outw;
            Nr[b] += inw;
            cls[w] = b;
            for (size_t k = 0; k < nr; k++) R[nzR[k]] = 0;
            for (size_t k = 0; k < nl; k++) L[nzL[k]] = 0;
        }
        double F = 0;
        for (size_t k = 0; k < (size_t)K * K; k++) F += fx(N[k]);
        for (unsigned c = 0; c < K; c++) F -= fx(Nl[c]) + fx(Nr[c]);
        fprintf(stderr, "exchange pass %u: %zu words moved, objective %.6g (per bigram %.4f), %.1f s\n", it, moved, F,
                nb ? F / (double)nb : 0.0, now() - ti);
        if (!moved) break;
    }

    /* Ward's clustering of the K clusters on Hellinger context vectors. */
    double t3 = now();
    size_t dim = 2 * (size_t)K;
    double *vec = xcalloc((size_t)K * dim, sizeof *vec);
    for (unsigned c = 0; c < K; c++) {
        for (unsigned d = 0; d < K; d++) {
            if (Nl[c]) vec[c * dim + d] = sqrt((double)N[(size_t)c * K + d] / (double)Nl[c]);
            if (Nr[c]) vec[c * dim + K + d] = sqrt((double)N[(size_t)d * K + c] / (double)Nr[c]);
        }
    }
    size_t nodes = 2 * (size_t)K - 1;
    double *D = xcalloc((size_t)K * K, sizeof *D);
    for (unsigned i = 0; i < K; i++)
        for (unsigned j = i + 1; j < K; j++) {
            double d2 = 0;
            for (size_t k = 0; k < dim; k++) {
                double e = vec[i * dim + k] - vec[j * dim + k];
                d2 += e * e;
            }
            D[(size_t)i * K + j] = D[(size_t)j * K + i] = d2;
        }
    /* slot i of D holds tree node node_at[i] (active while alive[i]) */
    size_t *node_at = xmalloc(K * sizeof *node_at), *size = xmalloc(K * sizeof *size);
    int *alive = xmalloc(K * sizeof *alive);
    size_t *left = xmalloc(nodes * sizeof *left), *right = xmalloc(nodes * sizeof *right);
    for (unsigned i = 0; i < K; i++) {
        node_at[i] = i;
        size[i] = 1;
        alive[i] = 1;
    }
    size_t next = K;
    for (unsigned m = 0; m + 1 < K; m++) {
        double best = INFINITY;
        unsigned bi = 0, bj = 0;
        for (unsigned i = 0; i < K; i++) {
            if (!alive[i]) continue;
            for (unsigned j = i + 1; j < K; j++)
                if (alive[j] && D[(size_t)i * K + j] < best) {
                    best = D[(size_t)i * K + j];
                    bi = i;
                    bj = j;
                }
        }
        double ni = (double)size[bi], nj = (double)size[bj];
        for (unsigned k = 0; k < K; k++) {
            if (!alive[k] || k == bi || k == bj) continue;
            double nk = (double)size[k];
            double d = ((ni + nk) * D[(size_t)bi * K + k] + (nj + nk) * D[(size_t)bj * K + k] - nk * best) /
                       (ni + nj + nk);
            D[(size_t)bi * K + k] = D[(size_t)k * K + bi] = d;
        }
        left[next] = node_at[bi];
        right[next] = node_at[bj];
        node_at[bi] = next++;
        size[bi] += size[bj];
        alive[bj] = 0;
    }
    /* paths by depth-first walk from the root (node next - 1) */
    uint32_t *cpath = xcalloc(K, sizeof *cpath);
    uint8_t *clen = xcalloc(K, 1);
    unsigned maxdepth = 0;
    {
        size_t *stk = xmalloc(nodes * sizeof *stk);
        uint64_t *sp = xmalloc(nodes * sizeof *sp);
        unsigned *sd = xmalloc(nodes * sizeof *sd);
        size_t top = 0;
        stk[top] = next - 1;
        sp[top] = 0;
        sd[top] = 0;
        top++;
        if (K == 1) {
            cpath[0] = 0;
            clen[0] = 1;
            top = 0;
        }
        while (top) {
            top--;
            size_t nd = stk[top];
            uint64_t p = sp[top];
            unsigned dep = sd[top];
            if (nd < K) {
                unsigned l = dep < 1 ? 1 : dep;
                if (dep > maxdepth) maxdepth = dep;
                if (l > CLUSTERS_MAX_BITS) {
                    p >>= (l - CLUSTERS_MAX_BITS);
                    l = CLUSTERS_MAX_BITS;
                }
                cpath[nd] = (uint32_t)p;
                clen[nd] = (uint8_t)l;
                continue;
            }
            uint64_t pp = dep < 63 ? p : p; /* depth beyond 63 keeps shifting low bits out: capped above */
            stk[top] = left[nd];
            sp[top] = dep < 63 ? pp << 1 : pp;
            sd[top] = dep + 1;
            top++;
            stk[top] = right[nd];
            sp[top] = dep < 63 ? (pp << 1 | 1) : pp;
            sd[top] = dep + 1;
            top++;
        }
        free(stk);
        free(sp);
        free(sd);
    }
    fprintf(stderr, "hierarchy: %u clusters, deepest path %u bits; %.1f s\n", K, maxdepth, now() - t3);

    /* entries */
    uint64_t *hs = xmalloc((V ? V : 1) * sizeof *hs);
    cluster_info *ci = xmalloc((V ? V : 1) * sizeof *ci);
    size_t ne = 0;
    for (size_t r = 0; r < V; r++) {
        uint32_t old = order[r];
        if (old == bound) continue;
        unsigned fb = 0;
        while (fb < 15 && (v.count[old] >> (fb + 1))) fb++;
        double ar = (double)v.al[old] / (double)v.count[old];
        unsigned ab = ar < 0.05 ? 0 : ar < 0.30 ? 1 : ar < 0.70 ? 2 : 3;
        uint32_t c = cls[r];
        hs[ne] = v.hash[old];
        ci[ne] = (cluster_info){cpath[c], (uint16_t)c, clen[c], (uint8_t)(fb | ab << 4)};
        ne++;
    }
    unsigned char *blob = NULL;
    size_t blen = 0;
    int rc = clusters_serialize(hs, ci, ne, K, &blob, &blen);
    if (rc) {
        fprintf(stderr, "build_clusters: cannot serialise (%d; a 64-bit hash collision?)\n", rc);
        return 1;
    }
    FILE *f = fopen(out_path, "wb");
    if (!f || fwrite(blob, 1, blen, f) != blen || fclose(f)) {
        fprintf(stderr, "build_clusters: cannot write %s\n", out_path);
        return 1;
    }
    fprintf(stderr, "wrote %s: %zu words, %u clusters, %zu bytes; total %.1f s\n", out_path, ne, K, blen, now() - t0);
    /* print the most frequent words of a few clusters for inspection */
    for (unsigned c = 0; c < K && c < 8; c++) {
        fprintf(stderr, "  cluster %u (", c);
        for (unsigned b = clen[c]; b-- > 0;) fputc('0' + (int)((cpath[c] >> b) & 1), stderr);
        fputs("):", stderr);
        int shown = 0;
        for (size_t r = 0; r < V && shown < 10; r++)
            if (cls[r] == c && order[r] != bound) {
                fprintf(stderr, " %s", v.word[order[r]]);
                shown++;
            }
        fputc('\n', stderr);
    }
    free(blob);
    free(hs);
    free(ci);
    free(cpath);
    free(clen);
    free(vec);
    free(D);
    free(node_at);
    free(size);
    free(alive);
    free(left);
    free(right);
    free(R);
    free(L);
    free(nzR);
    free(nzL);
    free(delta);
    free(N);
    free(NT);
    free(Nl);
    free(Nr);
    free(cls);
    free(ftab);
    free(succ.first);
    free(succ.other);
    free(succ.count);
    free(pred.first);
    free(pred.other);
    free(pred.count);
    free(wcount);
    free(newid);
    free(order);
    free(s.ids);
    for (size_t i = 0; i < v.n; i++) free(v.word[i]);
    free(v.word);
    free(v.hash);
    free(v.count);
    free(v.al);
    free(v.table);
    return 0;
}
