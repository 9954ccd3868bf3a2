/* madvise and MADV_HUGEPAGE (sys/mman.h) are outside strict C11. */
#define _DEFAULT_SOURCE
#include "model/model.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ubrk.h>
#if defined(__linux__)
#include <sys/mman.h>
#endif

#include "core/error.h"
#include "tag/clusters.h"
#include "tag/names.h"
#include "tag/tagger.h"

/* The default model, linked into the library by model/embed.S. */
extern const unsigned char syria_default_model_start[] __attribute__((weak));
extern const unsigned char syria_default_model_end[] __attribute__((weak));

uint64_t model_fnv1a64(const unsigned char *p, size_t n)
{
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < n; i++) {
        h ^= p[i];
        h *= 1099511628211ull;
    }
    return h;
}

static uint32_t rd32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint64_t rd64(const unsigned char *p)
{
    return (uint64_t)rd32(p) | (uint64_t)rd32(p + 4) << 32;
}

/* Eight bytes at a time: words are short, and this runs once per token.
 * Few branches on the length (a word's length is unpredictable): the last
 * block is the word's last eight bytes, overlapping the one before, and a
 * short word is read in two overlapping halves. The hash is only ever
 * computed in memory, for tables built at load time. */
static uint32_t hash_word(const char *w, size_t n)
{
    uint64_t h = 0x9E3779B97F4A7C15ull ^ n, v;
    if (n >= 8) {
        for (size_t k = 0; k + 8 < n; k += 8) {
            memcpy(&v, w + k, 8);
            h = (h ^ v) * 0xFF51AFD7ED558CCDull;
            h ^= h >> 32;
        }
        memcpy(&v, w + n - 8, 8);
    } else if (n >= 4) {
        uint32_t lo, hi;
        memcpy(&lo, w, 4);
        memcpy(&hi, w + n - 4, 4);
        v = lo | (uint64_t)hi << 32;
    } else {
        v = n ? (uint64_t)(unsigned char)w[0] | (uint64_t)(unsigned char)w[n / 2] << 8 |
                    (uint64_t)(unsigned char)w[n - 1] << 16
              : 0;
    }
    h = (h ^ v) * 0xC4CEB9FE1A85EC53ull;
    h ^= h >> 29;
    return (uint32_t)h;
}

/* a[0..n) == b[0..n), with whole-word loads that overlap at the end
 * instead of a library call: the words compared are short. */
static inline int same_bytes(const char *a, const char *b, size_t n)
{
    if (n >= 8) {
        uint64_t x, y;
        for (size_t k = 0; k + 8 < n; k += 8) {
            memcpy(&x, a + k, 8);
            memcpy(&y, b + k, 8);
            if (x != y) return 0;
        }
        memcpy(&x, a + n - 8, 8);
        memcpy(&y, b + n - 8, 8);
        return x == y;
    }
    if (n >= 4) {
        uint32_t x0, y0, x1, y1;
        memcpy(&x0, a, 4), memcpy(&y0, b, 4), memcpy(&x1, a + n - 4, 4), memcpy(&y1, b + n - 4, 4);
        return x0 == y0 && x1 == y1;
    }
    for (size_t k = 0; k < n; k++)
        if (a[k] != b[k]) return 0;
    return 1;
}

_Static_assert(sizeof(lex_entry) == 32, "two lexicon entries per cache line");

/* Is entry e the word w[0..n) (its hash and length already agree)? */
static inline int lex_same(const struct syria_model *m, const lex_entry *e, const char *w, size_t n)
{
    if (n <= LEX_HEAD) return same_bytes(e->head, w, n);
    return same_bytes(e->head, w, LEX_HEAD) &&
           same_bytes((const char *)m->blob + e->off + LEX_HEAD, w + LEX_HEAD, n - LEX_HEAD);
}

/* The slot of w in the lexicon: its entry, or the empty slot where it
 * would go. The table is never full (at most half its slots are used). */
