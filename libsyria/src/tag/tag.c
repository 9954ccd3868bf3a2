/* The tag stage (see tag.h). Per sentence:
 *   1. the tokens as the tagger sees them (model-normalised form, clitic
 *      stem and affixes, kind), their gazetteer marks and word clusters;
 *   2. candidate spans from three sources: the date grammar, the name
 *      lexicon (longest match) and the perceptron's BIO tags;
 *   3. one flat, non-overlapping list: dates first, then lexicon names,
 *      then the tagger's names; a tagger ORG/MISC that contains lexicon
 *      places or nationalities is kept whole (وزارة الخارجية الروسية);
 *      money (the tagger learnt ANERcorp's MISC) is left out. With
 *      SYRIA_OPT_ANERCORP, ANERcorp's conventions: the tagger's spans win
 *      over the lexicon's, lexicon-only organisations are left out and
 *      money is kept (docs/ENTITIES.md);
 *   4. canonical names and codes: from the lexicon, from an earlier mention
 *      of the same person in the document (لافروف after سيرغي لافروف), or
 *      derived (an organisation's head noun + the country of its
 *      nationality adjective: الجيش السوري -> SYRMIL).
 * Spans leave attached proclitics out and keep the article in, as SCHEMA.md
 * says; token_first/token_count are the tokens a span overlaps. */
#include "tag/tag.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/affix.h"
#include "core/doc.h"
#include "core/error.h"
#include "model/model.h"
#include "tag/consistency.h"
#include "tag/context.h"
#include "tag/currency.h"
#include "tag/dates.h"
#include "tag/names.h"
#include "tag/person_spans.h"
#include "tag/tagger.h"

#define TAG_WINDOW 400
#define COREF_WINDOW 2000

/* Work space reused across the sentences of a document. */
typedef struct tag_work {
    size_t cap;
    tagger_tok *tt;
    gaz_tok *gt;
    int *kinds;
    uint32_t *marks;
    uint8_t *tags;
    uint64_t *hashes;
    tagger_scratch scratch;
    /* The entities' strings, NUL-terminated. They are appended to
     * doc->strings only when every sentence is done: the tokens' strings
     * live there, and interning earlier could move them under our feet. */
    strbuf names;
} tag_work;

static int work_reserve(tag_work *w, size_t n)
{
    if (n <= w->cap) return 0;
    size_t cap = w->cap ? w->cap : 64;
    while (cap < n) cap *= 2;
    tagger_tok *tt = realloc(w->tt, cap * sizeof *tt);
    if (tt) w->tt = tt;
    gaz_tok *gt = realloc(w->gt, cap * sizeof *gt);
    if (gt) w->gt = gt;
    int *kinds = realloc(w->kinds, cap * sizeof *kinds);
    if (kinds) w->kinds = kinds;
    uint32_t *marks = realloc(w->marks, cap * sizeof *marks);
    if (marks) w->marks = marks;
    uint8_t *tags = realloc(w->tags, cap * sizeof *tags);
    if (tags) w->tags = tags;
    uint64_t *hashes = realloc(w->hashes, cap * sizeof *hashes);
    if (hashes) w->hashes = hashes;
    if (!tt || !gt || !kinds || !marks || !tags || !hashes) return -1;
    w->cap = cap;
    return 0;
}

static void work_free(tag_work *w)
{
    free(w->tt);
    free(w->gt);
    free(w->kinds);
    free(w->marks);
    free(w->tags);
    free(w->hashes);
    tagger_scratch_free(&w->scratch);
    strbuf_free(&w->names);
}

/* Appends s to the work's string arena; returns its offset there. */
static uint32_t work_intern(tag_work *w, const char *s)
{
    uint32_t at = (uint32_t)w->names.len;
    strbuf_append(&w->names, s, strlen(s));
    strbuf_putc(&w->names, '\0');
    return at;
}

/* A candidate span in a sentence, in tokens [first, first + len). */
typedef struct cand {
    size_t first, len;
    int type;               /* syria_entity_type */
    int form;               /* how the first word matched (names.h) */
    const name_entry *entry; /* lexicon entry, or NULL */
    char value[48];         /* DATE value */
} cand;

static int map_lexicon_type(int gaz_type)
{
    switch (gaz_type) {
    case GAZ_PER: return SYRIA_ENTITY_PER;
    case GAZ_ORG: return SYRIA_ENTITY_ORG;
    case GAZ_GPE: return SYRIA_ENTITY_GPE;
    case GAZ_LOC: return SYRIA_ENTITY_LOC;
    case GAZ_NORP: return SYRIA_ENTITY_NORP;
    case GAZ_MISC: return SYRIA_ENTITY_MISC;
    default: return -1;
    }
}

/* ---------------------------------------------------------------- */
/* Derived codes */

/* Organisation head nouns and the actor role they give, for organisations
 * the lexicon does not know (heads are compared on the clitic stem). */
