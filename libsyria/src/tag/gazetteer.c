/* Gazetteer: hashed set of normalised lexicon entries (see gazetteer.h). */
#include "tag/gazetteer.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/affix.h"
#include "syria/syria.h"

#define FNV_OFF 0xcbf29ce484222325ull
#define FNV_PRIME 0x100000001b3ull

static uint64_t fnv_cont(uint64_t h, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= FNV_PRIME;
    }
    return h;
}

uint64_t gaz_word_hash(const char *w, size_t n) { return fnv_cont(FNV_OFF, w, n); }

uint64_t gaz_phrase_hash(const char *s, size_t n, int *words)
{
    gaz_words it = gaz_words_of(s, n);
    while (gaz_next_word(&it)) {}
    if (words) *words = it.count;
    return it.hash;
}

static const char AL_[] = "\xd8\xa7\xd9\x84"; /* ال */

void gaz_prepare(gaz_tok *toks, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        gaz_tok *t = &toks[i];
        t->nhashes = 0;
        t->prepared = 1;
        if (!t->norm || !*t->norm) continue;
        t->forms[t->nhashes] = 0;
        t->hashes[t->nhashes++] = gaz_word_hash(t->norm, strlen(t->norm));
        if (t->stem && *t->stem && strcmp(t->stem, t->norm)) {
            size_t sl = strlen(t->stem);
            if (prefix_has_article(t->prefix)) {
                t->forms[t->nhashes] = 2;
                t->hashes[t->nhashes++] = fnv_cont(fnv_cont(FNV_OFF, AL_, 4), t->stem, sl);
            }
            t->forms[t->nhashes] = 1;
            t->hashes[t->nhashes++] = gaz_word_hash(t->stem, sl);
        }
    }
}

#define FILTER_BITS 17
#define FILTER_WORDS ((1u << FILTER_BITS) / 64)
#define FBIT(h) ((size_t)((h) >> (64 - FILTER_BITS)))

typedef struct gaz_slot {
    uint64_t key; /* 0: empty */
    uint32_t types; /* 1 << type for each entry type of this phrase, and GAZ_MORE */
} gaz_slot;

/* In slots[].types: a longer entry begins with this phrase. The table
 * holds every entry's proper prefixes (in words) too, with no type bits:
 * gaz_mark stops at the first phrase no entry continues. */
#define GAZ_MORE (1u << 31)

struct gazetteer {
    gaz_slot *slots;
    size_t cap, count, used; /* count: distinct entries; used: occupied slots (entries and prefixes) */
    int max_words;
    gaz_slot *firsts; /* first words of the entries (types unused) */
    size_t fcap, fcount;
    /* A filter before firsts (no false negatives): bit FBIT(key) is set for
     * every first word; 16 kB that stay in cache, firsts does not. */
    uint64_t filter[FILTER_WORDS];
};

static uint64_t fix_key(uint64_t h) { return h ? h : 1; }

gazetteer *gaz_new(void)
{
    gazetteer *g = calloc(1, sizeof *g);
    if (!g) return NULL;
    g->cap = 1024;
    g->slots = calloc(g->cap, sizeof *g->slots);
    g->fcap = 1024;
    g->firsts = calloc(g->fcap, sizeof *g->firsts);
    if (!g->slots || !g->firsts) {
        free(g->slots);
        free(g->firsts);
        free(g);
        return NULL;
    }
    return g;
}

void gaz_free(gazetteer *g)
{
    if (!g) return;
    free(g->slots);
    free(g->firsts);
    free(g);
}

static gaz_slot *find(gaz_slot *slots, size_t cap, uint64_t key)
{
    size_t i = (size_t)(key ^ (key >> 29)) & (cap - 1);
    while (slots[i].key && slots[i].key != key) i = (i + 1) & (cap - 1);
    return &slots[i];
}

