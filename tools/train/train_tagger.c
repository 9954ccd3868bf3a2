/* train_tagger: trains the named-entity tagger's averaged perceptron (or,
 * with --crf, the same weights as a linear-chain CRF: tagger_crf.h) on
 * CoNLL files ("token TAG" lines, blank line between sentences) and writes
 * the averaged weights blob (tagger.h format). See docs/TAGGER.md.
 *
 *   train_tagger --train train.txt [--extra FILE]... [--dev-every K | --dev-last N | --dev-fold K/F]
 *                [--epochs N] [--seed S] [--bits B] [--lexicons DIR]
 *                [--model FILE] [--out BLOB] [--eval FILE --eval-out FILE]
 *                [--crf [--l2 C] [--lr E] [--crf-avg 0|1|2] [--prune P]]
 *   train_tagger --load BLOB --eval FILE --eval-out FILE   (tag only)
 *
 * With --dev-every K > 0 every K-th sentence of --train (indices K-1, 2K-1,
 * ...) is held out as the development set and F1 on it is printed after
 * each epoch; with 0 everything is trained on. Deterministic for a seed. */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/doc.h"
#include "syria/syria.h"
#include "tag/clusters.h"
#include "model/model.h"
#include "tag/gazetteer.h"
#include "tag/names.h"
#include "tag/tagger.h"
#include "tagger_crf.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q) {
        fputs("train_tagger: out of memory\n", stderr);
        exit(1);
    }
    return q;
}

/* A corpus: sentences of tokens with gold tags and hashed features. */
typedef struct corpus {
    size_t nsent, ntok;
    size_t *sent_first;  /* nsent + 1 token indices */
    char **words;        /* ntok surface tokens */
    uint8_t *gold;       /* ntok */
    uint32_t *feats;     /* all features */
    size_t nfeats, capfeats;
    size_t *feat_first;  /* ntok + 1 (per token, absolute) */
    size_t bad_tags;
    int is_train;        /* word dropout applies */
    size_t ncl, nent_tok, nent_cl; /* tokens with a cluster; entity tokens; those with a cluster */
    uint64_t *stemh;     /* --doc-block: per token, hash of the stem of a word (0: not a word) */
    uint32_t *cl6;       /* per token, its 6-bit cluster + 1 (0: none) */
} corpus;

static void corpus_free(corpus *c)
{
    for (size_t i = 0; i < c->ntok; i++) free(c->words[i]);
    free(c->words);
    free(c->gold);
    free(c->sent_first);
    free(c->feats);
    free(c->feat_first);
    free(c->stemh);
    free(c->cl6);
    memset(c, 0, sizeof *c);
}

typedef struct ctx {
    const syria_model *model;
    gazetteer *gaz;
    const gazetteer *gaz_use; /* --model-gazetteer: the model's (NAM1), as at run time */
    word_clusters *wc;
    unsigned bits;
    tagger_scratch scratch;
    double analyze_s, feature_s;
    double unk_rate;     /* word dropout on training sentences */
    uint64_t unk_state;  /* its generator (seeded) */
    int extra_drop_misc; /* --extra files: MISC read as O */
} ctx;

static uint64_t unk_next(ctx *x)
{
    uint64_t v = x->unk_state;
    v ^= v >> 12;
    v ^= v << 25;
    v ^= v >> 27;
    x->unk_state = v;
    return v * 0x2545F4914F6CDD1Dull;
}

/* Analyses one sentence (tokens joined by spaces) and appends its features. */
static void add_sentence(ctx *x, corpus *c, char **words, const uint8_t *tags, size_t n)
{
    if (n == 0) return;
    size_t tlen = 0;
    for (size_t i = 0; i < n; i++) tlen += strlen(words[i]) + 1;
    char *text = malloc(tlen);
    size_t *off = malloc(n * sizeof *off), *wl = malloc(n * sizeof *wl);
    if (!text || !off || !wl) exit(1);
    size_t p = 0;
    for (size_t i = 0; i < n; i++) {
        if (i) text[p++] = ' ';
        off[i] = p;
        wl[i] = strlen(words[i]);
        memcpy(text + p, words[i], wl[i]);
        p += wl[i];
    }
    double t0 = now();
    syria_doc *doc = NULL;
    syria_options opt = SYRIA_OPTIONS_INIT;
    opt.flags = SYRIA_OPT_REPLACE_INVALID | SYRIA_OPT_NO_ENTITIES;
    int rc = syria_analyze(&doc, x->model, text, p, &opt);
    double t1 = now();
    x->analyze_s += t1 - t0;
    tagger_tok *tt = calloc(n, sizeof *tt);
    gaz_tok *gt = calloc(n, sizeof *gt);
    uint32_t *marks = calloc(n, sizeof *marks);
    if (!tt || !gt || !marks) exit(1);
    size_t nt = rc == 0 ? syria_doc_token_count(doc) : 0, j = 0;
    for (size_t i = 0; i < n; i++) {
        const syria_token *best = NULL;
        while (j < nt && syria_doc_token(doc, j)->start < off[i]) j++;
        if (j < nt) {
            const syria_token *t = syria_doc_token(doc, j);
            if (t->start < off[i] + wl[i]) best = t;
        }
        if (best) {
            tt[i] = (tagger_tok){.norm = best->norm, .prefix = best->prefix, .stem = best->stem, .suffix = best->suffix,
                                 .kind = best->kind};
        } else {
            tt[i] = (tagger_tok){.norm = words[i], .prefix = "", .stem = words[i], .suffix = "", .kind = SYRIA_TOKEN_SYMBOL};
        }
        gt[i] = (gaz_tok){.norm = tt[i].norm, .stem = tt[i].stem, .prefix = tt[i].prefix};
    }
    gaz_mark(x->gaz_use ? x->gaz_use : x->gaz, gt, n, marks);
    for (size_t i = 0; i < n; i++) tt[i].gaz = marks[i];
    tagger_tok_clusters(tt, n, x->wc);
    for (size_t i = 0; i < n; i++) {
        c->ncl += tt[i].clen > 0;
        if (tags[i] != TAG_O) {
            c->nent_tok++;
            c->nent_cl += tt[i].clen > 0;
        }
    }
    if (x->unk_rate > 0 && c->is_train)
        for (size_t i = 0; i < n; i++)
            if ((double)(unk_next(x) >> 11) * (1.0 / 9007199254740992.0) < x->unk_rate) tt[i].unseen = 1;
    if (tagger_scratch_reserve(&x->scratch, n)) exit(1);
    size_t nf = tagger_features(tt, n, x->bits, x->scratch.feats, x->scratch.offs);
    x->feature_s += now() - t1;

    if (c->nfeats + nf > c->capfeats) {
        c->capfeats = (c->nfeats + nf) * 2;
        c->feats = xrealloc(c->feats, c->capfeats * sizeof *c->feats);
    }
    c->words = xrealloc(c->words, (c->ntok + n) * sizeof *c->words);
    c->gold = xrealloc(c->gold, (c->ntok + n) * sizeof *c->gold);
    c->feat_first = xrealloc(c->feat_first, (c->ntok + n + 1) * sizeof *c->feat_first);
    c->sent_first = xrealloc(c->sent_first, (c->nsent + 2) * sizeof *c->sent_first);
    c->sent_first[c->nsent] = c->ntok;
    c->stemh = xrealloc(c->stemh, (c->ntok + n) * sizeof *c->stemh);
    c->cl6 = xrealloc(c->cl6, (c->ntok + n) * sizeof *c->cl6);
    for (size_t i = 0; i < n; i++) {
        const char *st = tt[i].stem && *tt[i].stem ? tt[i].stem : tt[i].norm;
        size_t sl = strlen(st);
        int word = (tt[i].kind == SYRIA_TOKEN_WORD || tt[i].kind == SYRIA_TOKEN_LATIN) && sl >= 4;
        c->stemh[c->ntok + i] = word ? clusters_hash(st, sl) | 1u : 0;
        unsigned pl = tt[i].clen < 6 ? tt[i].clen : 6;
        c->cl6[c->ntok + i] = tt[i].clen ? ((tt[i].cpath >> (tt[i].clen - pl)) | pl << 8) + 1 : 0;
        c->words[c->ntok + i] = strdup(words[i]);
        c->gold[c->ntok + i] = tags[i];
        c->feat_first[c->ntok + i] = c->nfeats + x->scratch.offs[i];
    }
    memcpy(c->feats + c->nfeats, x->scratch.feats, nf * sizeof *c->feats);
    c->nfeats += nf;
    c->ntok += n;
    c->feat_first[c->ntok] = c->nfeats;
    c->nsent++;
    c->sent_first[c->nsent] = c->ntok;
    free(tt);
    free(gt);
    free(marks);
    free(text);
    free(off);
    free(wl);
    syria_doc_free(doc);
}