static lex_entry *lex_slot(const struct syria_model *m, const char *w, size_t n, uint32_t h)
{
    size_t i = h & m->lex_mask;
    for (;;) {
        lex_entry *e = &m->lex[i];
        if (e->len == 0 || (e->hash == h && e->len == n && lex_same(m, e, w, n))) return e;
        i = (i + 1) & m->lex_mask;
    }
}

/* Fills a new entry's word: where it is in the blob, and its head. */
static void lex_set_word(lex_entry *e, size_t off, const unsigned char *w, uint16_t len)
{
    e->off = (uint32_t)off;
    e->len = len;
    memcpy(e->head, w, len < LEX_HEAD ? len : LEX_HEAD);
}

uint32_t model_freq(const struct syria_model *m, const char *w, size_t n)
{
    if (!m->lex || n == 0 || n > 0xFFFF) return 0;
    return lex_slot(m, w, n, hash_word(w, n))->freq;
}

unsigned model_word_split(const struct syria_model *m, const char *w, size_t n)
{
    if (!m->lex || n == 0 || n > 0xFFFF) return SPLIT_NONE;
    uint32_t h = hash_word(w, n); /* once, for both tables */
    if (m->hot && n <= HOT_MAX_LEN) {
        size_t i = h & (HOT_SLOTS - 1);
        for (;;) {
            const hot_entry *e = &m->hot[i];
            if (!e->len) break; /* not among the frequent words */
            if (e->len == n && e->pad == (uint8_t)(h >> 24) && same_bytes(e->w, w, n)) return e->split;
            i = (i + 1) & (HOT_SLOTS - 1);
        }
    }
    const lex_entry *e = lex_slot(m, w, n, h);
    return e->len ? e->split : SPLIT_NONE;
}

unsigned model_word_flags(const struct syria_model *m, const char *w, size_t n)
{
    if (!m->lex || n == 0 || n > 0xFFFF) return 0;
    return lex_slot(m, w, n, hash_word(w, n))->flags;
}

float model_ratio(const struct syria_model *m, const char *affix)
{
    /* The affixes are stored zero-padded: compared as whole 16-byte keys
     * (two word compares), not by strcmp. */
    char key[sizeof m->ratios[0].affix] = {0};
    size_t n = strlen(affix);
    if (n >= sizeof key) return 0.0f;
    memcpy(key, affix, n);
    for (size_t i = 0; i < m->ratio_count; i++)
        if (!memcmp(m->ratios[i].affix, key, sizeof key)) return m->ratios[i].ratio;
    return 0.0f;
}

/* A zeroed table read at random positions, once per word of every text,
 * aligned to a cache line (no entry straddles two). A table of 2 MB or more
 * is aligned to 2 MB and, where the system gives transparent huge pages on
 * request, backed by them: fewer pages to fault in (model load 43-45 ->
 * 37 ms) and to miss in the TLB. NULL when out of memory. */
static void *random_access_table(size_t size)
{
    const size_t huge = (size_t)2 << 20;
    size_t align = size >= huge ? huge : 64;
    size_t rounded = (size + align - 1) / align * align;
    void *p = aligned_alloc(align, rounded);
    if (!p) return NULL;
#if defined(MADV_HUGEPAGE)
    if (align == huge) (void)madvise(p, rounded, MADV_HUGEPAGE); /* advice only: a refusal changes nothing */
#endif
    memset(p, 0, rounded);
    return p;
}

/* Allocates the word table for `words` entries at most (half full). */
static int lex_alloc(struct syria_model *m, size_t words)
{
    size_t cap = 16;
    while (cap < words * 2) cap *= 2;
    m->lex = random_access_table(cap * sizeof *m->lex);
    if (!m->lex) return syria_fail(SYRIA_ENOMEM, "model: out of memory for the lexicon");
    m->lex_mask = cap - 1;
    return SYRIA_OK;
}

