#define _POSIX_C_SOURCE 200809L
/* syria-build-model: derives the default model's lexicon from raw news text.
 *
 *   syria-build-model [--min-freq N] [--max-words N] --out MODEL CORPUS...
 *
 * Counts the normalised Arabic words of the corpora (one article per
 * blank-line-separated block) with the library's own tokeniser and
 * normaliser, keeps the frequent ones, measures for every clitic how often
 * clitic+x occurs per occurrence of x (the ratios the clitic splitter's test
 * uses), and writes a model blob (libsyria/src/model/model.h). Deterministic:
 * the same corpora give the same bytes. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clitic/clitic.h"
#include "core/doc.h"
#include "model/model.h"
#include "tokenize/tokenize.h"

typedef struct entry {
    char *w;
    uint32_t len, freq;
} entry;

static entry *table;
static size_t mask, used;

static uint32_t hash(const char *w, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++) h = (h ^ (unsigned char)w[i]) * 16777619u;
    return h;
}

static void die(const char *msg)
{
    fprintf(stderr, "syria-build-model: %s\n", msg);
    exit(1);
}

static entry *slot(const char *w, size_t n)
{
    size_t i = hash(w, n) & mask;
    while (table[i].w && !(table[i].len == n && memcmp(table[i].w, w, n) == 0)) i = (i + 1) & mask;
    return &table[i];
}

static void grow(void)
{
    entry *old = table;
    size_t oldn = mask + 1;
    mask = oldn * 2 - 1;
    table = calloc(mask + 1, sizeof *table);
    if (!table) die("out of memory");
    for (size_t i = 0; i < oldn; i++)
        if (old[i].w) *slot(old[i].w, old[i].len) = old[i];
    free(old);
}

static void count(const char *w, size_t n)
{
    if ((used + 1) * 2 > mask) grow();
    entry *e = slot(w, n);
    if (!e->w) {
        e->w = malloc(n + 1);
        if (!e->w) die("out of memory");
        memcpy(e->w, w, n);
        e->w[n] = 0;
        e->len = (uint32_t)n;
        used++;
    }
    e->freq++;
}

static uint32_t freq(const char *w, size_t n)
{
    entry *e = slot(w, n);
    return e->w ? e->freq : 0;
}

static void count_text(char *text, size_t len)
{
    struct syria_doc doc = {0};
    doc.text = text;
    doc.text_len = len;
    doc.norm_flags = SYRIA_NORM_DEFAULT;
    if (tokenize(&doc) || tokenize_normalize(&doc)) die("tokenising failed");
    for (size_t k = 0; k < doc.toks.count; k++) {
        const tok *t = &doc.toks.items[k];
        if (t->kind == SYRIA_TOKEN_WORD && t->key_len > 0) count(doc.strings.data + t->key, t->key_len);
    }
    array_free(&doc.toks);
    strbuf_free(&doc.strings);
}

static void count_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "syria-build-model: cannot open %s: %s\n", path, strerror(errno));
        exit(1);
    }
    /* One article at a time: blocks separated by blank lines. */
    strbuf block = {0};
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    while ((n = getline(&line, &cap, f)) >= 0) {
        int blank = n <= 1 || (n == 2 && line[0] == '\r');
        if (blank) {
            if (block.len) count_text(block.data, block.len);
            block.len = 0;
            continue;
        }
        strbuf_append(&block, line, (size_t)n);
    }
    if (block.len) count_text(block.data, block.len);
    free(line);
    strbuf_free(&block);
    fclose(f);
}

static int by_freq(const void *a, const void *b)
{
    const entry *x = *(const entry *const *)a, *y = *(const entry *const *)b;
    if (x->freq != y->freq) return x->freq < y->freq ? 1 : -1;
    return strcmp(x->w, y->w);
}

static void put32(strbuf *b, uint32_t v)
{
    char c[4] = {(char)v, (char)(v >> 8), (char)(v >> 16), (char)(v >> 24)};
    strbuf_append(b, c, 4);
}

static void put64(strbuf *b, uint64_t v)
{
    put32(b, (uint32_t)v);
    put32(b, (uint32_t)(v >> 32));
}

static void put16(strbuf *b, uint16_t v)
{
    char c[2] = {(char)v, (char)(v >> 8)};
    strbuf_append(b, c, 2);
}

/* How often affix+x (or x+affix) occurs per occurrence of x, over the
 * frequent stems x. Pairs where the affixed form is more frequent than x
 * itself are lexicalised words (وزير/زير), not clitic uses, and are left out;
 * except for the article, which nouns carry more often than not. */
static double measure_ratio(entry **words, size_t nwords, const char *affix)
{
    int suffix = affix[0] == '+';
    const char *a = suffix ? affix + 1 : affix;
    size_t al = strlen(a);
    double sum_x = 0, sum_ax = 0;
    char buf[1024];
    for (size_t i = 0; i < nwords; i++) {
        const entry *e = words[i];
        if (e->freq < 100) break; /* sorted by frequency */
        if (e->len < 4 || e->len + al >= sizeof buf) continue;
        /* س attaches to imperfect verbs only: x starts with ي ت ن. */
        if (!strcmp(affix, "\xd8\xb3") && !(e->w[0] == '\xd9' && (e->w[1] == '\x8a' || e->w[1] == '\x86')) &&
            !(e->w[0] == '\xd8' && e->w[1] == '\xaa'))
            continue;
        if (suffix) {
            memcpy(buf, e->w, e->len);
            memcpy(buf + e->len, a, al);
        } else {
            memcpy(buf, a, al);
            memcpy(buf + al, e->w, e->len);
        }
        uint32_t f = freq(buf, e->len + al);
        int article = !strcmp(affix, "\xd8\xa7\xd9\x84");
        if (!article && f > 2u * e->freq) continue;
        sum_x += e->freq;
        sum_ax += f;
    }
    return sum_x > 0 ? sum_ax / sum_x : 0.0;
}

