/* One name, one label within an article (consistency.h).
 *
 * A mention is compared word by word: its first word as the name starts
 * (attached proclitics out, the article in: للبنك = البنك), the others as
 * written (their normalised form). The mentions the tagger found are the
 * sources, indexed by the hash of their first word; every token no entity
 * covers looks its first word up there, and the longest source whose words
 * follow, in the same sentence and untagged, within CONSISTENCY_WINDOW
 * sentences, makes a new entity. Cost: one hash per untagged word; a
 * document without tagger entities costs nothing. */
#include "tag/consistency.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/affix.h"
#include "core/doc.h"
#include "model/model.h"
#include "tag/clusters.h"
#include "tag/currency.h"
#include "tag/tag.h"

#define MAX_SCAN 32 /* sources looked at per token: bounds the work on pathological texts */
/* A one-word repetition is not spread when its word was seen 2^12 = 4,096
 * times or more in the clusters' corpus (10.4 M words): 5-fold
 * cross-validation on ANERcorp's training split, full tag stage, 12 kept
 * every right mention and dropped 114 wrong ones (2^11 lost right ones). */
#define COMMON_LOG2_FREQ 12

static const char *S(const struct syria_doc *doc, uint32_t off) { return doc->strings.data + off; }

static int has_article(const struct syria_doc *doc, const tok *t) { return prefix_has_article(S(doc, t->prefix)); }

/* The first word of a name at token t: its stem (its form when it has no
 * stem), and whether the article goes before it. */
static const char *first_word(const struct syria_doc *doc, const tok *t, int *article)
{
    const char *stem = S(doc, t->stem);
    *article = *stem && has_article(doc, t);
    return *stem ? stem : S(doc, t->key);
}

static uint64_t hash_first(const struct syria_doc *doc, const tok *t)
{
    int article;
    const char *w = first_word(doc, t, &article);
    uint64_t h = 0xcbf29ce484222325ull ^ (uint64_t)article;
    for (const unsigned char *p = (const unsigned char *)w; *p; p++) h = (h ^ *p) * 0x100000001b3ull;
    return h ^ (h >> 31);
}

/* Do tokens a.. and b.. spell the same name of n words? */
static int same_words(const struct syria_doc *doc, const tok *a, const tok *b, size_t n)
{
    int art_a, art_b;
    if (strcmp(first_word(doc, a, &art_a), first_word(doc, b, &art_b)) || art_a != art_b) return 0;
    for (size_t k = 1; k < n; k++)
        if (strcmp(S(doc, a[k].key), S(doc, b[k].key))) return 0;
    return 1;
}

typedef struct source {
    uint64_t hash;  /* of the first word */
    uint32_t ent;   /* index in doc->ents */
    uint32_t first, n; /* the words: tokens [first, first + n) */
} source;

static int by_hash_then_ent(const void *x, const void *y)
{
    const source *a = x, *b = y;
    if (a->hash != b->hash) return a->hash < b->hash ? -1 : 1;
    return a->ent < b->ent ? -1 : a->ent > b->ent;
}

static int by_start(const void *x, const void *y)
{
    const ent *a = x, *b = y;
    if (a->start != b->start) return a->start < b->start ? -1 : 1;
    return a->len < b->len ? -1 : a->len > b->len; /* distinct tokens: never equal */
}

static int propagates(const ent *e)
{
    return e->source == ENT_FROM_TAGGER && (e->type == SYRIA_ENTITY_PER || e->type == SYRIA_ENTITY_ORG ||
                                            e->type == SYRIA_ENTITY_GPE || e->type == SYRIA_ENTITY_LOC ||
                                            e->type == SYRIA_ENTITY_MISC);
}

/* A person's last word stands for the person later on (كوفي أنان ... أنان),
 * unless it is the second half of a compound (عبد الله، أبو مازن، بن سلمان،
 * آل ثاني): then it is not a name on its own. */