static int parse_lexicon(struct syria_model *m, const unsigned char *p, size_t len, size_t base)
{
    if (len < 4) return syria_fail(SYRIA_EMODEL, "model: lexicon section too short");
    uint32_t n = rd32(p);
    if (n > len / 7) return syria_fail(SYRIA_EMODEL, "model: lexicon count %u exceeds section", n);
    if (m->lex_count + n > m->lex_capacity) return syria_fail(SYRIA_EMODEL, "model: lexicon larger than announced");
    m->hot = random_access_table(HOT_SLOTS * sizeof *m->hot);
    if (!m->hot) return syria_fail(SYRIA_ENOMEM, "model: out of memory for the lexicon");
    size_t at = 4;
    for (uint32_t k = 0; k < n; k++) {
        if (len - at < 7) return syria_fail(SYRIA_EMODEL, "model: lexicon entry %u truncated", k);
        uint32_t freq = rd32(p + at);
        uint16_t wl = (uint16_t)(p[at + 4] | p[at + 5] << 8);
        uint8_t split = p[at + 6];
        at += 7;
        if (split != SPLIT_NONE && (SPLIT_ART(split) > 2 || 2u * (SPLIT_PRO(split) + SPLIT_ART(split) + SPLIT_ENC(split)) >= wl))
            return syria_fail(SYRIA_EMODEL, "model: lexicon split %u out of bounds", k);
        if (wl == 0 || wl > len - at) return syria_fail(SYRIA_EMODEL, "model: lexicon word %u out of bounds", k);
        uint32_t h = hash_word((const char *)p + at, wl);
        lex_entry *e = lex_slot(m, (const char *)p + at, wl, h);
        /* A dictionary section read first may have the word already. */
        if (e->len && (e->freq || !e->flags)) return syria_fail(SYRIA_EMODEL, "model: duplicate lexicon word %u", k);
        if (!e->len) m->lex_count++;
        e->hash = h;
        lex_set_word(e, base + at, p + at, wl);
        e->freq = freq;
        e->split = split;
        if (k < HOT_WORDS && wl <= HOT_MAX_LEN && split != SPLIT_NONE) {
            size_t i = h & (HOT_SLOTS - 1);
            while (m->hot[i].len) i = (i + 1) & (HOT_SLOTS - 1);
            m->hot[i].len = (uint8_t)wl;
            m->hot[i].split = split;
            m->hot[i].pad = (uint8_t)(h >> 24); /* compared before the bytes */
            memcpy(m->hot[i].w, p + at, wl);
        }
        m->lex_total += freq;
        at += wl;
    }
    return SYRIA_OK;
}

static int parse_dictionary(struct syria_model *m, const unsigned char *p, size_t len, size_t base)
{
    if (len < 4) return syria_fail(SYRIA_EMODEL, "model: dictionary section too short");
    uint32_t n = rd32(p);
    if (n > len / 4) return syria_fail(SYRIA_EMODEL, "model: dictionary count %u exceeds section", n);
    size_t at = 4;
    for (uint32_t k = 0; k < n; k++) {
        if (len - at < 3) return syria_fail(SYRIA_EMODEL, "model: dictionary entry %u truncated", k);
        uint8_t flags = p[at];
        uint16_t wl = (uint16_t)(p[at + 1] | p[at + 2] << 8);
        at += 3;
        if (wl == 0 || wl > len - at || (flags & ~(WORD_STEM | WORD_FUNCTION | WORD_CLITIC_FORM | WORD_NAME)))
            return syria_fail(SYRIA_EMODEL, "model: dictionary word %u out of bounds", k);
        uint32_t h = hash_word((const char *)p + at, wl);
        lex_entry *e = lex_slot(m, (const char *)p + at, wl, h);
        if (!e->len) { /* a dictionary word the corpus never showed */
            e->hash = h;
            e->split = SPLIT_NONE;
            if (m->lex_count >= m->lex_capacity)
                return syria_fail(SYRIA_EMODEL, "model: dictionary larger than announced");
            lex_set_word(e, base + at, p + at, wl);
            m->lex_count++;
        }
        e->flags |= flags;
        at += wl;
    }
    return SYRIA_OK;
}

