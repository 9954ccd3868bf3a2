/* Trigger look-up and matching; CAMEO table look-up. */
#include <stdint.h>
#include <string.h>

#include "core/affix.h"
#include "core/doc.h"
#include "core/error.h"
#include "extract/cameo.h"
#include "extract/triggers.h"

const cameo_row *cameo_lookup(const char *code)
{
    size_t lo = 0, hi = cameo_nrows;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp(cameo_rows[mid].code, code);
        if (c == 0) return &cameo_rows[mid];
        if (c < 0) lo = mid + 1;
        else hi = mid;
    }
    return NULL;
}

static int cmp_form(const char *form, const char *s, size_t n)
{
    size_t fl = strlen(form);
    int c = memcmp(form, s, fl < n ? fl : n);
    if (c) return c;
    return fl < n ? -1 : fl > n ? 1 : 0;
}

/* The forms by binary search (the fallback when the hash index below
 * cannot be built). */
static size_t trig_find_sorted(const char *s, size_t n, size_t *first)
{
    size_t lo = 0, hi = trig_nforms;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (cmp_form(trig_forms[mid].form, s, n) < 0) lo = mid + 1;
        else hi = mid;
    }
    size_t k = lo;
    while (k < trig_nforms && cmp_form(trig_forms[k].form, s, n) == 0) k++;
    *first = lo;
    return k - lo;
}

/* A hash index over the distinct forms, built once per process: every
 * token is looked up under up to three forms and nearly all miss, so a
 * look-up should cost one hash and one probe, not a dozen string compares
 * of a binary search. Static storage (nothing to free); the forms' runs
 * in trig_forms stay what a look-up returns. */
#define FIDX_BITS 14
#define FIDX_CAP (1u << FIDX_BITS)
typedef struct fslot {
    uint32_t hash;
    uint16_t first, count; /* count 0: empty */
    uint8_t len;
} fslot;
static fslot fidx[FIDX_CAP];
static int fidx_ok;
/* Bit (hash >> 16) is set for every form: 8 kB that stay in the first-level
 * cache and turn away most words before the 200 kB of slots are touched. */
static uint64_t fidx_filter[(1u << 16) / 64];

static uint32_t form_hash(const char *s, size_t n)
{
    uint32_t h = 2166136261u; /* FNV-1a 32 */
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 16777619u;
    }
    return h;
}

static void fidx_build(void)
{
    /* at most half full, and indexes and lengths that fit the slots */
    if (trig_nforms > FIDX_CAP / 2 || trig_nforms > UINT16_MAX) return;
    for (size_t a = 0; a < trig_nforms;) {
        size_t len = strlen(trig_forms[a].form), b = a + 1;
        while (b < trig_nforms && !strcmp(trig_forms[b].form, trig_forms[a].form)) b++;
        if (len > UINT8_MAX) return;
        uint32_t h = form_hash(trig_forms[a].form, len);
        size_t i = h & (FIDX_CAP - 1);
        while (fidx[i].count) i = (i + 1) & (FIDX_CAP - 1);
        fidx[i] = (fslot){h, (uint16_t)a, (uint16_t)(b - a), (uint8_t)len};
        fidx_filter[(h >> 16) / 64] |= 1ull << ((h >> 16) % 64);
        a = b;
    }
    fidx_ok = 1;
}

#if !defined(__STDC_NO_THREADS__)
#include <threads.h>
static once_flag fidx_once = ONCE_FLAG_INIT;
#endif

size_t trig_find(const char *s, size_t n, size_t *first)
{
#if !defined(__STDC_NO_THREADS__)
    call_once(&fidx_once, fidx_build);
    if (fidx_ok) {
        uint32_t h = form_hash(s, n);
        *first = 0;
        if (!(fidx_filter[(h >> 16) / 64] >> ((h >> 16) % 64) & 1)) return 0;
        for (size_t i = h & (FIDX_CAP - 1); fidx[i].count; i = (i + 1) & (FIDX_CAP - 1)) {
            const fslot *f = &fidx[i];
            if (f->hash == h && f->len == n && !memcmp(trig_forms[f->first].form, s, n)) {
                *first = f->first;
                return f->count;
            }
        }
        return 0;
    }
#endif
    return trig_find_sorted(s, n, first);
}

/* The written forms a token is looked up under: its clitic stem, its whole
 * normalised form, and that form without a leading و or ف. */
typedef struct cands {
    const char *s[3];
    size_t n[3];
    int count;
} cands;

#define WAW "\xd9\x88"
#define FA "\xd9\x81"

static void token_cands(const struct syria_doc *doc, size_t i, cands *c)
{
    const tok *t = &doc->toks.items[i];
    const char *strs = doc->strings.data;
    c->count = 0;
    if (t->kind != SYRIA_TOKEN_WORD) return;
    const char *stem = strs + t->stem;
    const char *key = strs + t->key;
    size_t kl = t->key_len;
    if (*stem) {
        c->s[c->count] = stem;
        c->n[c->count++] = strlen(stem);
    }
    if (!(c->count && c->n[0] == kl && memcmp(stem, key, kl) == 0)) {
        c->s[c->count] = key;
        c->n[c->count++] = kl;
    }
    if (kl > 6 && (memcmp(key, WAW, 2) == 0 || memcmp(key, FA, 2) == 0)) {
        c->s[c->count] = key + 2;
        c->n[c->count++] = kl - 2;
    }
}

/* Whether token i has a form of word k of entry e (and whether it is a verb form). */
static int token_has(const struct syria_doc *doc, size_t i, uint32_t e, unsigned k, int *verb)
{
    cands c;
    token_cands(doc, i, &c);
    for (int j = 0; j < c.count; j++) {
        size_t first, n = trig_find(c.s[j], c.n[j], &first);
        for (size_t r = first; r < first + n; r++)
            if (trig_forms[r].entry == e && trig_forms[r].word == k) {
                if (verb) *verb = trig_forms[r].verb;
                return 1;
            }
    }
    return 0;
}

