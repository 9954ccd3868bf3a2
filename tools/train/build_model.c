#define _POSIX_C_SOURCE 200809L
/* syria-build-model: derives the default model's lexicon from raw news text.
 *
 *   syria-build-model [--min-freq N] [--max-words N] [--dict AR.DIC] [--names LEXICON.tsv]...
 *                     [--lexicons DIR] [--tagger TAGGER] [--clusters CLUSTERS] --out MODEL CORPUS...
 *
 * --lexicons compiles the project's lexicons into the NAM1 section
 * (tag/names.h); --tagger and --clusters copy the tagger's weights and the
 * word clusters (docs/TAGGER.md) into TAG1 and CLU1.
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
#include "tag/gazetteer.h"
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

/* ---------------------------------------------------------------- */
/* Extra sections: the name lexicon (NAM1, from libsyria/lexicons), the
 * tagger's weights (TAG1) and word clusters (CLU1), copied from files. */

typedef struct extra_section {
    char tag[5];
    strbuf data;
} extra_section;
static extra_section extras[8];
static size_t nextras;

static strbuf *add_extra(const char *tag)
{
    if (nextras == sizeof extras / sizeof *extras) die("too many sections");
    memcpy(extras[nextras].tag, tag, 5);
    return &extras[nextras++].data;
}

static void read_blob_file(const char *tag, const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "syria-build-model: cannot open %s: %s\n", path, strerror(errno));
        exit(1);
    }
    strbuf *b = add_extra(tag);
    char buf[1 << 16];
    size_t got;
    while ((got = fread(buf, 1, sizeof buf, f)) > 0) strbuf_append(b, buf, got);
    if (ferror(f) || b->failed) die("cannot read a section file");
    fclose(f);
    fprintf(stderr, "syria-build-model: section %s from %s (%zu bytes)\n", tag, path, b->len);
}

static void put_str16(strbuf *b, const char *s)
{
    size_t n = strlen(s);
    if (n > 65535) die("lexicon field too long");
    put16(b, (uint16_t)n);
    strbuf_append(b, s, n);
}

/* Normalises a lexicon phrase the way the library normalises text, with
 * the words joined by single spaces. Returns NULL when nothing is left. */
static char *phrase_key(const char *s)
{
    char *norm = NULL;
    size_t len = 0;
    if (syria_normalize(&norm, &len, s, SYRIA_NUL_TERMINATED, SYRIA_NORM_DEFAULT)) return NULL;
    char *out = malloc(len + 1);
    if (!out) die("out of memory");
    size_t o = 0;
    for (size_t i = 0; i < len; i++) {
        int space = norm[i] == ' ' || norm[i] == '\t';
        if (space && (o == 0 || out[o - 1] == ' ')) continue;
        out[o++] = space ? ' ' : norm[i];
    }
    while (o && out[o - 1] == ' ') o--;
    out[o] = '\0';
    syria_free(norm);
    if (!o) {
        free(out);
        return NULL;
    }
    return out;
}

/* The lexicon files in priority order: where two entries normalise to the
 * same key, the earlier file's entry is the one the library returns. */
static const char *const lexicon_order[] = {"countries", "organisations", "people", "misc", "locations",
                                            "cities", "norp", "dates", "descriptors", NULL};