static int has_surname(const struct syria_doc *doc, const ent *e)
{
    static const char *const BOUND[] = {"\xd8\xb9\xd8\xa8\xd8\xaf", /* عبد */
                                        "\xd8\xa7\xd8\xa8\xd9\x88", /* ابو */
                                        "\xd8\xa8\xd9\x86",           /* بن */
                                        "\xd8\xa7\xd8\xa8\xd9\x86", /* ابن */
                                        "\xd8\xa7\xd9\x84",           /* آل */
                                        "\xd8\xa7\xd9\x85",           /* ام */
                                        NULL};
    if (e->type != SYRIA_ENTITY_PER || e->tok_count < 2) return 0;
    const char *before = S(doc, doc->toks.items[e->tok_first + e->tok_count - 2].key);
    for (const char *const *b = BOUND; *b; b++)
        if (!strcmp(before, *b)) return 0;
    return 1;
}

/* Is the word at t one of the corpus's frequent words (على, الثاني, أي)?
 * A name the tagger found may share them (علي, عبد الله الثاني); alone
 * they are the common word. Frequency from the word clusters' statistics;
 * without clusters, no word is. */
static int common_word(const struct syria_doc *doc, const tok *t)
{
    if (!doc->model->clusters) return 0;
    const char *w = *S(doc, t->stem) ? S(doc, t->stem) : S(doc, t->key);
    cluster_info ci;
    return clusters_lookup(doc->model->clusters, w, strlen(w), &ci) && ci.len &&
           (ci.info & CLUSTERS_INFO_LOG2_FREQ) >= COMMON_LOG2_FREQ;
}

/* Does tokens [k, k+n) hold a currency noun? Money is not a SCHEMA.md
 * entity (currency.h): the tag stage dropped the tagger's, and an
 * organisation or place the tagger saw there (ريال مدريد, منطقة اليورو) is
 * not spread onto it. */
static int money_words(const struct syria_doc *doc, size_t k, size_t n)
{
    for (size_t j = k; j < k + n; j++) {
        const tok *t = &doc->toks.items[j];
        if (currency_word(*S(doc, t->stem) ? S(doc, t->stem) : S(doc, t->key))) return 1;
    }
    return 0;
}

/* First index of src[lo..hi) whose hash is >= h. */
static size_t first_hash(const source *src, size_t lo, size_t hi, uint64_t h)
{
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (src[mid].hash < h) lo = mid + 1;
        else hi = mid;
    }
    return lo;
}

/* First index of src[lo..hi) (one hash: text order) whose sentence is >= s. */
static size_t first_sentence(const struct syria_doc *doc, const source *src, size_t lo, size_t hi, uint32_t s)
{
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (doc->ents.items[src[mid].ent].sentence < s) lo = mid + 1;
        else hi = mid;
    }
    return lo;
}

/* The sources for token k, if any: the best one (longest, then the type
 * most of its mentions in the window have, then the nearest of that type)
 * as an entity index, and its length in tokens; -1 when none. */
static long best_source(const struct syria_doc *doc, const source *src, size_t nsrc, const uint8_t *covered,
                        size_t k, size_t *len)
{
    const tok *toks = doc->toks.items;
    size_t ntok = doc->toks.count;
    uint64_t h = hash_first(doc, &toks[k]);
    size_t q = first_hash(src, 0, nsrc, h), r = h == UINT64_MAX ? nsrc : first_hash(src, q, nsrc, h + 1);
    if (q == r) return -1;
    uint32_t sent = toks[k].sentence;
    q = first_sentence(doc, src, q, r, sent > CONSISTENCY_WINDOW ? sent - CONSISTENCY_WINDOW : 0);
    size_t best_len = 0;
    int votes[SYRIA_ENTITY_MISC + 1] = {0};
    uint32_t nearest[SYRIA_ENTITY_MISC + 1], nearest_dist[SYRIA_ENTITY_MISC + 1];
    for (size_t stop = r - q > MAX_SCAN ? q + MAX_SCAN : r; q < stop; q++) {
        const ent *e = &doc->ents.items[src[q].ent];
        if (e->sentence > sent + CONSISTENCY_WINDOW) break;
        uint32_t dist = e->sentence > sent ? e->sentence - sent : sent - e->sentence;
        size_t n = src[q].n;
        if (n < best_len || k + n > ntok || toks[k + n - 1].sentence != sent) continue;
        int free_run = 1;
        for (size_t j = 0; j < n && free_run; j++) free_run = !covered[k + j];
        if (!free_run || !same_words(doc, &toks[src[q].first], &toks[k], n)) continue;
        if (n > best_len) { /* a longer name: the votes start again */
            best_len = n;
            memset(votes, 0, sizeof votes);
        }
        if (!votes[e->type] || dist < nearest_dist[e->type]) {
            nearest[e->type] = src[q].ent;
            nearest_dist[e->type] = dist;
        }
        votes[e->type]++;
    }
    if (!best_len) return -1;
    int type = -1;
    for (int t = 0; t <= SYRIA_ENTITY_MISC; t++)
        if (votes[t] && (type < 0 || votes[t] > votes[type] || (votes[t] == votes[type] && nearest_dist[t] < nearest_dist[type])))
            type = t;
    *len = best_len;
    return (long)nearest[type];
}