static int barrier(const struct syria_doc *doc, size_t i, uint32_t sentence)
{
    const tok *t = &doc->toks.items[i];
    return t->sentence != sentence || t->kind == SYRIA_TOKEN_PUNCT;
}

/* Matches entry e starting at token i: returns the last token, or -1. */
static long match_at(const struct syria_doc *doc, const uint8_t *used, size_t i, uint32_t e)
{
    const trig_entry *en = &trig_entries[e];
    size_t n = doc->toks.count, at = i;
    uint32_t s = doc->toks.items[i].sentence;
    for (unsigned k = 1; k < en->nwords; k++) {
        size_t maxskip = (en->gaps >> k) & 1 ? TRIG_MAX_GAP : 0;
        int found = 0;
        for (size_t skip = 0; skip <= maxskip; skip++) {
            size_t j = at + 1 + skip;
            if (j >= n || barrier(doc, j, s)) break;
            if (used[j]) continue;
            if (token_has(doc, j, e, k, NULL)) {
                at = j;
                found = 1;
                break;
            }
        }
        if (!found) return -1;
    }
    return (long)at;
}

/* The word before token i is a preposition (في من عن على إلى مع حول بعد قبل خلال). */
static int after_prep(const struct syria_doc *doc, size_t i)
{
    static const char *const w[] = {"\xd9\x81\xd9\x8a", "\xd9\x85\xd9\x86", "\xd8\xb9\xd9\x86", "\xd8\xb9\xd9\x84\xd9\x8a",
                                    "\xd8\xa7\xd9\x84\xd9\x8a", "\xd9\x85\xd8\xb9", "\xd8\xad\xd9\x88\xd9\x84",
                                    "\xd8\xa8\xd8\xb9\xd8\xaf", "\xd9\x82\xd8\xa8\xd9\x84", "\xd8\xae\xd9\x84\xd8\xa7\xd9\x84"};
    const tok *t = &doc->toks.items[i - 1];
    if (t->sentence != doc->toks.items[i].sentence) return 0;
    const char *k = doc->strings.data + t->key;
    for (size_t j = 0; j < sizeof w / sizeof w[0]; j++)
        if (!strcmp(k, w[j])) return 1;
    return 0;
}

static int kind_rank(uint8_t kind)
{
    static const int rank[] = {[TK_STOP] = 6, [TK_EVENT] = 5, [TK_ACTOR] = 4, [TK_PAIR] = 4, [TK_SAY] = 3,
                               [TK_ROLE] = 2, [TK_NEG] = 1, [TK_FUT] = 0};
    return kind < sizeof rank / sizeof rank[0] ? rank[kind] : 0;
}

int trig_match_doc(const struct syria_doc *doc, trig_match_array *out)
{
    size_t n = doc->toks.count;
    uint8_t *used = calloc(n ? n : 1, 1);
    if (!used) return syria_fail(SYRIA_ENOMEM, "out of memory");
    for (size_t i = 0; i < n; i++) {
        if (used[i]) continue;
        cands c;
        token_cands(doc, i, &c);
        const char *pre = doc->strings.data + doc->toks.items[i].prefix;
        int article = prefix_has_article(pre);
        long best_last = -1;
        uint32_t best_e = 0;
        int best_verb = 0;
        for (int j = 0; j < c.count; j++) {
            size_t first, cnt = trig_find(c.s[j], c.n[j], &first);
            for (size_t r = first; r < first + cnt; r++) {
                if (trig_forms[r].word != 0) continue;
                /* a verb-only form is no verb after the article (الهاتف is not هاتَفَ) */
                if (trig_forms[r].verb == 1 && article) continue;
                uint32_t e = trig_forms[r].entry;
                long last = match_at(doc, used, i, e);
                if (last < 0) continue;
                int better;
                if (best_last < 0) better = 1;
                else if (trig_entries[e].nwords != trig_entries[best_e].nwords)
                    better = trig_entries[e].nwords > trig_entries[best_e].nwords;
                else if (kind_rank(trig_entries[e].kind) != kind_rank(trig_entries[best_e].kind))
                    better = kind_rank(trig_entries[e].kind) > kind_rank(trig_entries[best_e].kind);
                else better = e < best_e;
                if (better) {
                    best_last = last;
                    best_e = e;
                    best_verb = trig_forms[r].verb != 0;
                }
            }
        }
        if (best_last < 0) continue;
        trig_match *m = array_push(out);
        if (!m) {
            free(used);
            return syria_fail(SYRIA_ENOMEM, "out of memory");
        }
        m->entry = best_e;
        m->first = (uint32_t)i;
        m->last = (uint32_t)best_last;
        /* a form that is also a noun is no verb after the article, ب, ل or a preposition
         * (القصف، بالاتفاق، لقصف، عن دعم) */
        if (article || (pre[0] == (char)0xd8 && (unsigned char)pre[1] == 0xa8) || strstr(pre, "\xd9\x84") ||
            (i > 0 && after_prep(doc, i)))
            best_verb = 0;
        m->verb = (uint8_t)best_verb;
        /* Only the matched words are taken: a gap's tokens stay free. */
        used[i] = 1;
        for (unsigned k = 1, at = (unsigned)i; k < trig_entries[best_e].nwords; k++) {
            for (size_t j = at + 1; j <= (size_t)best_last; j++)
                if (!used[j] && token_has(doc, j, best_e, k, NULL)) {
                    used[j] = 1;
                    at = (unsigned)j;
                    break;
                }
        }
    }
    free(used);
    return SYRIA_OK;
}