static int table_insert(gaz_slot **slots, size_t *cap, size_t *count, uint64_t key, uint32_t types)
{
    if ((*count + 1) * 2 > *cap) {
        size_t ncap = *cap * 2;
        gaz_slot *ns = calloc(ncap, sizeof *ns);
        if (!ns) return -1;
        for (size_t i = 0; i < *cap; i++)
            if ((*slots)[i].key) *find(ns, ncap, (*slots)[i].key) = (*slots)[i];
        free(*slots);
        *slots = ns;
        *cap = ncap;
    }
    gaz_slot *s = find(*slots, *cap, key);
    if (!s->key) {
        s->key = key;
        (*count)++;
    }
    s->types |= types;
    return 0;
}

/* Adds a phrase given by its hash and the hash of its first word. */
static int insert(gazetteer *g, uint64_t key, uint64_t first, uint32_t types)
{
    gaz_slot *sl = NULL;
    if (table_insert(&g->slots, &g->cap, &g->used, fix_key(key), 0)) return -1;
    sl = find(g->slots, g->cap, fix_key(key));
    if (!(sl->types & ~GAZ_MORE)) g->count++; /* a new entry (the slot may hold a prefix already) */
    sl->types |= types;
    uint64_t f = fix_key(first);
    if (table_insert(&g->firsts, &g->fcap, &g->fcount, f, 1)) return -1;
    g->filter[FBIT(f) / 64] |= 1ull << (FBIT(f) % 64);
    return 0;
}

/* Marks the proper prefixes of the phrase s[0..n) (hashed as
 * gaz_phrase_hash does) as continued. */
static int prefixes_insert(gazetteer *g, const char *s, size_t n)
{
    gaz_words it = gaz_words_of(s, n);
    uint64_t before = 0; /* the hash of the words before the current one */
    while (gaz_next_word(&it)) {
        if (it.count > 1) { /* the words before it are a proper prefix */
            if (table_insert(&g->slots, &g->cap, &g->used, fix_key(before), 0)) return -1;
            find(g->slots, g->cap, fix_key(before))->types |= GAZ_MORE;
        }
        before = it.hash;
    }
    return 0;
}

static int phrase_insert(gazetteer *g, const char *s, size_t n, int type)
{
    int words = 0;
    uint64_t h = gaz_phrase_hash(s, n, &words);
    if (words == 0 || words > GAZ_MAX_WORDS) return -1;
    if (prefixes_insert(g, s, n)) return -1;
    const char *p = s;
    while (*p == ' ' || *p == '\t') p++;
    size_t fl = strcspn(p, " \t");
    if (fl > (size_t)(s + n - p)) fl = (size_t)(s + n - p);
    if (insert(g, h, gaz_word_hash(p, fl), 1u << type)) return -1;
    if (words > g->max_words) g->max_words = words;
    return 0;
}

int gaz_add(gazetteer *g, const char *entry, int type)
{
    if (!g || !entry || type < 0 || type >= GAZ_NTYPES) return -1;
    char *norm = NULL;
    size_t len = 0;
    if (syria_normalize(&norm, &len, entry, SYRIA_NUL_TERMINATED, SYRIA_NORM_DEFAULT)) return -1;
    int rc = phrase_insert(g, norm, len, type);
    syria_free(norm);
    return rc;
}

int gaz_add_key(gazetteer *g, const char *key, size_t len, int type)
{
    if (!g || !key || type < 0 || type >= GAZ_NTYPES) return -1;
    return phrase_insert(g, key, len, type);
}

int gaz_type_of(const char *name)
{
    static const char *const names[GAZ_NTYPES] = {"PER", "ORG", "GPE", "LOC", "NORP", "MISC", "DATE", "TITLE"};
    for (int i = 0; i < GAZ_NTYPES; i++)
        if (!strcmp(name, names[i])) return i;
    return -1;
}

long gaz_load_tsv(gazetteer *g, const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) return -1;
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    int title = !strncmp(base, "descriptors", 11);
    char line[4096];
    long added = 0;
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\r\n")] = '\0';
        if (line[0] == '#' || line[0] == '\0') continue;
        char *cols[4] = {0};
        int nc = 0;
        char *p = line;
        while (nc < 4) {
            cols[nc++] = p;
            char *tab = strchr(p, '\t');
            if (!tab) break;
            *tab = '\0';
            p = tab + 1;
        }
        if (nc < 3) continue;
        int type = title ? GAZ_TITLE : gaz_type_of(cols[2]);
        if (type < 0) continue;
        if (gaz_add(g, cols[0], type) == 0) added++;
        if (gaz_add(g, cols[1], type) == 0) added++;
    }
    fclose(f);
    return added;
}