static const struct {
    const char *head, *role;
} ORG_ROLES[] = {
    {"وزارة", "GOV"},   {"حكومة", "GOV"},   {"رئاسة", "GOV"},    {"خارجية", "GOV"}, {"داخلية", "GOV"},
    {"برلمان", "GOV"},  {"مجلس", "GOV"},    {"سفارة", "GOV"},    {"نظام", "GOV"},   {"وفد", "GOV"},
    {"جيش", "MIL"},     {"قوات", "MIL"},    {"دفاع", "MIL"},     {"اركان", "MIL"},  {"قيادة", "MIL"},
    {"حرس", "MIL"},     {"بحرية", "MIL"},   {"شرطة", "MIL"},     {"حزب", "PTY"},    {"وكالة", "MED"},
    {"صحيفة", "MED"},   {"قناة", "MED"},    {"تلفزيون", "MED"},  {"اذاعة", "MED"},  {"مخابرات", "SPY"},
    {"استخبارات", "SPY"}, {"معارضة", "OPP"}, {"فصائل", "REB"},   {"ميليشيا", "REB"}, {"ميليشيات", "REB"},
    {"شركة", "BUS"},    {NULL, NULL},
};

static const char *org_role(const char *stem)
{
    for (size_t k = 0; ORG_ROLES[k].head; k++)
        if (!strcmp(stem, ORG_ROLES[k].head)) return ORG_ROLES[k].role;
    return NULL;
}

/* ---------------------------------------------------------------- */

static const char *S(const struct syria_doc *doc, uint32_t off) { return doc->strings.data + off; }

/* Proclitic letters of a clitic prefix ("و+ب", "و+ال") before the article. */
static size_t proclitic_letters(const char *prefix)
{
    size_t n = 0;
    for (const char *p = prefix; *p;) {
        if (*p == '+') {
            p++;
            continue;
        }
        if (!strncmp(p, "\xd8\xa7\xd9\x84", 4)) break; /* ال */
        n++;
        p += 2; /* one Arabic letter */
    }
    return n;
}

uint32_t tag_name_start(const struct syria_doc *doc, const tok *t, size_t *skip)
{
    const char *key = doc->strings.data + t->key, *prefix = doc->strings.data + t->prefix;
    size_t np = proclitic_letters(prefix);
    *skip = np;
    /* Not with the article (بال, لل: its forms are no evidence), and only
     * prepositions: و and ف are the conjunctions they look like (والألمنيوم
     * is more frequent than الألمنيوم). */
    if (!np || t->key_len < 2 * np || !doc->model || prefix_has_article(prefix)) return t->article_start;
    uint32_t best = model_freq(doc->model, key + 2 * np, t->key_len - 2 * np);
    for (size_t k = 0; k < np; k++) {
        const char *letter = key + 2 * k;
        if (strncmp(letter, "\xd8\xa8", 2) && strncmp(letter, "\xd9\x83", 2) && strncmp(letter, "\xd9\x84", 2))
            continue; /* ب ك ل */
        if (!strncmp(letter, "\xd9\x84\xd9\x84", 4)) continue; /* لل: ل + the article (للبيت), SCHEMA's لبيت */
        uint32_t f = model_freq(doc->model, key + 2 * k, t->key_len - 2 * k);
        if (f > best) {
            best = f;
            *skip = k;
        }
    }
    if (*skip == np) return t->article_start;
    if (*skip == 0) return t->start;
    /* Skip that many letters of the text, with their diacritics and tatweel;
     * any other character (presentation forms, a ligature) and the analysis
     * stands. */
    const unsigned char *p = (const unsigned char *)doc->text + t->start, *end = p + t->len;
    for (size_t k = 0; k < *skip; k++) {
        if (end - p < 2 || p[0] < 0xd8 || p[0] > 0xd9 || (p[1] & 0xc0) != 0x80) break; /* U+0600-067F */
        p += 2;
        while (end - p >= 2 && p[0] == 0xd9 && ((p[1] >= 0x8b && p[1] <= 0x9f) || p[1] == 0x80 || p[1] == 0xb0))
            p += 2; /* harakat U+064B-065F, tatweel U+0640, dagger alef U+0670 */
        if (k + 1 == *skip) {
            uint32_t at = (uint32_t)((const char *)p - doc->text);
            if (at < t->article_start) return at;
        }
    }
    *skip = np;
    return t->article_start;
}

uint32_t tag_name_end(const struct syria_doc *doc, const tok *t)
{
    const char *suffix = doc->strings.data + t->suffix;
    if (!*suffix || !strcmp(suffix, "\xd9\x8a") || !strcmp(suffix, "\xd9\x87"))
        return t->start + t->len; /* none, or ي / ه */
    return t->stem_start + t->stem_len;
}

/* The surface span of tokens [first, first+len) as an entity: proclitics
 * out, article in (or the whole first word when it matched as a whole); a
 * tagger name keeps the proclitic letters that are its own (tag_name_start). */