static void lexicon_file(strbuf *sec, uint32_t *count, const char *dir, const char *base)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s.tsv", dir, base);
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "syria-build-model: cannot open %s: %s\n", path, strerror(errno));
        exit(1);
    }
    int title = !strcmp(base, "descriptors");
    int col_code = -1, col_kind = -1, col_value = -1;
    char line[4096];
    size_t lineno = 0, added = 0;
    while (fgets(line, sizeof line, f)) {
        lineno++;
        line[strcspn(line, "\r\n")] = '\0';
        char *cols[8] = {0};
        int nc = 0;
        char *p = line[0] == '#' ? line + 1 + strspn(line + 1, " ") : line;
        while (nc < 8) {
            cols[nc++] = p;
            char *tab = strchr(p, '\t');
            if (!tab) break;
            *tab = '\0';
            p = tab + 1;
        }
        if (line[0] == '#') { /* the header names the columns */
            if (lineno == 1)
                for (int c = 3; c < nc; c++) {
                    if (!strcmp(cols[c], "code")) col_code = c;
                    else if (!strcmp(cols[c], "kind") || !strcmp(cols[c], "form")) col_kind = c;
                    else if (!strcmp(cols[c], "value")) col_value = c;
                }
            continue;
        }
        if (nc < 3 || !line[0]) continue;
        int type = title ? GAZ_TITLE : gaz_type_of(cols[2]);
        if (type < 0) {
            fprintf(stderr, "syria-build-model: %s:%zu: unknown type %s\n", path, lineno, cols[2]);
            exit(1);
        }
        const char *code = col_code >= 0 && col_code < nc ? cols[col_code] : "";
        const char *kind = col_kind >= 0 && col_kind < nc ? cols[col_kind] : "";
        const char *value = col_value >= 0 && col_value < nc ? cols[col_value] : "";
        if (title) value = cols[2]; /* the type a descriptor announces */
        const char *forms[2] = {cols[1], cols[0]};
        for (int k = 0; k < 2; k++) {
            if (k == 1 && !strcmp(cols[0], cols[1])) break;
            char *key = phrase_key(forms[k]);
            if (!key) continue;
            strbuf_putc(sec, (char)type);
            put_str16(sec, cols[0]);
            put_str16(sec, forms[k]);
            put_str16(sec, key);
            put_str16(sec, code);
            put_str16(sec, kind);
            put_str16(sec, value);
            free(key);
            (*count)++;
            added++;
        }
    }
    fclose(f);
    fprintf(stderr, "syria-build-model: %zu name entries from %s\n", added, path);
}

static void read_lexicons(const char *dir)
{
    strbuf *sec = add_extra("NAM1");
    put32(sec, 0); /* count, patched below */
    uint32_t count = 0;
    for (const char *const *b = lexicon_order; *b; b++) lexicon_file(sec, &count, dir, *b);
    if (sec->failed) die("out of memory");
    for (int i = 0; i < 4; i++) sec->data[i] = (char)(count >> (8 * i));
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

    const strbuf *sec[4 + sizeof extras / sizeof *extras] = {&desc, &lex, &clit, &dic};
    const char *tags[4 + sizeof extras / sizeof *extras] = {"DESC", "LEX1", "CLIT", "DIC1"};
    size_t nsec = dict_used ? 4 : 3;
    for (size_t i = 0; i < nextras; i++) {
        sec[nsec] = &extras[i].data;
        tags[nsec++] = extras[i].tag;
    }
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
    const char *out = NULL, *dict_path = NULL, *lexicon_dir = NULL, *tagger_path = NULL, *clusters_path = NULL;
    unsigned min_freq = 3, max_words = 200000;
    const char *usage = "usage: syria-build-model [--min-freq N] [--max-words N] [--dict AR.DIC] [--names LEXICON.tsv]... [--lexicons DIR] [--tagger TAGGER] [--clusters CLUSTERS] --out MODEL CORPUS...\n";
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
        else if (!strcmp(argv[i], "--lexicons") && i + 1 < argc) lexicon_dir = argv[++i];
        else if (!strcmp(argv[i], "--tagger") && i + 1 < argc) tagger_path = argv[++i];
        else if (!strcmp(argv[i], "--clusters") && i + 1 < argc) clusters_path = argv[++i];
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
    if (lexicon_dir) read_lexicons(lexicon_dir);
    if (tagger_path) read_blob_file("TAG1", tagger_path);
    if (clusters_path) read_blob_file("CLU1", clusters_path);

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
