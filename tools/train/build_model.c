#define _POSIX_C_SOURCE 200809L
/* syria-build-model: derives the default model's lexicon from raw news text.
 *
 *   syria-build-model [--min-freq N] [--max-words N] [--dict AR.DIC] [--names LEXICON.tsv]...
 *                     --out MODEL CORPUS...
 *
 * Counts the normalised Arabic words of the corpora (one article per
 * blank-line-separated block) with the library's own tokeniser and
 * normaliser, keeps the frequent ones, measures for every clitic how often
 * clitic+x occurs per occurrence of x (the ratios the clitic splitter's test
 * uses), adds the headwords of a Hunspell Arabic dictionary (Debian's
 * hunspell-ar, /usr/share/hunspell/ar.dic) as stems and function words, and writes a model blob (libsyria/src/model/model.h). Deterministic:
 * the same corpora give the same bytes. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clitic/clitic.h"
#include "core/doc.h"
#include "model/model.h"
#include "normalize/normalize.h"
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

/* Dictionary words: a second table of normalised words with WORD_* flags. */
typedef struct dword {
    char *w;
    uint32_t len;
    uint8_t flags;
} dword;
static dword *dict;
static size_t dict_mask, dict_used;

static void dict_init(void)
{
    if (dict) return;
    dict_mask = (1u << 18) - 1;
    dict = calloc(dict_mask + 1, sizeof *dict);
    if (!dict) die("out of memory");
}

static void dict_add(const char *w, size_t n, uint8_t flags)
{
    if ((dict_used + 1) * 2 > dict_mask) {
        dword *old = dict;
        size_t oldn = dict_mask + 1;
        dict_mask = oldn * 2 - 1;
        dict = calloc(dict_mask + 1, sizeof *dict);
        if (!dict) die("out of memory");
        for (size_t i = 0; i < oldn; i++)
            if (old[i].w) {
                size_t j = hash(old[i].w, old[i].len) & dict_mask;
                while (dict[j].w) j = (j + 1) & dict_mask;
                dict[j] = old[i];
            }
        free(old);
    }
    size_t j = hash(w, n) & dict_mask;
    while (dict[j].w && !(dict[j].len == n && memcmp(dict[j].w, w, n) == 0)) j = (j + 1) & dict_mask;
    if (!dict[j].w) {
        dict[j].w = malloc(n + 1);
        if (!dict[j].w) die("out of memory");
        memcpy(dict[j].w, w, n);
        dict[j].w[n] = 0;
        dict[j].len = (uint32_t)n;
        dict_used++;
    }
    dict[j].flags |= flags;
}

/* Is e the base b with one to three proclitic letters in front (وبغير = و ب + غير)? */
static int is_prefixed(const char *e, size_t en, const char *b, size_t bn)
{
    if (!bn || en <= bn || en - bn > 6 || memcmp(e + en - bn, b, bn) != 0) return 0;
    static const char *const letters[] = {"\xd9\x88", "\xd9\x81", "\xd8\xa8", "\xd9\x84", "\xd9\x83",
                                          "\xd8\xb3", "\xd8\xa7", NULL}; /* و ف ب ل ك س ا (أ folded) */
    for (size_t i = 0; i < en - bn; i += 2) {
        int ok = 0;
        for (const char *const *l = letters; *l && !ok; l++) ok = memcmp(e + i, *l, 2) == 0;
        if (!ok) return 0;
    }
    return 1;
}

/* Debian's ar.dic is four files joined, each announced by a line of colons
 * and its name. stopwords.dic and tools.dic list each function word followed
 * by its forms with proclitics (غير بغير كغير لغير وغير ...): a form that is
 * the last base with proclitics is WORD_CLITIC_FORM, any other a new base,
 * WORD_FUNCTION. names.dic and verb.huns.dic list stems (nouns, names, verb
 * forms), WORD_STEM; the affix file generates their clitics. */