static int parse_ratios(struct syria_model *m, const unsigned char *p, size_t len)
{
    if (len < 4) return syria_fail(SYRIA_EMODEL, "model: clitic section too short");
    uint32_t n = rd32(p);
    if (n > 256 || n > len / 7) return syria_fail(SYRIA_EMODEL, "model: clitic count %u out of range", n);
    m->ratios = calloc(n ? n : 1, sizeof *m->ratios);
    if (!m->ratios) return syria_fail(SYRIA_ENOMEM, "model: out of memory");
    size_t at = 4;
    for (uint32_t k = 0; k < n; k++) {
        if (len - at < 2) return syria_fail(SYRIA_EMODEL, "model: clitic entry %u truncated", k);
        uint16_t al = (uint16_t)(p[at] | p[at + 1] << 8);
        at += 2;
        if (al == 0 || al >= sizeof m->ratios[k].affix || len - at < (size_t)al + 4)
            return syria_fail(SYRIA_EMODEL, "model: clitic entry %u out of bounds", k);
        memcpy(m->ratios[k].affix, p + at, al);
        at += al;
        uint32_t bits = rd32(p + at);
        at += 4;
        float r;
        memcpy(&r, &bits, sizeof r);
        if (!(r >= 0.0f && r < 1e6f)) return syria_fail(SYRIA_EMODEL, "model: clitic ratio %u invalid", k);
        m->ratios[k].ratio = r;
    }
    m->ratio_count = n;
    return SYRIA_OK;
}

/* Checks the header and every section against the blob's bounds, then builds
 * the in-memory indexes. The blob must outlive the model. */