/* Number of sentences (blocks of non-blank lines) of a CoNLL file, -1 if unreadable. */
static long count_sentences(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) return -1;
    char *line = NULL;
    size_t lcap = 0;
    long k = 0;
    int in = 0;
    while (getline(&line, &lcap, f) >= 0) {
        int blank = line[strspn(line, " \t\r\n")] == '\0';
        if (!blank) in = 1;
        else if (in) {
            k++;
            in = 0;
        }
    }
    if (in) k++;
    free(line);
    fclose(f);
    return k;
}

/* Reads a CoNLL file; sentence k goes to `dev` when dev_every > 0 and
 * k % dev_every == dev_every - 1, or when dev_from <= k < dev_to (a
 * contiguous block: --dev-last, --dev-fold), else to `train`. */
static int read_conll(ctx *x, const char *path, corpus *train, corpus *dev, unsigned dev_every, size_t dev_from,
                      size_t dev_to)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "train_tagger: cannot read %s\n", path);
        return -1;
    }
    char *line = NULL;
    size_t lcap = 0;
    char **words = NULL;
    uint8_t *tags = NULL;
    size_t n = 0, cap = 0, k = 0;
    for (;;) {
        ssize_t r = getline(&line, &lcap, f);
        char *tok = NULL, *tag = NULL;
        if (r >= 0) {
            line[strcspn(line, "\r\n")] = '\0';
            tok = strtok(line, " \t");
            tag = tok ? strtok(NULL, " \t") : NULL;
        }
        if (tok) {
            if (n == cap) {
                cap = cap ? cap * 2 : 64;
                words = xrealloc(words, cap * sizeof *words);
                tags = xrealloc(tags, cap);
            }
            int t = tagger_tag_parse(tag ? tag : "O");
            if (t < 0) {
                t = TAG_O;
                train->bad_tags++;
            }
            if (x->extra_drop_misc && !dev && t != TAG_O && TAG_CLASS(t) == TAG_MISC) t = TAG_O;
            words[n] = strdup(tok);
            tags[n] = (uint8_t)t;
            n++;
        } else if (n) {
            corpus *to = (dev && ((dev_every && k % dev_every == dev_every - 1) || (k >= dev_from && k < dev_to))) ? dev : train;
            add_sentence(x, to, words, tags, n);
            for (size_t i = 0; i < n; i++) free(words[i]);
            n = 0;
            k++;
        }
        if (r < 0) break;
    }
    free(words);
    free(tags);
    free(line);
    fclose(f);
    return 0;
}

/* Entity-level scores with conlleval's chunk rules. */
typedef struct prf {
    size_t tp[TAG_NCLASSES], fp[TAG_NCLASSES], fn[TAG_NCLASSES];
} prf;

typedef struct chunk {
    size_t start, end;
    int cls;
} chunk;

static size_t chunks(const uint8_t *t, size_t n, chunk *out)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (t[i] == TAG_O) continue;
        int cls = TAG_CLASS(t[i]);
        int starts = TAG_IS_B(t[i]) || i == 0 || t[i - 1] == TAG_O || TAG_CLASS(t[i - 1]) != cls;
        if (starts) out[k++] = (chunk){i, i + 1, cls};
        else out[k - 1].end = i + 1;
    }
    return k;
}