int tag_consistency(struct syria_doc *doc)
{
    size_t nents = doc->ents.count, ntok = doc->toks.count, nsrc = 0;
    for (size_t e = 0; e < nents; e++) nsrc += propagates(&doc->ents.items[e]) + has_surname(doc, &doc->ents.items[e]);
    if (!nsrc) return 0;
    source *src = malloc(nsrc * sizeof *src);
    uint8_t *covered = calloc(ntok ? ntok : 1, 1);
    if (!src || !covered) {
        free(src);
        free(covered);
        return -1;
    }
    nsrc = 0;
    for (size_t e = 0; e < nents; e++) {
        const ent *x = &doc->ents.items[e];
        for (uint32_t j = 0; j < x->tok_count; j++) covered[x->tok_first + j] = 1;
        if (propagates(x))
            src[nsrc++] = (source){hash_first(doc, &doc->toks.items[x->tok_first]), (uint32_t)e, x->tok_first, x->tok_count};
        if (has_surname(doc, x)) {
            uint32_t last = x->tok_first + x->tok_count - 1;
            src[nsrc++] = (source){hash_first(doc, &doc->toks.items[last]), (uint32_t)e, last, 1};
        }
    }
    qsort(src, nsrc, sizeof *src, by_hash_then_ent);
    int rc = 0;
    for (size_t k = 0; k < ntok; k++) {
        const tok *t = &doc->toks.items[k];
        if (covered[k] || (t->kind != SYRIA_TOKEN_WORD && t->kind != SYRIA_TOKEN_LATIN)) continue;
        size_t n;
        long from = best_source(doc, src, nsrc, covered, k, &n);
        if (from < 0) continue;
        if (n == 1 && common_word(doc, t)) continue;
        if (!(doc->flags & SYRIA_OPT_ANERCORP) && money_words(doc, k, n)) continue;
        ent *e = array_push(&doc->ents);
        if (!e) {
            rc = -1;
            break;
        }
        *e = doc->ents.items[from]; /* type, canonical, code, value, city */
        const tok *last = &doc->toks.items[k + n - 1];
        size_t skip;
        uint32_t start = tag_name_start(doc, t, &skip); /* proclitics out (a name's own letters in), the article in */
        uint32_t end = tag_name_end(doc, last);
        if (end <= start) { /* not with consistent clitic spans; keep the tokens */
            start = t->start;
            end = last->start + last->len;
        }
        e->start = start;
        e->len = end - start;
        e->tok_first = (uint32_t)k;
        e->tok_count = (uint32_t)n;
        e->sentence = t->sentence;
        e->source = ENT_FROM_CONSISTENCY;
        for (size_t j = 0; j < n; j++) covered[k + j] = 1;
        k += n - 1;
    }
    if (doc->ents.count > nents) qsort(doc->ents.items, doc->ents.count, sizeof *doc->ents.items, by_start);
    free(src);
    free(covered);
    return rc;
}