static int parse(struct syria_model *m)
{
    const unsigned char *b = m->blob;
    size_t n = m->blob_len;
    if (n < MODEL_HEADER_SIZE || memcmp(b, MODEL_MAGIC, 8) != 0)
        return syria_fail(SYRIA_EMODEL, "model: not a libsyria model (bad magic)");
    uint32_t version = rd32(b + 8);
    if (version != MODEL_FORMAT_VERSION)
        return syria_fail(SYRIA_EMODEL, "model: format version %u, this library reads %u", version,
                          MODEL_FORMAT_VERSION);
    uint32_t count = rd32(b + 12);
    if (rd64(b + 16) != n)
        return syria_fail(SYRIA_EMODEL, "model: truncated or padded (header says %llu bytes, got %zu)",
                          (unsigned long long)rd64(b + 16), n);
    if (count > 64 || MODEL_HEADER_SIZE + (size_t)count * MODEL_SECTION_SIZE > n)
        return syria_fail(SYRIA_EMODEL, "model: section table out of bounds");
    if (model_fnv1a64(b + MODEL_HEADER_SIZE, n - MODEL_HEADER_SIZE) != rd64(b + 24))
        return syria_fail(SYRIA_EMODEL, "model: checksum mismatch (corrupt file)");
    /* The sections follow the table back to back up to the end: the header's
     * section count is outside the checksum, and a wrong count would
     * otherwise drop sections silently. */
    uint64_t expect = MODEL_HEADER_SIZE + (uint64_t)count * MODEL_SECTION_SIZE;
    for (uint32_t k = 0; k < count; k++) {
        const unsigned char *e = b + MODEL_HEADER_SIZE + (size_t)k * MODEL_SECTION_SIZE;
        if (rd64(e + 8) != expect || rd64(e + 16) > n - expect)
            return syria_fail(SYRIA_EMODEL, "model: section %u not where the table says sections are", k);
        expect += rd64(e + 16);
    }
    if (expect != n) return syria_fail(SYRIA_EMODEL, "model: %llu bytes after the last section", (unsigned long long)(n - expect));
    /* Size the word table for the lexicon and dictionary together. */
    size_t words = 0;
    for (uint32_t k = 0; k < count; k++) {
        const unsigned char *e = b + MODEL_HEADER_SIZE + (size_t)k * MODEL_SECTION_SIZE;
        uint64_t off = rd64(e + 8), len = rd64(e + 16);
        if (off > n || len > n - off || len < 4) continue; /* reported below */
        if (memcmp(e, "LEX1", 4) == 0 || memcmp(e, "DIC1", 4) == 0) words += rd32(b + off) < len ? rd32(b + off) : len;
    }
    m->lex_capacity = words;
    int rc0 = lex_alloc(m, words);
    if (rc0) return rc0;
    int have_lex = 0, have_dic = 0;
    for (uint32_t k = 0; k < count; k++) {
        const unsigned char *e = b + MODEL_HEADER_SIZE + (size_t)k * MODEL_SECTION_SIZE;
        uint64_t off = rd64(e + 8), len = rd64(e + 16);
        if (off > n || len > n - off) return syria_fail(SYRIA_EMODEL, "model: section %u out of bounds", k);
        const unsigned char *p = b + off;
        int rc = SYRIA_OK;
        if (memcmp(e, "DESC", 4) == 0) {
            size_t dl = len < sizeof m->description - 1 ? (size_t)len : sizeof m->description - 1;
            memcpy(m->description, p, dl);
            m->description[dl] = '\0';
        } else if (memcmp(e, "LEX1", 4) == 0) {
            if (have_lex++) return syria_fail(SYRIA_EMODEL, "model: two lexicon sections");
            rc = parse_lexicon(m, p, (size_t)len, (size_t)off);
        } else if (memcmp(e, "DIC1", 4) == 0) {
            if (have_dic++) return syria_fail(SYRIA_EMODEL, "model: two dictionary sections");
            rc = parse_dictionary(m, p, (size_t)len, (size_t)off);
        } else if (memcmp(e, "CLIT", 4) == 0) {
            if (m->ratios) return syria_fail(SYRIA_EMODEL, "model: two clitic sections");
            rc = parse_ratios(m, p, (size_t)len);
        } else if (memcmp(e, "NAM1", 4) == 0) {
            if (m->names) return syria_fail(SYRIA_EMODEL, "model: two name lexicon sections");
            int r = names_load(&m->names, p, (size_t)len);
            if (r == -2) return syria_fail(SYRIA_ENOMEM, "model: out of memory");
            if (r) return syria_fail(SYRIA_EMODEL, "model: name lexicon section malformed");
        } else if (memcmp(e, "TAG1", 4) == 0) {
            if (m->tagger) return syria_fail(SYRIA_EMODEL, "model: two tagger sections");
            m->tagger = calloc(1, sizeof *m->tagger);
            if (!m->tagger) return syria_fail(SYRIA_ENOMEM, "model: out of memory");
            int r = tagger_load(m->tagger, p, (size_t)len);
            if (r) {
                free(m->tagger);
                m->tagger = NULL;
                return r == -2 ? syria_fail(SYRIA_ENOMEM, "model: out of memory")
                               : syria_fail(SYRIA_EMODEL, "model: tagger section malformed");
            }
        } else if (memcmp(e, "CLU1", 4) == 0) {
            if (m->clusters) return syria_fail(SYRIA_EMODEL, "model: two cluster sections");
            int r = clusters_load(&m->clusters, p, (size_t)len);
            if (r == -2) return syria_fail(SYRIA_ENOMEM, "model: out of memory");
            if (r) return syria_fail(SYRIA_EMODEL, "model: word cluster section malformed");
        } /* unknown sections are skipped: newer writers may add some */
        if (rc) return rc;
    }
    if (!have_lex) return syria_fail(SYRIA_EMODEL, "model: no lexicon section");

    norm_table_init(&m->norm_default, SYRIA_NORM_DEFAULT);
    norm_table_init(&m->norm_default_obf, SYRIA_NORM_DEFAULT | NORM_DEOBFUSCATE);
    norm_table_init(&m->norm_hamza, HAMZA_FLAGS);
    norm_table_init(&m->norm_hamza_obf, HAMZA_FLAGS | NORM_DEOBFUSCATE);

    UErrorCode st = U_ZERO_ERROR;
    m->sentence_bi = ubrk_open(UBRK_SENTENCE, "ar", NULL, 0, &st);
    if (U_FAILURE(st)) {
        m->sentence_bi = NULL;
        return syria_fail(SYRIA_EINTERNAL, "ICU: cannot open the sentence break iterator: %s", u_errorName(st));
    }
    return SYRIA_OK;
}

static int finish(syria_model **out, struct syria_model *m)
{
    int rc = parse(m);
    if (rc) {
        syria_model_free(m);
        return rc;
    }
    *out = m;
    return SYRIA_OK;
}

