/* The name lexicon (see names.h). */
#include "tag/names.h"

#include <stdlib.h>
#include <string.h>

#define FILTER_BITS 17
#define FILTER_WORDS ((1u << FILTER_BITS) / 64)
#define FBIT(h) ((size_t)((h) >> (64 - FILTER_BITS)))

/* A phrase of an index: an entry's key, or a proper prefix (in words) of
 * one, or both. */
#define NO_ENTRY UINT32_MAX
typedef struct slot {
    uint64_t key;   /* 0: empty */
    uint32_t entry; /* NO_ENTRY: only a prefix */
    uint32_t more;  /* a longer entry begins with this phrase */
} slot;

typedef struct index {
    slot *slots;
    size_t mask, used; /* used: occupied slots (kept at most half) */
    size_t max_words;
    slot *firsts; /* hashes of the entries' first words: most tokens start none */
    size_t fmask;
    /* A filter before firsts (no false negatives): bit FBIT(h) is set for
     * every first word; 16 kB that stay in cache, firsts does not. */
    uint64_t filter[FILTER_WORDS];
} index;

struct name_lexicon {
    name_entry *entries;
    size_t count;
    char *strings; /* every entry's strings, NUL-terminated */
    index idx[NAMES_NINDEX];
    gazetteer *gaz;
};

static int index_of_type(int type)
{
    if (type == GAZ_DATE) return NAMES_DATE;
    if (type == GAZ_TITLE) return NAMES_TITLE;
    return NAMES_ENTITY;
}

static uint64_t fix(uint64_t h) { return h ? h : 1; }

static slot *find(const index *x, uint64_t key)
{
    size_t i = (size_t)(key ^ (key >> 31)) & x->mask;
    while (x->slots[i].key && x->slots[i].key != key) i = (i + 1) & x->mask;
    return &x->slots[i];
}

/* The slot of key in x's phrases, added (as a bare prefix) when new;
 * NULL when out of memory. The table doubles before it is half full. */
static slot *put(index *x, uint64_t key)
{
    if (2 * (x->used + 1) > x->mask + 1) {
        size_t cap = 2 * (x->mask + 1);
        slot *ns = calloc(cap, sizeof *ns);
        if (!ns) return NULL;
        index old = *x;
        x->slots = ns;
        x->mask = cap - 1;
        for (size_t i = 0; i <= old.mask; i++)
            if (old.slots[i].key) *find(x, old.slots[i].key) = old.slots[i];
        free(old.slots);
    }
    slot *s = find(x, key);
    if (!s->key) {
        s->key = key;
        s->entry = NO_ENTRY;
        s->more = 0;
        x->used++;
    }
    return s;
}

/* Adds entry e under its key (words separated by spaces or tabs, hashed
 * as gaz_phrase_hash does), and its proper prefixes with `more` set: a
 * look-up stops at the first phrase no entry continues. The first entry
 * of a key wins. Returns 0, or -2 when out of memory. */
static int put_entry(index *x, const char *key, size_t len, uint32_t e)
{
    gaz_words it = gaz_words_of(key, len);
    slot *prev = NULL;
    while (gaz_next_word(&it)) {
        if (prev) prev->more = 1;
        prev = put(x, fix(it.hash));
        if (!prev) return -2;
    }
    if (prev && prev->entry == NO_ENTRY) prev->entry = e;
    return 0;
}

static size_t count_words(const char *s)
{
    size_t w = 0;
    for (const char *p = s; *p; p++)
        if (*p != ' ' && (p == s || p[-1] == ' ')) w++;
    return w;
}

static uint16_t rd16(const unsigned char *p) { return (uint16_t)(p[0] | p[1] << 8); }