static void read_dictionary(const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "syria-build-model: cannot open %s: %s\n", path, strerror(errno));
        exit(1);
    }
    dict_init();
    char *line = NULL;
    size_t cap = 0;
    uint8_t section = 0;
    int expect_name = 0;
    strbuf nb = {0};
    char base[256] = "";
    size_t base_len = 0;
    while (getline(&line, &cap, f) >= 0) {
        line[strcspn(line, "\r\n")] = 0;
        if (!strncmp(line, "::::", 4)) {
            expect_name = !expect_name;
            continue;
        }
        if (expect_name) {
            section = strstr(line, "stopwords") || strstr(line, "tools") ? WORD_FUNCTION
                      : strstr(line, "names") || strstr(line, "verb")   ? WORD_STEM
                                                                        : 0;
            continue;
        }
        if (!section || !line[0] || line[0] == '#') continue;
        size_t n = strcspn(line, "/\t ");
        if (n == 0) continue;
        nb.len = 0;
        norm_append(&nb, line, n, SYRIA_NORM_DEFAULT);
        if (nb.failed) die("out of memory");
        uint8_t flags = section;
        if (section == WORD_FUNCTION) {
            if (is_prefixed(nb.data, nb.len, base, base_len)) {
                flags = WORD_CLITIC_FORM;
            } else if (nb.len < sizeof base) {
                memcpy(base, nb.data, nb.len);
                base_len = nb.len;
            }
        }
        if (nb.len >= 4 && nb.len < 0xFFFF) dict_add(nb.data, nb.len, flags);
    }
    strbuf_free(&nb);
    free(line);
    fclose(f);
}

/* Proper names from the project's lexicons (libsyria/lexicons/NAME.tsv:
 * canonical, variant, type, ...): every word of a person's name, and
 * one-word names of places and organisations, are WORD_NAME. */
static void read_names(const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "syria-build-model: cannot open %s: %s\n", path, strerror(errno));
        exit(1);
    }
    dict_init();
    char *line = NULL;
    size_t cap = 0;
    strbuf nb = {0};
    while (getline(&line, &cap, f) >= 0) {
        if (line[0] == '#') continue;
        char *variant = strchr(line, '\t');
        if (!variant) continue;
        variant++;
        char *type = strchr(variant, '\t');
        if (!type) continue;
        *type++ = 0;
        int person = !strncmp(type, "PER\t", 4);
        if (!person && strchr(variant, ' ')) continue;
        for (char *w = strtok(variant, " "); w; w = strtok(NULL, " ")) {
            nb.len = 0;
            norm_append(&nb, w, strlen(w), SYRIA_NORM_DEFAULT);
            if (nb.failed) die("out of memory");
            if (nb.len >= 6 && nb.len < 0xFFFF) dict_add(nb.data, nb.len, WORD_NAME); /* three letters at least */
        }
    }
    strbuf_free(&nb);
    free(line);
    fclose(f);
}