static void span_of(const struct syria_doc *doc, size_t t0, const cand *c, uint32_t *start, uint32_t *end)
{
    const tok *a = &doc->toks.items[t0 + c->first];
    const tok *b = &doc->toks.items[t0 + c->first + c->len - 1];
    size_t skip;
    if (a->kind == SYRIA_TOKEN_HASHTAG) *start = a->stem_start; /* the sign out */
    else if (c->form == 0 && c->entry) *start = a->start;
    else if (c->form == 1) *start = a->stem_start;
    else if (!c->entry && c->type != SYRIA_ENTITY_DATE) *start = tag_name_start(doc, a, &skip);
    else *start = a->article_start;
    /* An enclitic pronoun on the last word is not part of the name (but ي
     * after a name the tagger found is: tag_name_end). */
    if (!c->entry && c->type != SYRIA_ENTITY_DATE) *end = tag_name_end(doc, b);
    else if (*S(doc, b->suffix) && !(c->entry && c->form == 0 && c->len == 1)) *end = b->stem_start + b->stem_len;
    else *end = b->start + b->len;
    if (*end <= *start) { /* cannot happen with consistent clitic spans; keep the tokens */
        *start = a->start;
        *end = b->start + b->len;
    }
}

/* The normalised name of a span: its words' norms, the first one without
 * its proclitics (ال kept). Written into buf. */
static void span_key(const struct syria_doc *doc, size_t t0, const gaz_tok *gt, const cand *c, strbuf *buf)
{
    buf->len = 0;
    for (size_t k = 0; k < c->len; k++) {
        const gaz_tok *g = &gt[c->first + k];
        if (k) strbuf_putc(buf, ' ');
        if (k == 0 && g->prefix && *g->prefix) {
            size_t skip, np = proclitic_letters(g->prefix);
            tag_name_start(doc, &doc->toks.items[t0 + c->first], &skip);
            if (skip < np) { /* the name's own letters: its form from there */
                strbuf_puts(buf, g->norm + 2 * skip);
                continue;
            }
            if (prefix_has_article(g->prefix)) strbuf_puts(buf, "\xd8\xa7\xd9\x84");
            strbuf_puts(buf, g->stem);
            const tok *t = &doc->toks.items[t0 + c->first];
            if (c->len == 1 && tag_name_end(doc, t) == t->start + t->len) /* the ي of لكومي */
                strbuf_puts(buf, S(doc, t->suffix));
        } else strbuf_puts(buf, g->norm);
    }
}

/* Country code of the first GPE or NORP lexicon word inside tokens
 * [first, first+len), or NULL. */
static const char *inner_country(const name_lexicon *nl, const gaz_tok *gt, size_t n, size_t first, size_t len)
{
    for (size_t k = first; k < first + len && k < n; k++) {
        const name_entry *e;
        int form;
        size_t L = names_match(nl, NAMES_ENTITY, gt, n, k, first + len - k, &e, &form);
        if (L && (e->type == GAZ_GPE || e->type == GAZ_NORP) && strlen(e->code) >= 3) return e->code;
    }
    return NULL;
}

/* Descriptor nouns SCHEMA.md keeps outside names (صحيفة، وكالة، مدينة ...),
 * compared on the clitic stem. */
static int detachable(const char *stem)
{
    static const char *const D[] = {"تنظيم", "منظمة", "صحيفة", "وكالة", "محافظة", "مدينة", "عاصمة", "بلدة", "قرية", NULL};
    for (const char *const *d = D; *d; d++)
        if (stem && !strcmp(stem, *d)) return 1;
    return 0;
}

/* Is the tagger's span [first, first+len) money: currency nouns with at
 * most nationality adjectives (دولار, جنيه إسترليني, الدولار الأمريكي)? */
static int money_span(const name_lexicon *nl, const gaz_tok *gt, const int *kinds, size_t n, size_t first, size_t len)
{
    int money = 0;
    for (size_t k = first; k < first + len; k++) {
        if (kinds[k] == SYRIA_TOKEN_PUNCT || kinds[k] == SYRIA_TOKEN_SYMBOL) continue;
        if (currency_word(gt[k].stem && *gt[k].stem ? gt[k].stem : gt[k].norm)) {
            money = 1;
            continue;
        }
        const name_entry *e;
        int form;
        if (nl && names_match(nl, NAMES_ENTITY, gt, n, k, 1, &e, &form) == 1 && e->type == GAZ_NORP) continue;
        return 0; /* another word: a name (بنك الدولار) */
    }
    return money;
}

/* Does the organisation starting at token k begin with a generic
 * institution (وزارة, الجيش, قوات: ORG_ROLES), whose country a following
 * adjective names? */
static int generic_institution(const gaz_tok *gt, size_t k)
{
    return org_role(gt[k].stem && *gt[k].stem ? gt[k].stem : gt[k].norm) != NULL;
}