static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

long gaz_load_dir(gazetteer *g, const char *dir)
{
    DIR *d = opendir(dir);
    if (!d) return -1;
    char *names[256];
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(d)) && n < 256) {
        size_t l = strlen(e->d_name);
        if (l > 4 && !strcmp(e->d_name + l - 4, ".tsv")) {
            names[n] = malloc(strlen(dir) + l + 2);
            if (!names[n]) break;
            sprintf(names[n], "%s/%s", dir, e->d_name);
            n++;
        }
    }
    closedir(d);
    qsort(names, n, sizeof *names, cmp_str); /* a fixed order: deterministic */
    long total = 0;
    for (size_t i = 0; i < n; i++) {
        long r = gaz_load_tsv(g, names[i]);
        if (r < 0) total = -1;
        else if (total >= 0) total += r;
        free(names[i]);
    }
    return total;
}

size_t gaz_size(const gazetteer *g) { return g ? g->count : 0; }
int gaz_max_words(const gazetteer *g) { return g ? g->max_words : 0; }

static uint32_t probe(const gazetteer *g, uint64_t h)
{
    const gaz_slot *s = find(g->slots, g->cap, fix_key(h));
    return s->key ? s->types & ~GAZ_MORE : 0;
}

static int is_first(const gazetteer *g, uint64_t h)
{
    h = fix_key(h);
    if (!(g->filter[FBIT(h) / 64] >> (FBIT(h) % 64) & 1)) return 0;
    return find(g->firsts, g->fcap, h)->key != 0;
}

uint32_t gaz_lookup(const gazetteer *g, const char *const *w, size_t n)
{
    if (!g || n == 0) return 0;
    uint64_t h = 0;
    for (size_t i = 0; i < n; i++) {
        uint64_t wh = gaz_word_hash(w[i], strlen(w[i]));
        h = i ? gaz_phrase_step(h, wh) : wh;
    }
    return probe(g, h);
}

void gaz_mark(const gazetteer *g, const gaz_tok *toks, size_t n, uint32_t *marks)
{
    for (size_t i = 0; i < n; i++) marks[i] = 0;
    if (!g || !g->count) return;
    size_t maxw = (size_t)g->max_words;
    for (size_t i = 0; i < n; i++) {
        gaz_tok t = toks[i];
        if (!t.prepared) gaz_prepare(&t, 1);
        size_t best_len = 0;
        uint32_t best_types = 0;
        for (int c = 0; c < t.nhashes; c++) {
            uint64_t h = t.hashes[c];
            if (!is_first(g, h)) continue; /* most words begin no entry */
            for (size_t L = 1; L <= maxw && i + L <= n; L++) {
                if (L > 1) {
                    const gaz_tok *u = &toks[i + L - 1];
                    if (!u->norm || !*u->norm) break;
                    h = gaz_phrase_step(h, u->prepared ? u->hashes[0] : gaz_word_hash(u->norm, strlen(u->norm)));
                }
                const gaz_slot *sl = find(g->slots, g->cap, fix_key(h));
                if (!sl->key) break; /* no entry has these words: nor a longer one */
                uint32_t ty = sl->types & ~GAZ_MORE;
                if (ty && L > best_len) {
                    best_len = L;
                    best_types = ty;
                } else if (ty && L == best_len) {
                    best_types |= ty;
                }
                if (!(sl->types & GAZ_MORE)) break; /* no longer entry begins so */
            }
        }
        if (!best_len) continue;
        for (int ty = 0; ty < GAZ_NTYPES; ty++) {
            if (!(best_types & (1u << ty))) continue;
            marks[i] |= GAZ_B(ty);
            for (size_t k = 1; k < best_len; k++) marks[i + k] |= GAZ_I(ty);
        }
    }
}