static void score_sentence(prf *s, const uint8_t *gold, const uint8_t *pred, size_t n, chunk *cg, chunk *cp)
{
    size_t ng = chunks(gold, n, cg), np = chunks(pred, n, cp);
    size_t a = 0, b = 0;
    for (size_t i = 0; i < ng; i++) s->fn[cg[i].cls]++;
    for (size_t i = 0; i < np; i++) s->fp[cp[i].cls]++;
    while (a < ng && b < np) {
        if (cg[a].start == cp[b].start && cg[a].end == cp[b].end && cg[a].cls == cp[b].cls) {
            s->tp[cg[a].cls]++;
            s->fn[cg[a].cls]--;
            s->fp[cg[a].cls]--;
            a++;
            b++;
        } else if (cg[a].start < cp[b].start || (cg[a].start == cp[b].start && cg[a].end < cp[b].end)) a++;
        else b++;
    }
}

static double f1(size_t tp, size_t fp, size_t fn)
{
    return tp ? 200.0 * tp / (2.0 * tp + fp + fn) : 0.0;
}

static const char *const class_names[TAG_NCLASSES] = {"PERS", "ORG", "LOC", "MISC"};

static double report(const char *label, const prf *s)
{
    size_t tp = 0, fp = 0, fn = 0;
    for (int c = 0; c < TAG_NCLASSES; c++) {
        tp += s->tp[c];
        fp += s->fp[c];
        fn += s->fn[c];
    }
    double micro = f1(tp, fp, fn);
    printf("%s micro-F1 %.2f (P %.2f R %.2f; tp %zu fp %zu fn %zu)", label, micro, tp ? 100.0 * tp / (tp + fp) : 0.0,
           tp ? 100.0 * tp / (tp + fn) : 0.0, tp, fp, fn);
    for (int c = 0; c < TAG_NCLASSES; c++) printf("  %s %.2f", class_names[c], f1(s->tp[c], s->fp[c], s->fn[c]));
    printf("\n");
    fflush(stdout);
    return micro;
}

/* Tags a corpus; returns the seconds spent decoding. */
static double tag_corpus(const tagger_weights *w, const corpus *c, tagger_scratch *s, uint8_t *pred, prf *sc)
{
    chunk *cg = malloc((c->ntok + 1) * sizeof *cg), *cp = malloc((c->ntok + 1) * sizeof *cp);
    uint32_t *offs = malloc((c->ntok + 1) * sizeof *offs);
    if (!cg || !cp || !offs) exit(1);
    double secs = 0;
    memset(sc, 0, sizeof *sc);
    for (size_t k = 0; k < c->nsent; k++) {
        size_t a = c->sent_first[k], n = c->sent_first[k + 1] - a;
        size_t base = c->feat_first[a];
        for (size_t i = 0; i <= n; i++) offs[i] = (uint32_t)(c->feat_first[a + i] - base);
        double t0 = now();
        tagger_decode(w, c->feats + base, offs, n, s, pred + a);
        secs += now() - t0;
        score_sentence(sc, c->gold + a, pred + a, n, cg, cp);
    }
    free(cg);
    free(cp);
    free(offs);
    return secs;
}

static int write_blob(const char *path, const unsigned char *b, size_t n)
{
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(b, 1, n, f) != n || fclose(f)) {
        fprintf(stderr, "train_tagger: cannot write %s\n", path);
        return -1;
    }
    return 0;
}

static unsigned char *read_blob(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    long sz = ftell(f);
    fseek(f, 0, SEEK_SET);
    unsigned char *b = malloc(sz > 0 ? (size_t)sz : 1);
    if (!b || fread(b, 1, (size_t)sz, f) != (size_t)sz) {
        free(b);
        fclose(f);
        return NULL;
    }
    fclose(f);
    *n = (size_t)sz;
    return b;
}

/* Shifts the averaged score of every transition into O by -d, i.e. a
 * penalty of d on each O token (more recall). The perceptron's updates
 * never depend on it ... except through decoding during training, so it is
 * applied from the start: training and decoding see the same bias. */
static void set_o_bias(tagger_trainer *t, double d)
{
    for (int p = 0; p <= TAGGER_NTAGS; p++) t->trans[p * TAGGER_NTAGS + TAG_O] -= (float)d;
}

static uint64_t rng_state;
static uint64_t rng_next(void)
{
    uint64_t x = rng_state;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    rng_state = x;
    return x * 0x2545F4914F6CDD1Dull;
}

/* ---------------------------------------------------------------- */
/* --doc-block B (experiment, development only): document-level features.
 * Blocks of B consecutive sentences stand for articles. A first pass tags
 * every sentence (training sentences with a model trained on the other half
 * of the training data, development sentences with one trained on all of
 * it); each word then gets a hint: the classes the first pass gave the same
 * stem elsewhere in its block, whether one of those began an entity, and
 * whether it was also left outside entities. A second model is trained with
 * the hint features added and scored on the development block. */

static void train_subset(tagger_trainer *tr, const corpus *c, const uint32_t *feats, const size_t *ff,
                         const size_t *sents, size_t ns, int epochs, unsigned long long seed, uint8_t *pred)
{
    size_t *order = malloc((ns + 1) * sizeof *order);
    uint32_t *offs = malloc((c->ntok + 1) * sizeof *offs);
    if (!order || !offs) exit(1);
    for (size_t k = 0; k < ns; k++) order[k] = sents[k];
    rng_state = seed * 0x9E3779B97F4A7C15ull + 0x1234567ull;
    for (int ep = 0; ep < epochs; ep++) {
        for (size_t k = ns; k > 1; k--) {
            size_t j = (size_t)(rng_next() % k), t = order[k - 1];
            order[k - 1] = order[j];
            order[j] = t;
        }
        for (size_t q = 0; q < ns; q++) {
            size_t a = c->sent_first[order[q]], n = c->sent_first[order[q] + 1] - a, base = ff[a];
            for (size_t i = 0; i <= n; i++) offs[i] = (uint32_t)(ff[a + i] - base);
            if (tagger_train_sentence(tr, feats + base, offs, n, c->gold + a, pred) < 0) exit(1);
        }
    }
    free(order);
    free(offs);
}