int main(int argc, char **argv)
{
    const char *out = NULL;
    unsigned min_freq = 3, max_words = 200000;
    const char *usage = "usage: syria-build-model [--min-freq N] [--max-words N] --out MODEL CORPUS...\n";
    const char **corpora = calloc((size_t)argc, sizeof *corpora);
    int ncorpora = 0;
    if (!corpora) die("out of memory");
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--out") && i + 1 < argc) out = argv[++i];
        else if (!strcmp(argv[i], "--min-freq") && i + 1 < argc) min_freq = (unsigned)atoi(argv[++i]);
        else if (!strcmp(argv[i], "--max-words") && i + 1 < argc) max_words = (unsigned)atoi(argv[++i]);
        else if (argv[i][0] == '-' && argv[i][1]) {
            fputs(usage, stderr);
            return 2;
        } else corpora[ncorpora++] = argv[i];
    }
    if (!out || !ncorpora || min_freq < 1) {
        fputs(usage, stderr);
        return 2;
    }
    mask = (1u << 20) - 1;
    table = calloc(mask + 1, sizeof *table);
    if (!table) die("out of memory");
    for (int i = 0; i < ncorpora; i++) count_file(corpora[i]);

    entry **words = malloc(used * sizeof *words);
    if (!words) die("out of memory");
    size_t nw = 0;
    for (size_t i = 0; i <= mask; i++)
        if (table[i].w) words[nw++] = &table[i];
    qsort(words, nw, sizeof *words, by_freq);
    size_t keep = 0;
    while (keep < nw && keep < max_words && words[keep]->freq >= min_freq) keep++;

    /* Sections. */
    strbuf desc = {0}, lex = {0}, clit = {0};
    strbuf_printf(&desc, "libsyria default model: %zu words (min freq %u) from %d corpus file(s)", keep,
                  min_freq, ncorpora);
    put32(&lex, (uint32_t)keep);
    for (size_t i = 0; i < keep; i++) {
        put32(&lex, words[i]->freq);
        put16(&lex, (uint16_t)words[i]->len);
        strbuf_append(&lex, words[i]->w, words[i]->len);
    }
    size_t nratios = 0;
    for (const char *const *p = clitic_proclitics; *p; p++) nratios++;
    for (const char *const *p = clitic_enclitics; *p; p++) nratios++;
    put32(&clit, (uint32_t)nratios);
    const char *const *lists[] = {clitic_proclitics, clitic_enclitics};
    for (int l = 0; l < 2; l++)
        for (const char *const *p = lists[l]; *p; p++) {
            float r = (float)measure_ratio(words, nw, *p);
            uint32_t bits;
            memcpy(&bits, &r, 4);
            put16(&clit, (uint16_t)strlen(*p));
            strbuf_append(&clit, *p, strlen(*p));
            put32(&clit, bits);
            fprintf(stderr, "ratio %-8s %.4f\n", *p, r);
        }

    const strbuf *sec[] = {&desc, &lex, &clit};
    const char *tags[] = {"DESC", "LEX1", "CLIT"};
    size_t nsec = 3;
    strbuf blob = {0};
    strbuf_append(&blob, MODEL_MAGIC, 8);
    put32(&blob, MODEL_FORMAT_VERSION);
    put32(&blob, (uint32_t)nsec);
    put64(&blob, 0); /* total length, patched below */
    put64(&blob, 0); /* checksum, patched below */
    uint64_t off = MODEL_HEADER_SIZE + nsec * MODEL_SECTION_SIZE;
    for (size_t i = 0; i < nsec; i++) {
        strbuf_append(&blob, tags[i], 4);
        put32(&blob, 0);
        put64(&blob, off);
        put64(&blob, sec[i]->len);
        off += sec[i]->len;
    }
    for (size_t i = 0; i < nsec; i++) strbuf_append(&blob, sec[i]->data, sec[i]->len);
    if (blob.failed) die("out of memory");
    uint64_t total = blob.len, sum = model_fnv1a64((unsigned char *)blob.data + MODEL_HEADER_SIZE, blob.len - MODEL_HEADER_SIZE);
    for (int i = 0; i < 8; i++) {
        blob.data[16 + i] = (char)(total >> (8 * i));
        blob.data[24 + i] = (char)(sum >> (8 * i));
    }
    FILE *f = fopen(out, "wb");
    if (!f || fwrite(blob.data, 1, blob.len, f) != blob.len || fclose(f) != 0) {
        fprintf(stderr, "syria-build-model: cannot write %s: %s\n", out, strerror(errno));
        return 1;
    }
    fprintf(stderr, "syria-build-model: %zu distinct words, kept %zu; wrote %s (%zu bytes)\n", nw, keep, out, blob.len);
    return 0;
}