SYRIA_API int syria_model_load_memory(syria_model **out, const void *data, size_t len)
{
    if (!out) return syria_fail(SYRIA_EINVAL, "syria_model_load_memory: out is NULL");
    *out = NULL;
    if (!data) return syria_fail(SYRIA_EINVAL, "syria_model_load_memory: data is NULL");
    if (len > UINT32_MAX) return syria_fail(SYRIA_EMODEL, "model: larger than 4 GiB");
    struct syria_model *m = calloc(1, sizeof *m);
    if (!m) return syria_fail(SYRIA_ENOMEM, "out of memory");
    m->owned = malloc(len ? len : 1);
    if (!m->owned) {
        free(m);
        return syria_fail(SYRIA_ENOMEM, "out of memory for a %zu-byte model", len);
    }
    memcpy(m->owned, data, len);
    m->blob = m->owned;
    m->blob_len = len;
    return finish(out, m);
}

SYRIA_API int syria_model_load_default(syria_model **out)
{
    if (!out) return syria_fail(SYRIA_EINVAL, "syria_model_load_default: out is NULL");
    *out = NULL;
    struct syria_model *m = calloc(1, sizeof *m);
    if (!m) return syria_fail(SYRIA_ENOMEM, "out of memory");
    if (!syria_default_model_start || !syria_default_model_end) {
        free(m);
        return syria_fail(SYRIA_EMODEL, "no default model is embedded in this build");
    }
    /* The embedded blob is read in place: no copy. */
    m->blob = syria_default_model_start;
    m->blob_len = (size_t)(syria_default_model_end - syria_default_model_start);
    return finish(out, m);
}

SYRIA_API int syria_model_load_file(syria_model **out, const char *path)
{
    if (!out) return syria_fail(SYRIA_EINVAL, "syria_model_load_file: out is NULL");
    *out = NULL;
    if (!path) return syria_fail(SYRIA_EINVAL, "syria_model_load_file: path is NULL");
    FILE *f = fopen(path, "rb");
    if (!f) return syria_fail(SYRIA_EIO, "cannot open model %s: %s", path, strerror(errno));
    unsigned char *data = NULL;
    size_t len = 0, cap = 0;
    for (;;) {
        if (len == cap) {
            cap = cap ? cap * 2 : 1 << 16;
            if (cap > ((size_t)1 << 32)) {
                free(data);
                fclose(f);
                return syria_fail(SYRIA_EMODEL, "model %s: larger than 4 GiB", path);
            }
            unsigned char *p = realloc(data, cap);
            if (!p) {
                free(data);
                fclose(f);
                return syria_fail(SYRIA_ENOMEM, "out of memory reading %s", path);
            }
            data = p;
        }
        size_t got = fread(data + len, 1, cap - len, f);
        len += got;
        if (got == 0) break;
    }
    int err = ferror(f);
    fclose(f);
    if (err) {
        free(data);
        return syria_fail(SYRIA_EIO, "cannot read model %s", path);
    }
    struct syria_model *m = calloc(1, sizeof *m);
    if (!m) {
        free(data);
        return syria_fail(SYRIA_ENOMEM, "out of memory");
    }
    m->owned = data;
    m->blob = data;
    m->blob_len = len;
    int rc = parse(m);
    if (rc) {
        char msg[512];
        snprintf(msg, sizeof msg, "%s", syria_error_last());
        syria_model_free(m);
        return syria_fail(rc, "%s: %s", path, msg);
    }
    *out = m;
    return SYRIA_OK;
}

SYRIA_API void syria_model_free(syria_model *m)
{
    if (!m) return;
    if (m->sentence_bi) ubrk_close((UBreakIterator *)m->sentence_bi);
    free(m->lex);
    free(m->hot);
    free(m->ratios);
    names_free(m->names);
    clusters_free(m->clusters);
    if (m->tagger) tagger_weights_free(m->tagger);
    free(m->tagger);
    free(m->owned);
    free(m);
}

SYRIA_API const char *syria_model_description(const syria_model *m)
{
    return m ? m->description : "";
}