static void decode_subset(const tagger_trainer *tr, const corpus *c, const uint32_t *feats, const size_t *ff,
                          const size_t *sents, size_t ns, tagger_scratch *s, uint8_t *out)
{
    unsigned char *blob = NULL;
    size_t len = 0;
    tagger_weights w;
    if (tagger_train_serialize(tr, &blob, &len) || tagger_load(&w, blob, len)) exit(1);
    uint32_t *offs = malloc((c->ntok + 1) * sizeof *offs);
    if (!offs) exit(1);
    for (size_t q = 0; q < ns; q++) {
        size_t a = c->sent_first[sents[q]], n = c->sent_first[sents[q] + 1] - a, base = ff[a];
        for (size_t i = 0; i <= n; i++) offs[i] = (uint32_t)(ff[a + i] - base);
        tagger_decode(&w, feats + base, offs, n, s, out + a);
    }
    free(offs);
    free(blob);
    tagger_weights_free(&w);
}

static void doc_hints(const corpus *c, const uint8_t *first, size_t block, uint8_t *hint)
{
    memset(hint, 0, c->ntok);
    for (size_t b0 = 0; b0 < c->nsent; b0 += block) {
        size_t b1 = b0 + block < c->nsent ? b0 + block : c->nsent;
        size_t t0 = c->sent_first[b0], t1 = c->sent_first[b1];
        for (size_t i = t0; i < t1; i++) {
            if (!c->stemh[i]) continue;
            unsigned h = 0;
            for (size_t j = t0; j < t1; j++) {
                if (j == i || c->stemh[j] != c->stemh[i]) continue;
                uint8_t g = first[j];
                if (g == TAG_O) h |= 1u << 5;
                else {
                    h |= 1u << TAG_CLASS(g);
                    if (TAG_IS_B(g)) h |= 1u << 4;
                }
            }
            hint[i] = (uint8_t)h;
        }
    }
}

static inline uint64_t dmix(uint64_t x)
{
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ull;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebull;
    x ^= x >> 31;
    return x;
}

/* Base features plus the hint features, as a new feature array. */
static void with_hints(const corpus *c, const uint8_t *hint, unsigned bits, uint32_t **feats_out, size_t **ff_out)
{
    uint32_t mask = (uint32_t)((1ull << bits) - 1);
    uint32_t *f = malloc((c->nfeats + 4 * c->ntok + 1) * sizeof *f);
    size_t *ff = malloc((c->ntok + 1) * sizeof *ff);
    if (!f || !ff) exit(1);
    size_t k = 0;
    for (size_t i = 0; i < c->ntok; i++) {
        ff[i] = k;
        for (size_t q = c->feat_first[i]; q < c->feat_first[i + 1]; q++) f[k++] = c->feats[q];
        if (hint[i]) {
            f[k++] = (uint32_t)(dmix(0xD0C1000000ull + hint[i]) & mask);
            f[k++] = (uint32_t)(dmix(0xD0C2000000ull + ((uint64_t)hint[i] << 20) + c->cl6[i]) & mask);
        }
    }
    ff[c->ntok] = k;
    *feats_out = f;
    *ff_out = ff;
}

/* --augment: feature augmentation for two domains (Daume 2007, "frustratingly
 * easy domain adaptation"). Every feature of a training sentence also fires
 * as a copy for its domain: news (--train) or other (--extra). The copies
 * live in a second half of the weight table (the trainer has bits + 1 bits);
 * the tagger that is written is the general weights plus the news copies,
 * folded into one table of `bits` bits, so run time is unchanged. */
#define DOMAIN_NEWS 0x4E455753ull
#define DOMAIN_OTHER 0x4F544852ull

static uint32_t domain_copy(uint32_t f, uint64_t domain, unsigned bits)
{
    uint32_t mask = (uint32_t)((1ull << bits) - 1);
    return (1u << bits) | (uint32_t)(dmix(((uint64_t)(f & mask) << 32) ^ domain) & mask);
}

static void augment_domains(corpus *c, size_t n_news_sent, unsigned bits)
{
    uint32_t mask = (uint32_t)((1ull << bits) - 1);
    uint32_t *f = malloc((2 * c->nfeats + 1) * sizeof *f);
    size_t *ff = malloc((c->ntok + 1) * sizeof *ff);
    if (!f || !ff) exit(1);
    size_t k = 0, news_end = c->sent_first[n_news_sent];
    for (size_t i = 0; i < c->ntok; i++) {
        uint64_t domain = i < news_end ? DOMAIN_NEWS : DOMAIN_OTHER;
        ff[i] = k;
        for (size_t q = c->feat_first[i]; q < c->feat_first[i + 1]; q++) {
            f[k++] = c->feats[q] & mask;
            f[k++] = domain_copy(c->feats[q], domain, bits);
        }
    }
    ff[c->ntok] = k;
    free(c->feats);
    free(c->feat_first);
    c->feats = f;
    c->feat_first = ff;
    c->nfeats = c->capfeats = k;
}

/* The weights as a blob; with --augment, general + news folded into `bits`. */
static int serialize(const tagger_trainer *tr, int augment, unsigned bits, unsigned char **blob, size_t *len)
{
    if (!augment) return tagger_train_serialize(tr, blob, len);
    tagger_trainer fold;
    if (tagger_train_init(&fold, bits)) return -2;
    size_t slots = (size_t)1 << bits;
    for (size_t s = 0; s < slots; s++) {
        size_t d = domain_copy((uint32_t)s, DOMAIN_NEWS, bits);
        for (int t = 0; t < TAGGER_NTAGS; t++) {
            fold.w[s * TAGGER_NTAGS + t] = tr->w[s * TAGGER_NTAGS + t] + tr->w[d * TAGGER_NTAGS + t];
            fold.u[s * TAGGER_NTAGS + t] = tr->u[s * TAGGER_NTAGS + t] + tr->u[d * TAGGER_NTAGS + t];
        }
    }
    memcpy(fold.trans, tr->trans, sizeof fold.trans);
    memcpy(fold.utrans, tr->utrans, sizeof fold.utrans);
    fold.c = tr->c;
    int rc = tagger_train_serialize(&fold, blob, len);
    tagger_train_free(&fold);
    return rc;
}