/* The lexicon entity named by a hashtag's words joined by underscores
 * (الولايات_المتحدة), or NULL. */
static const name_entry *hashtag_name(const name_lexicon *nl, const char *words)
{
    char buf[256];
    size_t len = strlen(words);
    if (len >= sizeof buf) return NULL;
    for (size_t k = 0; k < len; k++) buf[k] = words[k] == '_' ? ' ' : words[k];
    const name_entry *e = names_lookup(nl, NAMES_ENTITY, buf, len);
    return e && map_lexicon_type(e->type) >= 0 ? e : NULL;
}

/* Is the tagger's span, ending before token k of the sentence, the name of
 * a model with its number of one to three digits joined by a hyphen
 * (إس-400, إف-15, سوخوي-25)?
 * Weapons and aircraft are no SCHEMA.md entity; the tagger, which learnt
 * ANERcorp's MISC, tagged منظومة إس and سوخوي. */
static int model_designation(const struct syria_doc *doc, size_t t0, size_t n, size_t k)
{
    if (k + 1 >= n || k == 0) return 0;
    const tok *before = &doc->toks.items[t0 + k - 1], *dash = &doc->toks.items[t0 + k],
              *num = &doc->toks.items[t0 + k + 1];
    return dash->kind == SYRIA_TOKEN_PUNCT && dash->len == 1 && doc->text[dash->start] == '-' &&
           dash->start == before->start + before->len && num->kind == SYRIA_TOKEN_NUMBER &&
           num->start == dash->start + 1 && num->len <= 3; /* not a year: فوستوك-2018 is an exercise */
}

/* Has the span no word at all (a tagger MISC over …)? */
static int no_word(const int *kinds, size_t first, size_t len)
{
    for (size_t k = first; k < first + len; k++)
        if (kinds[k] != SYRIA_TOKEN_PUNCT && kinds[k] != SYRIA_TOKEN_SYMBOL) return 0;
    return 1;
}

/* The latest PER entity among the last COREF_WINDOW (a bound that keeps
 * huge texts linear) whose canonical name ends with the words of key and is
 * longer, or NULL. The entity being added is the document's last: skipped. */
static const ent *earlier_person(const struct syria_doc *doc, const tag_work *w, const char *key)
{
    size_t kl = strlen(key);
    size_t stop = doc->ents.count > COREF_WINDOW ? doc->ents.count - COREF_WINDOW : 0;
    for (size_t q = doc->ents.count - 1; q-- > stop;) {
        const ent *p = &doc->ents.items[q];
        if (p->type != SYRIA_ENTITY_PER) continue;
        const char *pc = w->names.data + p->canonical;
        size_t pl = strlen(pc);
        if (kl && pl > kl && !strcmp(pc + pl - kl, key) && pc[pl - kl - 1] == ' ') return p;
    }
    return NULL;
}

static int add_entity(struct syria_doc *doc, tag_work *w, size_t t0, uint32_t sentence, const cand *c,
                      const gaz_tok *gt, size_t n, strbuf *key)
{
    const name_lexicon *nl = doc->model->names;
    uint32_t start, end;
    span_of(doc, t0, c, &start, &end);
    ent *e = array_push(&doc->ents);
    if (!e) return -1;
    e->start = start;
    e->len = end - start;
    e->tok_first = (uint32_t)(t0 + c->first);
    e->tok_count = (uint32_t)c->len;
    e->sentence = sentence;
    e->type = (uint8_t)c->type;
    e->source = c->type == SYRIA_ENTITY_DATE ? ENT_FROM_DATES : c->entry ? ENT_FROM_LEXICON : ENT_FROM_TAGGER;
    const char *canonical = "", *code = "";
    char codebuf[16] = "";
    if (c->type == SYRIA_ENTITY_DATE) {
        e->value = work_intern(w, c->value);
    } else if (c->entry) {
        if (c->type != SYRIA_ENTITY_NORP) canonical = c->entry->canonical;
        code = c->entry->code;
        /* A surname the lexicon lists for someone (أوزيل: Özgür Özel) that
         * the document gave another first name before (مسعود أوزيل) is
         * that other person. */
        if (c->type == SYRIA_ENTITY_PER && c->len == 1 && !strchr(c->entry->key, ' ')) {
            const ent *p = earlier_person(doc, w, c->entry->key);
            if (p && strcmp(w->names.data + p->canonical, c->entry->canonical)) {
                canonical = w->names.data + p->canonical;
                code = w->names.data + p->code;
            }
        }
        if (c->type == SYRIA_ENTITY_GPE && strstr(c->entry->kind, "capital") && strlen(code) == 3 &&
            !ctx_place(gt, c->first, 0)) {
            snprintf(codebuf, sizeof codebuf, "%sGOV", code); /* موسكو تتهم: the government */
            code = codebuf;
        } else if (c->type == SYRIA_ENTITY_GPE && (strstr(c->entry->kind, "city") || strstr(c->entry->kind, "province"))) {
            e->city = 1;
        }
    } else {
        span_key(doc, t0, gt, c, key);
        const char *k = key->data ? key->data : "";
        canonical = k;
        if (c->type == SYRIA_ENTITY_PER) {
            /* A later, shorter mention of a person named earlier in the
             * document: its words end an earlier PER entity's name
             * (أنان after كوفي أنان; not ليوناردو دي سوزا after كلاوديمير دي
             * سوزا), among the last COREF_WINDOW entities. */
            const ent *p = earlier_person(doc, w, k);
            if (p) {
                canonical = w->names.data + p->canonical;
                code = w->names.data + p->code;
            }
        } else if (c->type == SYRIA_ENTITY_ORG || c->type == SYRIA_ENTITY_GPE) {
            const char *cc = inner_country(nl, gt, n, c->first, c->len);
            const char *role = org_role(gt[c->first].stem && *gt[c->first].stem ? gt[c->first].stem : gt[c->first].norm);
            if (role && !strcmp(role, "GOV") && c->len > 1) { /* وزارة الدفاع: the military */
                const char *second = org_role(gt[c->first + 1].stem && *gt[c->first + 1].stem ? gt[c->first + 1].stem
                                                                                              : gt[c->first + 1].norm);
                if (second && !strcmp(second, "MIL")) role = second;
            }
            if (cc && role && c->type == SYRIA_ENTITY_ORG) {
                snprintf(codebuf, sizeof codebuf, "%.3s%s", cc, role);
                code = codebuf;
            }
        }
    }
    /* canonical/code may point into w->names, which interning may move:
     * copy them first. */
    char cbuf[256];
    snprintf(cbuf, sizeof cbuf, "%s", canonical);
    char kbuf[16];
    snprintf(kbuf, sizeof kbuf, "%s", code);
    if (c->type != SYRIA_ENTITY_DATE) e->value = work_intern(w, "");
    e->canonical = work_intern(w, cbuf);
    e->code = work_intern(w, kbuf);
    return 0;
}