static int by_word(const void *a, const void *b)
{
    const dword *x = *(const dword *const *)a, *y = *(const dword *const *)b;
    return strcmp(x->w, y->w);
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

/* Assembles the model blob: description, lexicon (with precomputed splits,
 * or SPLIT_NONE when splits is NULL), clitic ratios and dictionary. */
static void assemble(strbuf *blob, entry **words, size_t nw, size_t keep, unsigned min_freq, int ncorpora,
                     const char *dict_path, const unsigned char *splits, int verbose)
{
    strbuf desc = {0}, lex = {0}, clit = {0}, dic = {0};
    strbuf_printf(&desc, "libsyria default model: %zu words (min freq %u) from %d corpus file(s)%s", keep,
                  min_freq, ncorpora, dict_path ? " + Hunspell dictionary" : "");
    if (dict_used && !dict_path) strbuf_puts(&desc, " + name lexicons");
    put32(&lex, (uint32_t)keep);
    for (size_t i = 0; i < keep; i++) {
        put32(&lex, words[i]->freq);
        put16(&lex, (uint16_t)words[i]->len);
        strbuf_putc(&lex, (char)(splits ? splits[i] : SPLIT_NONE));
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
            if (verbose) fprintf(stderr, "ratio %-8s %.4f\n", *p, r);
        }
    /* The dictionary, sorted so the bytes do not depend on hashing. */
    dword **dw = malloc((dict_used ? dict_used : 1) * sizeof *dw);
    if (!dw) die("out of memory");
    size_t nd = 0;
    for (size_t i = 0; dict && i <= dict_mask; i++)
        if (dict[i].w) dw[nd++] = &dict[i];
    qsort(dw, nd, sizeof *dw, by_word);
    put32(&dic, (uint32_t)nd);
    for (size_t i = 0; i < nd; i++) {
        strbuf_putc(&dic, (char)dw[i]->flags);
        put16(&dic, (uint16_t)dw[i]->len);
        strbuf_append(&dic, dw[i]->w, dw[i]->len);
    }
    free(dw);
    if (dict_path && verbose) fprintf(stderr, "syria-build-model: %zu dictionary words from %s\n", nd, dict_path);

    const strbuf *sec[] = {&desc, &lex, &clit, &dic};
    const char *tags[] = {"DESC", "LEX1", "CLIT", "DIC1"};
    size_t nsec = dict_used ? 4 : 3;
    blob->len = 0;
    strbuf_append(blob, MODEL_MAGIC, 8);
    put32(blob, MODEL_FORMAT_VERSION);
    put32(blob, (uint32_t)nsec);
    put64(blob, 0); /* total length, patched below */
    put64(blob, 0); /* checksum, patched below */
    uint64_t off = MODEL_HEADER_SIZE + nsec * MODEL_SECTION_SIZE;
    for (size_t i = 0; i < nsec; i++) {
        strbuf_append(blob, tags[i], 4);
        put32(blob, 0);
        put64(blob, off);
        put64(blob, sec[i]->len);
        off += sec[i]->len;
    }
    for (size_t i = 0; i < nsec; i++) strbuf_append(blob, sec[i]->data, sec[i]->len);
    if (blob->failed || desc.failed || lex.failed || clit.failed || dic.failed) die("out of memory");
    uint64_t total = blob->len,
             sum = model_fnv1a64((unsigned char *)blob->data + MODEL_HEADER_SIZE, blob->len - MODEL_HEADER_SIZE);
    for (int i = 0; i < 8; i++) {
        blob->data[16 + i] = (char)(total >> (8 * i));
        blob->data[24 + i] = (char)(sum >> (8 * i));
    }
    strbuf_free(&desc);
    strbuf_free(&lex);
    strbuf_free(&clit);
    strbuf_free(&dic);
}

int main(int argc, char **argv)
{
    const char *out = NULL, *dict_path = NULL;
    unsigned min_freq = 3, max_words = 200000;
    const char *usage = "usage: syria-build-model [--min-freq N] [--max-words N] [--dict AR.DIC] [--names LEXICON.tsv]... --out MODEL CORPUS...\n";
    const char **corpora = calloc((size_t)argc, sizeof *corpora);
    const char **names = calloc((size_t)argc, sizeof *names);
    int nnames = 0;
    int ncorpora = 0;
    if (!corpora) die("out of memory");
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--out") && i + 1 < argc) out = argv[++i];
        else if (!strcmp(argv[i], "--min-freq") && i + 1 < argc) min_freq = (unsigned)atoi(argv[++i]);
        else if (!strcmp(argv[i], "--max-words") && i + 1 < argc) max_words = (unsigned)atoi(argv[++i]);
        else if (!strcmp(argv[i], "--dict") && i + 1 < argc) dict_path = argv[++i];
        else if (!strcmp(argv[i], "--names") && i + 1 < argc) names[nnames++] = argv[++i];
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
    if (dict_path) read_dictionary(dict_path);
    for (int i = 0; i < nnames; i++) read_names(names[i]);

    entry **words = malloc(used * sizeof *words);
    if (!words) die("out of memory");
    size_t nw = 0;
    for (size_t i = 0; i <= mask; i++)
        if (table[i].w) words[nw++] = &table[i];
    qsort(words, nw, sizeof *words, by_freq);
    size_t keep = 0;
    while (keep < nw && keep < max_words && words[keep]->freq >= min_freq) keep++;

    /* Two passes: the splitter needs the model's frequencies, and the model
     * stores the splitter's decision for every kept word. The words have no
     * hamza-alef or alef maqsura left, so the word is its own hamza form. */
    strbuf blob = {0};
    assemble(&blob, words, nw, keep, min_freq, ncorpora, dict_path, NULL, 1);
    syria_model *model = NULL;
    if (syria_model_load_memory(&model, blob.data, blob.len)) {
        fprintf(stderr, "syria-build-model: the model does not load: %s\n", syria_error_last());
        return 1;
    }
    unsigned char *splits = malloc(keep ? keep : 1);
    if (!splits) die("out of memory");
    size_t nsplit = 0;
    for (size_t i = 0; i < keep; i++) {
        clitic_split cs;
        clitic_analyze(model, words[i]->w, words[i]->len, words[i]->w, &cs);
        splits[i] = (unsigned char)split_to_byte(&cs);
        nsplit += cs.proclitic_chars || cs.article_chars || cs.suffix_chars;
    }
    syria_model_free(model);
    assemble(&blob, words, nw, keep, min_freq, ncorpora, dict_path, splits, 0);
    fprintf(stderr, "syria-build-model: %zu of %zu kept words carry clitics\n", nsplit, keep);
    free(splits);

    FILE *f = fopen(out, "wb");
    if (!f || fwrite(blob.data, 1, blob.len, f) != blob.len || fclose(f) != 0) {
        fprintf(stderr, "syria-build-model: cannot write %s: %s\n", out, strerror(errno));
        return 1;
    }
    fprintf(stderr, "syria-build-model: %zu distinct words, kept %zu; wrote %s (%zu bytes)\n", nw, keep, out, blob.len);
    return 0;
}