static void doc_experiment(const corpus *train, const corpus *dev, size_t block, int epochs,
                           unsigned long long seed, unsigned bits, tagger_scratch *s)
{
    size_t *all = malloc((train->nsent + 1) * sizeof *all);
    uint8_t *pred = malloc(train->ntok + dev->ntok + 1);
    uint8_t *first_tr = malloc(train->ntok + 1), *first_dev = malloc(dev->ntok + 1);
    uint8_t *hint_tr = malloc(train->ntok + 1), *hint_dev = malloc(dev->ntok + 1);
    size_t *dsents = malloc((dev->nsent + 1) * sizeof *dsents);
    if (!all || !pred || !first_tr || !first_dev || !hint_tr || !hint_dev || !dsents) exit(1);
    for (size_t k = 0; k < train->nsent; k++) all[k] = k;
    for (size_t k = 0; k < dev->nsent; k++) dsents[k] = k;
    size_t mid = train->nsent / 2;
    tagger_trainer tr;
    /* first pass: halves for the training sentences, everything for dev */
    for (int h = 0; h < 2; h++) {
        if (tagger_train_init(&tr, bits)) exit(1);
        const size_t *on = h == 0 ? all : all + mid, *other = h == 0 ? all + mid : all;
        size_t non = h == 0 ? mid : train->nsent - mid, nother = train->nsent - non;
        train_subset(&tr, train, train->feats, train->feat_first, on, non, epochs, seed, pred);
        decode_subset(&tr, train, train->feats, train->feat_first, other, nother, s, first_tr);
        tagger_train_free(&tr);
    }
    if (tagger_train_init(&tr, bits)) exit(1);
    train_subset(&tr, train, train->feats, train->feat_first, all, train->nsent, epochs, seed, pred);
    decode_subset(&tr, dev, dev->feats, dev->feat_first, dsents, dev->nsent, s, first_dev);
    tagger_train_free(&tr);
    doc_hints(train, first_tr, block, hint_tr);
    doc_hints(dev, first_dev, block, hint_dev);
    size_t nh = 0;
    for (size_t i = 0; i < dev->ntok; i++) nh += hint_dev[i] != 0;
    printf("doc-block %zu: %zu of %zu dev tokens have a hint\n", block, nh, dev->ntok);
    /* second pass */
    corpus tr2 = *train, dv2 = *dev;
    with_hints(train, hint_tr, bits, &tr2.feats, &tr2.feat_first);
    with_hints(dev, hint_dev, bits, &dv2.feats, &dv2.feat_first);
    if (tagger_train_init(&tr, bits)) exit(1);
    for (int ep = 1; ep <= epochs; ep++) {
        train_subset(&tr, &tr2, tr2.feats, tr2.feat_first, all, train->nsent, 1, seed + 1000u * (unsigned)ep, pred);
        unsigned char *blob = NULL;
        size_t len = 0;
        tagger_weights w;
        if (tagger_train_serialize(&tr, &blob, &len) || tagger_load(&w, blob, len)) exit(1);
        prf sc;
        tag_corpus(&w, &dv2, s, pred, &sc);
        char label[64];
        snprintf(label, sizeof label, "  dev doc epoch %d", ep);
        report(label, &sc);
        tagger_weights_free(&w);
        free(blob);
    }
    tagger_train_free(&tr);
    free(tr2.feats);
    free(tr2.feat_first);
    free(dv2.feats);
    free(dv2.feat_first);
    free(all);
    free(pred);
    free(first_tr);
    free(first_dev);
    free(hint_tr);
    free(hint_dev);
    free(dsents);
}

/* --crf: the same features, weights and blob trained as a linear-chain CRF
 * (SGD with L2, tagger_crf); dev F1 after each epoch as for the perceptron.
 * Returns the blob of the final weights (malloc'ed) or NULL. */
typedef struct crf_opts {
    double l2, lr, prune, o_bias;
    int avg; /* 0: last iterate; 1: average of all steps; 2: average from the second epoch */
} crf_opts;

static unsigned char *train_crf(const corpus *train, const corpus *dev, const crf_opts *o, int epochs,
                                unsigned long long seed, unsigned bits, tagger_scratch *s, size_t *blob_len)
{
    tagger_crf cr;
    double lambda = train->nsent ? o->l2 / (double)train->nsent : 0.0;
    if (tagger_crf_init(&cr, bits, lambda, o->lr, o->avg != 0)) {
        fputs("train_tagger: cannot allocate the CRF's weights\n", stderr);
        return NULL;
    }
    size_t *order = malloc((train->nsent + 1) * sizeof *order);
    uint8_t *pred = malloc(dev->ntok + 1);
    uint32_t *offs = malloc((train->ntok + 1) * sizeof *offs);
    if (!order || !pred || !offs) exit(1);
    for (size_t k = 0; k < train->nsent; k++) order[k] = k;
    rng_state = seed * 0x9E3779B97F4A7C15ull + 0x1234567ull;
    if (!rng_state) rng_state = 1;
    unsigned char *blob = NULL;
    tagger_weights w = {0};
    double train_s = 0;
    for (int ep = 1; ep <= epochs; ep++) {
        double te = now();
        if (ep == 2 && o->avg == 2) tagger_crf_average_restart(&cr);
        for (size_t k = train->nsent; k > 1; k--) {
            size_t j = (size_t)(rng_next() % k);
            size_t tmp = order[k - 1];
            order[k - 1] = order[j];
            order[j] = tmp;
        }
        double nll = 0;
        for (size_t q = 0; q < train->nsent; q++) {
            size_t k = order[q];
            size_t a = train->sent_first[k], n = train->sent_first[k + 1] - a;
            size_t base = train->feat_first[a];
            for (size_t i = 0; i <= n; i++) offs[i] = (uint32_t)(train->feat_first[a + i] - base);
            double r = tagger_crf_sentence(&cr, train->feats + base, offs, n, train->gold + a);
            if (r == -2.0) exit(1);
            nll += r;
        }
        train_s += now() - te;
        printf("epoch %d: CRF negative log-likelihood %.4f a token, %.1f s", ep, nll / (train->ntok ? train->ntok : 1),
               now() - te);
        if (dev->nsent) {
            free(blob);
            if (tagger_crf_serialize(&cr, o->prune, o->o_bias, &blob, blob_len)) exit(1);
            tagger_weights_free(&w);
            if (tagger_load(&w, blob, *blob_len)) {
                fputs("\ntrain_tagger: serialised weights do not load\n", stderr);
                exit(1);
            }
            prf sc;
            double ds = tag_corpus(&w, dev, s, pred, &sc);
            printf(", decode %.0f tok/s\n", dev->ntok / (ds > 0 ? ds : 1e-9));
            char label[64];
            snprintf(label, sizeof label, "  dev epoch %d", ep);
            report(label, &sc);
        } else printf("\n");
    }
    fprintf(stderr, "training (CRF, l2 %g, lr %g, averaging %d): %.1f s for %d epochs\n", o->l2, o->lr, o->avg, train_s,
            epochs);
    free(blob);
    if (tagger_crf_serialize(&cr, o->prune, o->o_bias, &blob, blob_len)) exit(1);
    tagger_weights_free(&w);
    tagger_crf_free(&cr);
    free(order);
    free(pred);
    free(offs);
    return blob;
}