/* Leading descriptor or title words are not part of a name (مدينة حلب,
 * الرئيس بشار الأسد): how many tokens at the start of the span are. */
static size_t leading_titles(const name_lexicon *nl, const gaz_tok *gt, size_t n, const cand *c)
{
    size_t k = 0;
    while (k + 1 < c->len) {
        const name_entry *e;
        int form;
        size_t L = names_match(nl, NAMES_TITLE, gt, n, c->first + k, c->len - k - 1, &e, &form);
        if (!L) break;
        k += L;
    }
    return k;
}

/* tagger_tok_clusters, by the hashes gaz_prepare made: a stem's cluster is
 * keyed by the FNV-1a 64 of its bytes, which is gaz_word_hash. tt[k].stem
 * is gt[k].stem (the norm when the token has no stem). The table slots
 * are prefetched first: the table is large and the look-ups miss. */
static void tok_clusters(tagger_tok *tt, const gaz_tok *gt, size_t n, const word_clusters *wc, uint64_t *hs)
{
    for (size_t k = 0; k < n; k++) {
        const gaz_tok *g = &gt[k];
        uint64_t h;
        if (g->prepared && g->nhashes && g->stem == tt[k].stem) {
            h = g->hashes[0]; /* the stem is the norm ... */
            for (int c = 1; c < g->nhashes; c++)
                if (g->forms[c] == 1) h = g->hashes[c]; /* ... unless it differs */
        } else {
            const char *w = tt[k].stem && *tt[k].stem ? tt[k].stem : tt[k].norm;
            h = clusters_hash(w, strlen(w));
        }
        hs[k] = h;
        clusters_prefetch(wc, h);
    }
    for (size_t k = 0; k < n; k++) {
        cluster_info ci;
        clusters_lookup_hash(wc, hs[k], &ci);
        tt[k].cpath = ci.path;
        tt[k].ccluster = ci.cluster;
        tt[k].clen = ci.len;
        tt[k].cinfo = ci.info;
    }
}

void tag_split_conjoined_persons(uint8_t *tags, const tagger_tok *toks, size_t n)
{
    for (size_t k = 1; k < n; k++)
        if (tags[k] == TAG_I(TAG_PER) && toks[k].prefix && !strncmp(toks[k].prefix, "\xd9\x88", 2)) /* و */
            tags[k] = TAG_B(TAG_PER);
}