int names_load(name_lexicon **out, const void *sec, size_t len)
{
    *out = NULL;
    const unsigned char *p = sec;
    if (len < 4) return -1;
    uint32_t n = (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
    if (n > len / 13) return -1; /* each entry takes at least 13 bytes */
    name_lexicon *nl = calloc(1, sizeof *nl);
    if (!nl) return -2;
    nl->entries = calloc(n ? n : 1, sizeof *nl->entries);
    nl->strings = malloc(len + 6 * (size_t)n + 1); /* the bytes plus one NUL per string */
    nl->gaz = gaz_new();
    size_t cap = 16;
    while (cap < 2 * (size_t)n) cap <<= 1;
    for (int k = 0; k < NAMES_NINDEX; k++) {
        nl->idx[k].slots = calloc(cap, sizeof(slot));
        nl->idx[k].firsts = calloc(cap, sizeof(slot));
        nl->idx[k].mask = cap - 1;
        nl->idx[k].fmask = cap - 1;
    }
    int oom = !nl->entries || !nl->strings || !nl->gaz;
    for (int k = 0; k < NAMES_NINDEX; k++) oom |= !nl->idx[k].slots || !nl->idx[k].firsts;
    if (oom) {
        names_free(nl);
        return -2;
    }
    size_t at = 4, sp = 0;
    for (uint32_t e = 0; e < n; e++) {
        if (len - at < 1) goto bad;
        name_entry *ne = &nl->entries[e];
        ne->type = p[at++];
        if (ne->type >= GAZ_NTYPES) goto bad;
        const char **fields[6] = {&ne->canonical, &ne->variant, &ne->key, &ne->code, &ne->kind, &ne->value};
        for (int f = 0; f < 6; f++) {
            if (len - at < 2) goto bad;
            uint16_t l = rd16(p + at);
            at += 2;
            if (l > len - at || memchr(p + at, '\0', l)) goto bad;
            memcpy(nl->strings + sp, p + at, l);
            nl->strings[sp + l] = '\0';
            *fields[f] = nl->strings + sp;
            sp += (size_t)l + 1;
            at += l;
        }
        size_t kl = strlen(ne->key);
        size_t words = count_words(ne->key);
        if (kl == 0 || words == 0 || words > GAZ_MAX_WORDS) goto bad;
        index *x = &nl->idx[index_of_type(ne->type)];
        if (put_entry(x, ne->key, kl, e)) {
            names_free(nl);
            return -2;
        }
        if (words > x->max_words) x->max_words = words;
        size_t fl = strcspn(ne->key, " ");
        uint64_t fh = fix(gaz_word_hash(ne->key, fl));
        size_t fi = (size_t)(fh ^ (fh >> 31)) & x->fmask;
        while (x->firsts[fi].key && x->firsts[fi].key != fh) fi = (fi + 1) & x->fmask;
        x->firsts[fi].key = fh;
        x->filter[FBIT(fh) / 64] |= 1ull << (FBIT(fh) % 64);
        if (gaz_add_key(nl->gaz, ne->key, kl, ne->type)) {
            names_free(nl);
            return -2;
        }
    }
    if (at != len) goto bad;
    nl->count = n;
    *out = nl;
    return 0;
bad:
    names_free(nl);
    return -1;
}

void names_free(name_lexicon *nl)
{
    if (!nl) return;
    for (int k = 0; k < NAMES_NINDEX; k++) {
        free(nl->idx[k].slots);
        free(nl->idx[k].firsts);
    }
    free(nl->entries);
    free(nl->strings);
    gaz_free(nl->gaz);
    free(nl);
}

size_t names_count(const name_lexicon *nl) { return nl ? nl->count : 0; }

const gazetteer *names_gazetteer(const name_lexicon *nl) { return nl ? nl->gaz : NULL; }

static int is_first_word(const index *x, uint64_t h)
{
    h = fix(h);
    if (!(x->filter[FBIT(h) / 64] >> (FBIT(h) % 64) & 1)) return 0;
    size_t i = (size_t)(h ^ (h >> 31)) & x->fmask;
    while (x->firsts[i].key && x->firsts[i].key != h) i = (i + 1) & x->fmask;
    return x->firsts[i].key == h;
}

int names_may_start(const name_lexicon *nl, int index_id, const gaz_tok *tok)
{
    if (!nl || index_id < 0 || index_id >= NAMES_NINDEX) return 0;
    gaz_tok t = *tok;
    if (!t.prepared) gaz_prepare(&t, 1);
    for (int c = 0; c < t.nhashes; c++)
        if (is_first_word(&nl->idx[index_id], t.hashes[c])) return 1;
    return 0;
}

static const name_entry *probe(const name_lexicon *nl, int index_id, uint64_t h)
{
    const slot *s = find(&nl->idx[index_id], fix(h));
    return s->key && s->entry != NO_ENTRY ? &nl->entries[s->entry] : NULL;
}

const name_entry *names_lookup(const name_lexicon *nl, int index_id, const char *key, size_t len)
{
    if (!nl || index_id < 0 || index_id >= NAMES_NINDEX || !len) return NULL;
    return probe(nl, index_id, gaz_phrase_hash(key, len, NULL));
}

size_t names_match(const name_lexicon *nl, int index_id, const gaz_tok *toks, size_t n, size_t i,
                   size_t max_words, const name_entry **entry, int *form)
{
    *entry = NULL;
    *form = 0;
    if (!nl || index_id < 0 || index_id >= NAMES_NINDEX || i >= n) return 0;
    gaz_tok t = toks[i];
    if (!t.prepared) gaz_prepare(&t, 1);
    /* Candidates in order of preference (gaz_prepare): on equal lengths the
     * earlier wins: the whole word, then the article with the stem
     * (والروس: الروس, not روس), then the bare stem. */
    const index *x = &nl->idx[index_id];
    size_t limit = x->max_words;
    if (max_words && max_words < limit) limit = max_words;
    size_t best = 0;
    int has_article = 0;
    for (int c = 0; c < t.nhashes; c++) has_article |= t.forms[c] == 2;
    for (int c = 0; c < t.nhashes; c++) {
        uint64_t h = t.hashes[c];
        /* A name written without the article is not one with it: المالي
         * (financial) is not مالي, السلمية (peaceful) not سلمية. Date words
         * are (الثلاثاء is ثلاثاء). */
        if (has_article && t.forms[c] == 1 && index_id == NAMES_ENTITY) continue;
        if (!is_first_word(x, h)) continue; /* most words begin no entry */
        for (size_t L = 1; L <= limit && i + L <= n; L++) {
            if (L > 1) {
                const gaz_tok *u = &toks[i + L - 1];
                if (!u->norm || !*u->norm) break;
                h = gaz_phrase_step(h, u->prepared ? u->hashes[0] : gaz_word_hash(u->norm, strlen(u->norm)));
            }
            const slot *s = find(x, fix(h));
            if (!s->key) break; /* no entry has these words: nor a longer one */
            if (s->entry != NO_ENTRY && L > best) {
                best = L;
                *entry = &nl->entries[s->entry];
                *form = t.forms[c];
            }
            if (!s->more) break; /* no longer entry begins so */
        }
    }
    return best;
}