static void usage(void)
{
    fputs("usage: train_tagger --train FILE [--extra FILE]... [--dev-every K | --dev-last N | --dev-fold K/F] [--epochs N] [--seed S]\n"
          "                    [--bits B] [--lexicons DIR] [--no-gazetteer] [--model FILE] [--out BLOB]\n"
          "                    [--extra-no-misc] [--augment] [--unk-rate R] [--clusters BLOB] [--model-gazetteer]\n"
          "                    [--crf [--l2 C] [--lr E] [--crf-avg 0|1|2] [--prune P]]\n"
          "                    [--eval FILE --eval-out FILE]\n"
          "       train_tagger --load BLOB [--lexicons DIR] --eval FILE --eval-out FILE\n",
          stderr);
    exit(2);
}

int main(int argc, char **argv)
{
    const char *train_path = NULL, *out_path = NULL, *eval_path = NULL, *eval_out = NULL, *load_path = NULL;
    const char *clusters_path = NULL;
    double unk_rate = 0, o_bias = 0, o_scan[16];
    int nscan = 0;
    int extra_no_misc = 0, augment = 0, crf = 0;
    crf_opts co = {2.0, 0.1, 0.03, 0.0, 2};
    const char *lex_dir = "libsyria/lexicons", *model_path = "libsyria/model/default.smdl";
    const char *extra[64];
    int nextra = 0, epochs = 10, no_gaz = 0, model_gaz = 0, mix = 1;
    size_t doc_block = 0;
    unsigned dev_every = 10, dev_last = 0, fold_k = 0, fold_n = 0, bits = TAGGER_DEFAULT_BITS;
    unsigned long long seed = 1;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
#define ARG(name) (!strcmp(a, name) && v && (i++, 1))
        if (ARG("--train")) train_path = v;
        else if (ARG("--extra")) {
            if (nextra < 64) extra[nextra++] = v;
        } else if (ARG("--dev-every")) dev_every = (unsigned)atoi(v);
        else if (ARG("--dev-last")) dev_last = (unsigned)atoi(v);
        else if (ARG("--dev-fold")) {
            if (sscanf(v, "%u/%u", &fold_k, &fold_n) != 2 || !fold_n || fold_k >= fold_n) usage();
        }
        else if (ARG("--epochs")) epochs = atoi(v);
        else if (ARG("--seed")) seed = strtoull(v, NULL, 10);
        else if (ARG("--bits")) bits = (unsigned)atoi(v);
        else if (ARG("--lexicons")) lex_dir = v;
        else if (ARG("--clusters")) clusters_path = v;
        else if (ARG("--unk-rate")) unk_rate = atof(v);
        else if (ARG("--mix")) mix = atoi(v);
        else if (ARG("--doc-block")) doc_block = (size_t)atol(v);
        else if (ARG("--o-bias")) o_bias = atof(v);
        else if (ARG("--o-bias-scan")) {
            for (char *q = (char *)v; *q && nscan < 16;) {
                o_scan[nscan++] = strtod(q, &q);
                if (*q == ',') q++;
                else break;
            }
        }
        else if (!strcmp(a, "--extra-no-misc")) extra_no_misc = 1;
        else if (!strcmp(a, "--augment")) augment = 1;
        else if (!strcmp(a, "--crf")) crf = 1;
        else if (ARG("--l2")) co.l2 = atof(v);
        else if (ARG("--lr")) co.lr = atof(v);
        else if (ARG("--crf-avg")) co.avg = atoi(v);
        else if (ARG("--prune")) co.prune = atof(v);
        else if (ARG("--model")) model_path = v;
        else if (ARG("--out")) out_path = v;
        else if (ARG("--eval")) eval_path = v;
        else if (ARG("--eval-out")) eval_out = v;
        else if (ARG("--load")) load_path = v;
        else if (!strcmp(a, "--no-gazetteer")) no_gaz = 1;
        else if (!strcmp(a, "--model-gazetteer")) model_gaz = 1;
        else usage();
#undef ARG
    }
    if (!train_path && !load_path) usage();
    if (eval_path && !eval_out) usage();

    syria_model *model = NULL;
    if (syria_model_load_file(&model, model_path)) {
        fprintf(stderr, "train_tagger: model %s: %s\n", model_path, syria_error_last());
        return 1;
    }
    ctx x = {model, gaz_new(), NULL, NULL, bits, {0}, 0, 0, unk_rate, seed * 0xD1B54A32D192ED03ull + 7, 0};
    if (!x.gaz) return 1;
    if (clusters_path) {
        size_t cl = 0;
        unsigned char *cb = read_blob(clusters_path, &cl);
        int rc = cb ? clusters_load(&x.wc, cb, cl) : -1;
        free(cb);
        if (rc) {
            fprintf(stderr, "train_tagger: %s: not a valid clusters blob (%d)\n", clusters_path, rc);
            return 1;
        }
        fprintf(stderr, "clusters: %zu words in %u clusters from %s\n", clusters_size(x.wc), clusters_count(x.wc),
                clusters_path);
    }

    if (model_gaz) {
        if (!model->names || !names_gazetteer(model->names)) {
            fprintf(stderr, "train_tagger: %s has no name lexicon (NAM1) for --model-gazetteer\n", model_path);
            return 1;
        }
        x.gaz_use = names_gazetteer(model->names);
        fprintf(stderr, "gazetteer: %zu entries (longest %d words) from the model's name lexicon\n",
                gaz_size(x.gaz_use), gaz_max_words(x.gaz_use));
    } else if (!no_gaz) {
        long ne = gaz_load_dir(x.gaz, lex_dir);
        if (ne < 0) {
            fprintf(stderr, "train_tagger: cannot read the lexicons in %s\n", lex_dir);
            return 1;
        }
        fprintf(stderr, "gazetteer: %zu entries (longest %d words) from %s\n", gaz_size(x.gaz),
                gaz_max_words(x.gaz), lex_dir);
    }

    tagger_weights w = {0};
    unsigned char *blob = NULL;
    size_t blob_len = 0;
    if (load_path) {
        blob = read_blob(load_path, &blob_len);
        if (!blob || tagger_load(&w, blob, blob_len)) {
            fprintf(stderr, "train_tagger: %s: not a valid tagger blob\n", load_path);
            return 1;
        }
        x.bits = w.bits;
    } else {
        corpus train = {0}, dev = {0};
        train.is_train = 1;
        double t0 = now();
        size_t dev_from = SIZE_MAX, dev_to = SIZE_MAX;
        if (dev_last || fold_n) {
            long ns = count_sentences(train_path);
            if (ns < 0) {
                fprintf(stderr, "train_tagger: cannot read %s\n", train_path);
                return 1;
            }
            dev_every = 0;
            if (fold_n) { /* fold K of F: the K-th of F contiguous blocks */
                dev_from = (size_t)ns * fold_k / fold_n;
                dev_to = (size_t)ns * (fold_k + 1) / fold_n;
            } else dev_from = (size_t)ns > dev_last ? (size_t)ns - dev_last : 0;
        }
        if (read_conll(&x, train_path, &train, &dev, dev_every, dev_from, dev_to)) return 1;
        size_t n_news_sent = train.nsent;
        x.extra_drop_misc = extra_no_misc;
        for (int e = 0; e < nextra; e++)
            if (read_conll(&x, extra[e], &train, NULL, 0, SIZE_MAX, SIZE_MAX)) return 1;
        x.extra_drop_misc = 0;
        if (augment) {
            if (mix > 1 || doc_block) {
                fputs("train_tagger: --augment does not combine with --mix or --doc-block\n", stderr);
                return 2;
            }
            augment_domains(&train, n_news_sent, bits);
        }
        if (x.wc)
            fprintf(stderr, "cluster coverage: train %.1f%% of tokens, %.1f%% of entity tokens; dev %.1f%%, %.1f%%\n",
                    100.0 * train.ncl / (train.ntok ? train.ntok : 1), 100.0 * train.nent_cl / (train.nent_tok ? train.nent_tok : 1),
                    100.0 * dev.ncl / (dev.ntok ? dev.ntok : 1), 100.0 * dev.nent_cl / (dev.nent_tok ? dev.nent_tok : 1));
        fprintf(stderr, "read: train %zu sentences %zu tokens, dev %zu sentences %zu tokens, %zu unknown tags as O; "
                "%.1f features a token; %.2f s (analyse %.2f s, features %.2f s)\n",
                train.nsent, train.ntok, dev.nsent, dev.ntok, train.bad_tags,
                (double)train.nfeats / (double)(train.ntok ? train.ntok : 1), now() - t0, x.analyze_s, x.feature_s);
        if (doc_block) {
            if (!dev.nsent) usage();
            doc_experiment(&train, &dev, doc_block, epochs, seed, bits, &x.scratch);
            corpus_free(&train);
            corpus_free(&dev);
            tagger_scratch_free(&x.scratch);
            gaz_free(x.gaz);
            clusters_free(x.wc);
            syria_model_free(model);
            return 0;
        }
        if (crf) {
            if (mix > 1 || augment || nscan) {
                fputs("train_tagger: --crf does not combine with --mix, --augment or --o-bias-scan\n", stderr);
                return 2;
            }
            co.o_bias = o_bias; /* after training, on the transitions into O */
            blob = train_crf(&train, &dev, &co, epochs, seed, bits, &x.scratch, &blob_len);
            if (!blob || tagger_load(&w, blob, blob_len)) return 1;
            fprintf(stderr, "weights: %u rows of %zu slots, blob %zu bytes\n", w.nrows, (size_t)1 << bits, blob_len);
            if (out_path && write_blob(out_path, blob, blob_len)) return 1;
            corpus_free(&train);
            corpus_free(&dev);
        } else {
        tagger_trainer tr;
        size_t *order = malloc((train.nsent + 1) * sizeof *order);
        uint8_t *pred = malloc(train.ntok + dev.ntok + 1);
        uint32_t *offs = malloc((train.ntok + 1) * sizeof *offs);
        if (!order || !pred || !offs) return 1;
        double train_s = 0;
        /* --mix N: N models (seeds seed .. seed+N-1) whose averaged weights
         * are averaged again (parameter mixing): still one linear model. */
        float *mixw = NULL;
        float mixt[(TAGGER_NTAGS + 1) * TAGGER_NTAGS] = {0};
        size_t slots = (size_t)1 << bits;
        if (mix > 1 && !(mixw = calloc(slots * TAGGER_NTAGS, sizeof *mixw))) return 1;
        for (int mx = 0; mx < (mix > 1 ? mix : 1); mx++) {
        if (tagger_train_init(&tr, augment ? bits + 1 : bits)) {
            fputs("train_tagger: cannot allocate the weights\n", stderr);
            return 1;
        }
        set_o_bias(&tr, o_bias);
        for (size_t k = 0; k < train.nsent; k++) order[k] = k;
        rng_state = (seed + (unsigned long long)mx) * 0x9E3779B97F4A7C15ull + 0x1234567ull;
        if (!rng_state) rng_state = 1;
        for (int ep = 1; ep <= epochs; ep++) {
            double te = now();
            for (size_t k = train.nsent; k > 1; k--) {
                size_t j = (size_t)(rng_next() % k);
                size_t tmp = order[k - 1];
                order[k - 1] = order[j];
                order[j] = tmp;
            }
            size_t wrong = 0;
            for (size_t q = 0; q < train.nsent; q++) {
                size_t k = order[q];
                size_t a = train.sent_first[k], n = train.sent_first[k + 1] - a;
                size_t base = train.feat_first[a];
                for (size_t i = 0; i <= n; i++) offs[i] = (uint32_t)(train.feat_first[a + i] - base);
                long r = tagger_train_sentence(&tr, train.feats + base, offs, n, train.gold + a, pred);
                if (r < 0) return 1;
                wrong += (size_t)r;
            }
            train_s += now() - te;
            printf("epoch %d: %zu training tokens wrong (%.2f%%), %.1f s", ep, wrong,
                   100.0 * wrong / (train.ntok ? train.ntok : 1), now() - te);
            if (dev.nsent) {
                free(blob);
                if (serialize(&tr, augment, bits, &blob, &blob_len)) return 1;
                tagger_weights_free(&w);
                if (tagger_load(&w, blob, blob_len)) {
                    fputs("\ntrain_tagger: serialised weights do not load\n", stderr);
                    return 1;
                }
                prf sc;
                double ds = tag_corpus(&w, &dev, &x.scratch, pred, &sc);
                printf(", decode %.0f tok/s\n", dev.ntok / (ds > 0 ? ds : 1e-9));
                char label[64];
                if (mix > 1) snprintf(label, sizeof label, "  dev seed %llu epoch %d", seed + (unsigned long long)mx, ep);
                else snprintf(label, sizeof label, "  dev epoch %d", ep);
                report(label, &sc);
                for (int q = 0; q < nscan; q++) {
                    set_o_bias(&tr, o_scan[q] - o_bias);
                    free(blob);
                    if (serialize(&tr, augment, bits, &blob, &blob_len)) return 1;
                    set_o_bias(&tr, o_bias - o_scan[q]);
                    tagger_weights_free(&w);
                    if (tagger_load(&w, blob, blob_len)) return 1;
                    tag_corpus(&w, &dev, &x.scratch, pred, &sc);
                    snprintf(label, sizeof label, "    o-bias %.2f", o_scan[q]);
                    report(label, &sc);
                }
            } else {
                printf("\n");
            }
        }
        if (mix > 1) {
            float inv = (float)(1.0 / tr.c);
            for (size_t k = 0; k < slots * TAGGER_NTAGS; k++) mixw[k] += (tr.w[k] - tr.u[k] * inv) / (float)mix;
            for (int k = 0; k < (TAGGER_NTAGS + 1) * TAGGER_NTAGS; k++)
                mixt[k] += (tr.trans[k] - tr.utrans[k] * inv) / (float)mix;
            tagger_train_free(&tr);
        }
        }
        if (mix > 1) {
            /* the mixture as a trainer with no averaging left to do */
            if (tagger_train_init(&tr, bits)) return 1;
            memcpy(tr.w, mixw, slots * TAGGER_NTAGS * sizeof *mixw);
            memcpy(tr.trans, mixt, sizeof mixt);
            free(mixw);
            if (dev.nsent) {
                free(blob);
                if (tagger_train_serialize(&tr, &blob, &blob_len)) return 1;
                tagger_weights_free(&w);
                if (tagger_load(&w, blob, blob_len)) return 1;
                prf sc;
                tag_corpus(&w, &dev, &x.scratch, pred, &sc);
                char label[64];
                snprintf(label, sizeof label, "  dev mix of %d epoch %d", mix, epochs);
                report(label, &sc);
            }
        }
        fprintf(stderr, "training: %.1f s for %d epochs\n", train_s, epochs);
        free(blob);
        if (serialize(&tr, augment, bits, &blob, &blob_len)) return 1;
        tagger_weights_free(&w);
        if (tagger_load(&w, blob, blob_len)) return 1;
        fprintf(stderr, "weights: %u rows of %zu slots, blob %zu bytes\n", w.nrows, (size_t)1 << bits, blob_len);
        if (out_path && write_blob(out_path, blob, blob_len)) return 1;
        tagger_train_free(&tr);
        free(order);
        free(pred);
        free(offs);
        corpus_free(&train);
        corpus_free(&dev);
        }
    }

    if (eval_path) {
        corpus ev = {0};
        x.analyze_s = x.feature_s = 0;
        if (read_conll(&x, eval_path, &ev, NULL, 0, SIZE_MAX, SIZE_MAX)) return 1;
        uint8_t *pred = malloc(ev.ntok + 1);
        if (!pred) return 1;
        prf sc;
        double ds = tag_corpus(&w, &ev, &x.scratch, pred, &sc);
        for (int r = 1; r < 5; r++) { /* best of 5: the machine is shared */
            double d2 = tag_corpus(&w, &ev, &x.scratch, pred, &sc);
            if (d2 < ds) ds = d2;
        }
        fprintf(stderr, "eval %s: %zu sentences %zu tokens; analyse %.3f s, features %.3f s, decode %.3f s: "
                "features+decode %.0f tokens/s\n",
                eval_path, ev.nsent, ev.ntok, x.analyze_s, x.feature_s, ds, ev.ntok / (x.feature_s + ds));
        FILE *f = fopen(eval_out, "wb");
        if (!f) return 1;
        for (size_t k = 0; k < ev.nsent; k++) {
            for (size_t i = ev.sent_first[k]; i < ev.sent_first[k + 1]; i++)
                fprintf(f, "%s %s\n", ev.words[i], tagger_tag_name(pred[i]));
            fputc('\n', f);
        }
        fclose(f);
        free(pred);
        corpus_free(&ev);
    }
    tagger_weights_free(&w);
    tagger_scratch_free(&x.scratch);
    free(blob);
    gaz_free(x.gaz);
    clusters_free(x.wc);
    syria_model_free(model);
    return 0;
}