static int tag_sentence(struct syria_doc *doc, tag_work *w, size_t t0, size_t n, uint32_t sentence,
                        strbuf *key)
{
    const struct syria_model *m = doc->model;
    const name_lexicon *nl = m->names;
    const int anercorp = (doc->flags & SYRIA_OPT_ANERCORP) != 0;
    if (work_reserve(w, n)) return -1;
    for (size_t k = 0; k < n; k++) {
        const tok *t = &doc->toks.items[t0 + k];
        const char *stem = S(doc, t->stem);
        w->tt[k] = (tagger_tok){.norm = S(doc, t->key), .prefix = S(doc, t->prefix), .stem = *stem ? stem : S(doc, t->key),
                                .suffix = S(doc, t->suffix), .kind = t->kind};
        /* A hashtag's words stand for it in lexicon look-ups and names
         * (دونالد #ترمب is دونالد ترمب); the tagger keeps the sign. */
        w->gt[k] = (gaz_tok){.norm = t->kind == SYRIA_TOKEN_HASHTAG ? w->tt[k].stem : w->tt[k].norm,
                             .stem = w->tt[k].stem, .prefix = w->tt[k].prefix};
        w->kinds[k] = t->kind;
        w->tags[k] = TAG_O;
    }
    gaz_prepare(w->gt, n);
    if (m->tagger) {
        gaz_mark(names_gazetteer(nl), w->gt, n, w->marks);
        for (size_t k = 0; k < n; k++) w->tt[k].gaz = w->marks[k];
        if (m->clusters) tok_clusters(w->tt, w->gt, n, m->clusters, w->hashes);
        else tagger_tok_clusters(w->tt, n, NULL);
        if (tagger_scratch_reserve(&w->scratch, n)) return -1;
        tagger_tag(m->tagger, w->tt, n, &w->scratch, w->tags);
        tag_split_conjoined_persons(w->tags, w->tt, n);
        person_spans(m, w->tt, w->kinds, n, w->tags);
    }

    const ctx_view view = {m, w->gt, w->tt, w->kinds, n};
    size_t i = 0;
    while (i < n) {
        cand c = {0};
        c.first = i;
        /* 1. dates */
        size_t L = date_match(nl, w->gt, w->kinds, n, i, doc->date, c.value, sizeof c.value);
        if (L) {
            c.len = L;
            c.type = SYRIA_ENTITY_DATE;
            c.form = 2;
            if (add_entity(doc, w, t0, sentence, &c, w->gt, n, key)) return -1;
            i += L;
            continue;
        }
        /* A hashtag of several words (#الولايات_المتحدة) is one token: its
         * words are looked up as a whole name. */
        if (nl && w->kinds[i] == SYRIA_TOKEN_HASHTAG && strchr(w->gt[i].stem, '_')) {
            const name_entry *he = hashtag_name(nl, w->gt[i].stem);
            if (he) {
                c.len = 1;
                c.entry = he;
                c.form = 1;
                c.type = map_lexicon_type(he->type);
                if (add_entity(doc, w, t0, sentence, &c, w->gt, n, key)) return -1;
                i++;
                continue;
            }
        }
        /* 2. the lexicon and 3. the tagger */
        const name_entry *e = NULL;
        int form = 0;
        size_t Llex = nl ? names_match(nl, NAMES_ENTITY, w->gt, n, i, 0, &e, &form) : 0;
        size_t Ltag = 0;
        int ttype = -1;
        uint8_t tg = w->tags[i];
        if (TAG_IS_B(tg)) {
            int cls = TAG_CLASS(tg);
            Ltag = 1;
            while (i + Ltag < n && w->tags[i + Ltag] == TAG_I(cls)) Ltag++;
            ttype = cls == TAG_PER ? SYRIA_ENTITY_PER : cls == TAG_ORG ? SYRIA_ENTITY_ORG
                    : cls == TAG_MISC ? SYRIA_ENTITY_MISC : SYRIA_ENTITY_GPE;
        }
        /* The tagger wins where it sees more than the lexicon: a longer
         * organisation or event around a listed name, or a one-word place
         * name that its context makes a person or an organisation (a club,
         * a company: مانشستر، نيسان). */
        int take_tagger = Ltag > 0 && (!Llex || (Ltag > Llex && (ttype == SYRIA_ENTITY_ORG || ttype == SYRIA_ENTITY_MISC)) ||
                                       (Ltag == 1 && Llex == 1 && (ttype == SYRIA_ENTITY_ORG || ttype == SYRIA_ENTITY_PER) &&
                                        map_lexicon_type(e->type) == SYRIA_ENTITY_GPE));
        if (Llex && anercorp && map_lexicon_type(e->type) >= 0) {
            /* ANERcorp's conventions: the tagger, trained on ANERcorp,
             * decides the span wherever it found a name in the lexicon's
             * words (غزة in قطاع غزة, حماس in حركة حماس); the lexicon adds
             * the persons and places it missed, not the organisations
             * (ANERcorp leaves الجيش اللبناني, وزارة الدفاع untagged). */
            int tagged = 0;
            for (size_t k = i; k < i + Llex; k++) tagged |= w->tags[k] != TAG_O;
            if (tagged && !Ltag) { /* the tagger's name starts later */
                i++;
                continue;
            }
            if (tagged) {
                int lt = map_lexicon_type(e->type);
                take_tagger = !(Ltag == Llex && (lt == ttype || (ttype == SYRIA_ENTITY_GPE && lt == SYRIA_ENTITY_LOC)));
            } else if (map_lexicon_type(e->type) == SYRIA_ENTITY_ORG) {
                i += Llex;
                continue;
            }
        }
        if (Llex > 1 && detachable(w->gt[i].stem)) {
            /* تنظيم القاعدة: the descriptor stays outside when the rest is
             * itself the name. */
            const name_entry *e2;
            int form2;
            if (names_match(nl, NAMES_ENTITY, w->gt, n, i + 1, 0, &e2, &form2) == Llex - 1 && e2->type == e->type) {
                i++;
                continue;
            }
        }
        if (Llex && map_lexicon_type(e->type) >= 0 && !take_tagger) {
            c.len = Llex;
            c.entry = e;
            c.form = form;
            c.type = map_lexicon_type(e->type);
            if (c.type == SYRIA_ENTITY_GPE && Llex == 1 && ctx_feminine_nationality(&view, i, e))
                c.type = SYRIA_ENTITY_NORP; /* مقاتلة سورية: Syrian, not Syria */
            if ((c.type == SYRIA_ENTITY_GPE || c.type == SYRIA_ENTITY_LOC) && Llex == 1 &&
                ((!w->tags[i] && ctx_common_noun_phrase(&view, i)) || ctx_town_before_country(&view, i, e) ||
                 ctx_nisba_after_noun(&view, i))) {
                i++; /* الأجل القصير, الرباط الوثيق: not the places */
                continue;
            }
            if (!anercorp && c.type == SYRIA_ENTITY_ORG && !*e->code && generic_institution(w->gt, c.first) &&
                ctx_nationality_with_article(nl, w->gt, n, i + Llex)) {
                c.len++; /* وزارة الخارجية الكندية: a generic name, its code from the words */
                c.entry = NULL;
                c.form = 2;
                if (add_entity(doc, w, t0, sentence, &c, w->gt, n, key)) return -1;
                i += c.len;
                continue;
            }
            if (c.type == SYRIA_ENTITY_NORP && Llex == 1 && ctx_given_name_after_title(&view, i)) {
                /* العقيد تركي المالكي: a person named تركي, with the surname
                 * the tagger found after it. */
                c.type = SYRIA_ENTITY_PER;
                c.entry = NULL;
                c.form = 2;
                if (i + 1 < n && w->tags[i + 1] == TAG_B(TAG_PER)) {
                    c.len = 2;
                    while (i + c.len < n && w->tags[i + c.len] == TAG_I(TAG_PER)) c.len++;
                }
                /* تركي بن محمد: "son of" and a name go on with it. */
                while (i + c.len + 1 < n && !strcmp(w->gt[i + c.len].norm, "\xd8\xa8\xd9\x86") && /* بن */
                       w->kinds[i + c.len + 1] == SYRIA_TOKEN_WORD)
                    c.len += 2;
                if (add_entity(doc, w, t0, sentence, &c, w->gt, n, key)) return -1;
                i += c.len;
                continue;
            }
            if (add_entity(doc, w, t0, sentence, &c, w->gt, n, key)) return -1;
            i += Llex;
            continue;
        }
        if (Ltag && (no_word(w->kinds, i, Ltag) ||
                     (!anercorp && ttype == SYRIA_ENTITY_MISC &&
                      (money_span(nl, w->gt, w->kinds, n, i, Ltag) || ctx_common_word(m, w->gt, w->kinds, i, Ltag))) ||
                     (!anercorp && model_designation(doc, t0, n, i + Ltag)))) {
            i += Ltag; /* not an entity by SCHEMA.md (money, a common noun, a weapon's model), or not by anyone (…) */
            continue;
        }
        if (Ltag) {
            c.len = Ltag;
            c.type = ttype;
            c.form = 2;
            /* ANERcorp keeps the tagger's spans: it learnt them there. */
            size_t skip = nl && !anercorp ? leading_titles(nl, w->gt, n, &c) : 0;
            /* An organisation's descriptor stays when what follows it is no
             * name: a definite descriptor with a definite word after it is a
             * noun and its adjective (الوكالة الدولية, the IAEA; not وكالة
             * الأناضول), and one common word is the start of a longer name
             * the tagger cut short (منظمة حظر [الأسلحة الكيميائية]). */
            if (skip && skip < c.len && c.type == SYRIA_ENTITY_ORG) {
                const gaz_tok *d = &w->gt[c.first + skip - 1], *r = &w->gt[c.first + skip];
                const name_entry *le;
                int lf;
                int adjective = d->prefix && prefix_has_article(d->prefix) && r->prefix && prefix_has_article(r->prefix) &&
                                !names_match(nl, NAMES_ENTITY, w->gt, n, c.first + skip, c.len - skip, &le, &lf);
                if (adjective || (skip + 1 == c.len && ctx_common_word(m, w->gt, w->kinds, c.first + skip, 1))) skip = 0;
            }
            c.first += skip;
            c.len -= skip;
            size_t next = i + Ltag;
            if (!anercorp && c.type == SYRIA_ENTITY_ORG && nl && c.len <= 2 && generic_institution(w->gt, c.first) &&
                ctx_nationality_with_article(nl, w->gt, n, next)) {
                c.len++; /* a generic institution (الجيش, وزارة الدفاع), then الكندي */
                next++;
            }
            /* A tagger place the lexicon lists as a region is a LOC. */
            if (c.type == SYRIA_ENTITY_GPE && nl) {
                const name_entry *le;
                int lf;
                if (names_match(nl, NAMES_ENTITY, w->gt, n, c.first, c.len, &le, &lf) == c.len && le->type == GAZ_LOC)
                    c.type = SYRIA_ENTITY_LOC;
            }
            if (add_entity(doc, w, t0, sentence, &c, w->gt, n, key)) return -1;
            i = next;
            continue;
        }
        i++;
    }
    return 0;
}

/* Two persons side by side (adjacent tokens, nothing attached to the second,
 * neither a lexicon person: أردوغان نتنياهو is subject and object) are one:
 * يوليا سكريبال, where the tagger found سكريبال and the consistency pass
 * يوليا from another sentence. The merged name gets its own canonical (the
 * first's and the second's words), and no code unless both had the same: a
 * surname shared with another person (سيرغي سكريبال) says nothing of who
 * this is. Entities are in text order. */
static void merge_adjacent_persons(struct syria_doc *doc, tag_work *w, strbuf *buf)
{
    size_t out = 0;
    for (size_t k = 0; k < doc->ents.count; k++) {
        const ent *e = &doc->ents.items[k];
        ent *p = out ? &doc->ents.items[out - 1] : NULL;
        const tok *first = &doc->toks.items[e->tok_first];
        /* Not across a proclitic (ماتيراتزي لزيدان) or a word in و, split or
         * not (بوفون وغانلوكا زامبروتا: the analysis knows no foreign names). */
        if (p && p->type == SYRIA_ENTITY_PER && e->type == SYRIA_ENTITY_PER && p->sentence == e->sentence &&
            p->source != ENT_FROM_LEXICON && e->source != ENT_FROM_LEXICON && /* ووصف أردوغان نتنياهو */
            e->tok_first == p->tok_first + p->tok_count && e->start == first->start &&
            strncmp(doc->text + first->start, "\xd9\x88", 2)) {
            buf->len = 0;
            strbuf_puts(buf, w->names.data + p->canonical);
            for (uint32_t t = e->tok_first; t < e->tok_first + e->tok_count; t++) {
                const tok *x = &doc->toks.items[t];
                strbuf_putc(buf, ' ');
                strbuf_puts(buf, S(doc, t == e->tok_first && *S(doc, x->prefix) ? x->stem : x->key));
            }
            strbuf_putc(buf, '\0');
            int same_code = !strcmp(w->names.data + p->code, w->names.data + e->code);
            if (buf->failed) return; /* reported by the caller */
            p->canonical = work_intern(w, buf->data);
            if (!same_code) p->code = work_intern(w, "");
            p->len = e->start + e->len - p->start;
            p->tok_count += e->tok_count;
            continue;
        }
        doc->ents.items[out++] = *e;
    }
    doc->ents.count = out;
}

int tag_stage(struct syria_doc *doc)
{
    const struct syria_model *m = doc->model;
    if (!m->names && !m->tagger) return SYRIA_OK; /* a model without entity knowledge */
    tag_work w = {0};
    strbuf key = {0};
    int rc = 0;
    size_t ntok = doc->toks.count, a = 0;
    while (a < ntok && !rc) {
        uint32_t s = doc->toks.items[a].sentence;
        size_t b = a;
        /* Sentences longer than TAG_WINDOW tokens (junk, lists, texts with
         * no punctuation) are tagged in windows: the work space stays small. */
        while (b < ntok && doc->toks.items[b].sentence == s && b - a < TAG_WINDOW) b++;
        rc = tag_sentence(doc, &w, a, b - a, s, &key);
        a = b;
    }
    if (!rc) rc = tag_consistency(doc);
    if (!rc) merge_adjacent_persons(doc, &w, &key);
    int failed = rc || w.names.failed || key.failed;
    if (!failed && w.names.len) {
        /* Move the entities' strings into the document's arena. */
        uint32_t base = (uint32_t)doc->strings.len;
        strbuf_append(&doc->strings, w.names.data, w.names.len);
        if (doc->strings.len > UINT32_MAX) failed = 1;
        for (size_t k = 0; k < doc->ents.count; k++) {
            ent *e = &doc->ents.items[k];
            e->canonical += base;
            e->code += base;
            e->value += base;
        }
    }
    work_free(&w);
    strbuf_free(&key);
    if (failed || doc->strings.failed) return syria_fail(SYRIA_ENOMEM, "out of memory while tagging");
    return SYRIA_OK;
}
