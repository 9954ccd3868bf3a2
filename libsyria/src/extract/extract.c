/* The extract stage: PLOVER events with CAMEO codes (docs/EVENTS.md).
 *
 * 1. The trigger lexicon is matched on the tokens (lexicon.c): event
 *    triggers, reporting verbs, negation and future cues, role nouns.
 * 2. Actor mentions are collected: named entities with a code, role nouns
 *    with a nationality (وفد أمني تركي -> TURGOV), actor nouns (قوات النظام).
 * 3. Each event trigger gets its sources and targets (VSO and SVO order,
 *    prepositions, coordination), location, date, status and reporter. */
#include "extract/extract.h"

#include <stdio.h>
#include <string.h>

#include "core/doc.h"
#include "core/error.h"
#include "extract/cameo.h"
#include "extract/triggers.h"

/* ---- small helpers on tokens --------------------------------------------- */

#define AR_WAW "\xd9\x88"

static const char *tok_key(const struct syria_doc *doc, size_t i)
{
    return doc->strings.data + doc->toks.items[i].key;
}

static const char *tok_stem(const struct syria_doc *doc, size_t i)
{
    return doc->strings.data + doc->toks.items[i].stem;
}

static const char *tok_suffix(const struct syria_doc *doc, size_t i)
{
    return doc->strings.data + doc->toks.items[i].suffix;
}

static const char *tok_prefix(const struct syria_doc *doc, size_t i)
{
    return doc->strings.data + doc->toks.items[i].prefix;
}

static int key_is(const struct syria_doc *doc, size_t i, const char *w)
{
    return strcmp(tok_key(doc, i), w) == 0;
}

/* Whether the token's proclitics include the one-letter clitic p ("و", "ب", "ل"). */
static int has_proclitic(const struct syria_doc *doc, size_t i, const char *p)
{
    const char *s = tok_prefix(doc, i);
    size_t n = strlen(p);
    while (*s) {
        const char *plus = strchr(s, '+');
        size_t len = plus ? (size_t)(plus - s) : strlen(s);
        if (len == n && memcmp(s, p, n) == 0) return 1;
        if (!plus) break;
        s = plus + 1;
    }
    return 0;
}

static int is_punct(const struct syria_doc *doc, size_t i)
{
    return doc->toks.items[i].kind == SYRIA_TOKEN_PUNCT;
}

/* Quotation marks: transparent for arguments ("هجوم "هيئة تحرير الشام""). */
static int is_quote(const struct syria_doc *doc, size_t i)
{
    if (!is_punct(doc, i)) return 0;
    const char *k = doc->strings.data + doc->toks.items[i].key;
    return !strcmp(k, "\"") || !strcmp(k, "\xe2\x80\x9c") || !strcmp(k, "\xe2\x80\x9d") || !strcmp(k, "\xc2\xab") ||
           !strcmp(k, "\xc2\xbb") || !strcmp(k, "\xe2\x80\xb3") || !strcmp(k, "'");
}

/* A punctuation token that ends a clause (not the comma of a list). */
static int strong_punct(const struct syria_doc *doc, size_t i)
{
    if (!is_punct(doc, i)) return 0;
    const char *k = tok_key(doc, i);
    return !strcmp(k, ".") || !strcmp(k, "!") || !strcmp(k, "?") || !strcmp(k, ";") ||
           !strcmp(k, "\xd8\x9f") /* ؟ */ || !strcmp(k, "\xd8\x9b") /* ؛ */;
}

/* Prepositions written as separate words. */
enum prep {
    P_NONE = 0,
    P_WITH,    /* مع */
    P_ON,      /* على */
    P_AGAINST, /* ضد */
    P_TO,      /* إلى */
    P_BETWEEN, /* بين */
    P_IN,      /* في، داخل، ب... : a place */
    P_FROM,    /* من، عن */
    P_TOWARD,  /* تجاه، نحو، لدى */
    P_OTHER    /* حول، بشأن، عبر ...: neither actor nor place */
};

static enum prep word_prep(const struct syria_doc *doc, size_t i)
{
    static const struct { const char *w; enum prep p; } tab[] = {
        {"\xd9\x85\xd8\xb9", P_WITH},                                 /* مع */
        {"\xd8\xb9\xd9\x84\xd9\x8a", P_ON},                           /* علي (على) */
        {"\xd8\xb6\xd8\xaf", P_AGAINST},                              /* ضد */
        {"\xd8\xa7\xd9\x84\xd9\x8a", P_TO},                           /* الي (إلى) */
        {"\xd8\xa8\xd9\x8a\xd9\x86", P_BETWEEN},                      /* بين */
        {"\xd9\x81\xd9\x8a", P_IN},                                   /* في */
        {"\xd8\xaf\xd8\xa7\xd8\xae\xd9\x84", P_IN},                   /* داخل */
        {"\xd9\x82\xd8\xb1\xd8\xa8", P_IN},                           /* قرب */
        {"\xd8\xb4\xd9\x85\xd8\xa7\xd9\x84", P_IN},                   /* شمال */
        {"\xd8\xac\xd9\x86\xd9\x88\xd8\xa8", P_IN},                   /* جنوب */
        {"\xd8\xb4\xd8\xb1\xd9\x82", P_IN},                           /* شرق */
        {"\xd8\xba\xd8\xb1\xd8\xa8", P_IN},                           /* غرب */
        {"\xd8\xb1\xd9\x8a\xd9\x81", P_IN},                           /* ريف */
        {"\xd9\x85\xd8\xad\xd9\x8a\xd8\xb7", P_IN},                   /* محيط */
        {"\xd9\x85\xd9\x86", P_FROM},                                 /* من */
        {"\xd8\xb9\xd9\x86", P_FROM},                                 /* عن */
        {"\xd8\xaa\xd8\xac\xd8\xa7\xd9\x87", P_TOWARD},               /* تجاه */
        {"\xd9\x86\xd8\xad\xd9\x88", P_TOWARD},                       /* نحو */
        {"\xd9\x84\xd8\xaf\xd9\x8a", P_TOWARD},                       /* لدي */
        {"\xd8\xad\xd9\x88\xd9\x84", P_OTHER},                        /* حول */
        {"\xd8\xa8\xd8\xb4\xd8\xa7\xd9\x86", P_OTHER},                /* بشان */
        {"\xd8\xb9\xd8\xa8\xd8\xb1", P_OTHER},                        /* عبر */
        {"\xd9\x88\xd8\xb3\xd8\xb7", P_OTHER},                        /* وسط */
        {"\xd8\xa8\xd8\xa7\xd8\xaa\xd8\xac\xd8\xa7\xd9\x87", P_IN},   /* باتجاه */
        {"\xd8\xb9\xd9\x86\xd8\xaf", P_OTHER},                        /* عند */
        {"\xd9\x82\xd8\xa8\xd9\x84", P_OTHER},                        /* قبل */
        {"\xd8\xa8\xd8\xb9\xd8\xaf", P_OTHER},                        /* بعد */
        {"\xd8\xae\xd9\x84\xd8\xa7\xd9\x84", P_OTHER},                /* خلال */
        {"\xd9\x85\xd9\x86\xd8\xb0", P_OTHER},                        /* منذ */
    };
    const char *k = tok_key(doc, i);
    for (size_t j = 0; j < sizeof tab / sizeof tab[0]; j++)
        if (strcmp(k, tab[j].w) == 0) return tab[j].p;
    return P_NONE;
}

/* The complementiser أن/إن/بأن/لأن (normalised ان) starts an embedded clause. */
static int complementiser(const struct syria_doc *doc, size_t i)
{
    return strcmp(tok_stem(doc, i), "\xd8\xa7\xd9\x86") == 0 || key_is(doc, i, "\xd8\xa7\xd9\x86");
}

/* Words after which a verb still takes its subject after it (VSO):
 * قد، لقد، كما، حيث، إذ، ثم، أن، لم، لن، لا، كان ... */
static int particle(const struct syria_doc *doc, size_t i)
{
    static const char *const w[] = {
        "\xd9\x82\xd8\xaf", "\xd9\x84\xd9\x82\xd8\xaf", "\xd9\x83\xd9\x85\xd8\xa7", "\xd8\xad\xd9\x8a\xd8\xab",
        "\xd8\xa7\xd8\xb0", "\xd8\xab\xd9\x85", "\xd8\xa7\xd9\x86", "\xd9\x84\xd9\x85", "\xd9\x84\xd9\x86",
        "\xd9\x84\xd8\xa7", "\xd9\x83\xd8\xa7\xd9\x86", "\xd9\x83\xd8\xa7\xd9\x86\xd8\xaa", "\xd9\x85\xd8\xa7",
        "\xd8\xb9\xd9\x86\xd8\xaf\xd9\x85\xd8\xa7", "\xd8\xa8\xd8\xb9\xd8\xaf\xd9\x85\xd8\xa7",
        "\xd8\xad\xd9\x8a\xd9\x86", "\xd8\xa8\xd9\x8a\xd9\x86\xd9\x85\xd8\xa7", "\xd9\x84\xd9\x85\xd8\xa7",
        "\xd8\xa7\xd9\x84\xd8\xaa\xd9\x8a", "\xd8\xa7\xd9\x84\xd8\xb0\xd9\x8a", "\xd8\xb3\xd9\x88\xd9\x81",
        "\xd8\xa7\xd9\x84\xd9\x8a\xd9\x88\xd9\x85", "\xd8\xa7\xd9\x85\xd8\xb3", "\xd8\xa7\xd9\x8a\xd8\xb6\xd8\xa7",
        "\xd8\xa7\xd9\x84\xd8\xa7", "\xd9\x88\xd9\x82\xd8\xaf", "\xd9\x81\xd9\x82\xd8\xaf", "\xd9\x88\xd9\x84\xd9\x82\xd8\xaf",
    };
    const char *k = tok_key(doc, i), *st = tok_stem(doc, i);
    for (size_t j = 0; j < sizeof w / sizeof w[0]; j++)
        if (!strcmp(k, w[j]) || !strcmp(st, w[j])) return 1;
    return 0;
}

/* تعرض/تتعرض/يتعرض (to suffer, be subjected to). */
static int suffered(const struct syria_doc *doc, size_t i)
{
    const char *st = tok_stem(doc, i);
    return !strcmp(st, "\xd8\xaa\xd8\xb9\xd8\xb1\xd8\xb6") || !strcmp(st, "\xd8\xaa\xd8\xb9\xd8\xb1\xd8\xb6\xd8\xaa") ||
           !strcmp(st, "\xd9\x8a\xd8\xaa\xd8\xb9\xd8\xb1\xd8\xb6") || !strcmp(st, "\xd8\xaa\xd8\xaa\xd8\xb9\xd8\xb1\xd8\xb6") ||
           !strcmp(st, "\xd8\xaa\xd8\xb9\xd8\xb1\xd8\xb6\xd9\x88\xd8\xa7");
}

/* ---- actor mentions ------------------------------------------------------- */

typedef struct mention {
    uint32_t first, last; /* tokens */
    int32_t ent;          /* entity index or -1 */
    char cc[8];           /* country or international prefix (3 letters) or a full 6-letter code */
    char role[4];         /* role given by the text ("" when the event decides) */
    uint8_t adjective;    /* a bare nationality adjective (الضغط الروسي) */
    uint8_t place;        /* a GPE/LOC named after a place preposition */
    uint8_t counterpart;  /* "نظيره" role: a target when coordinated */
    uint8_t bare;         /* a town or province: its country's code without a role (gold notes 8) */
} mention;

typedef ARRAY(mention) mention_array;

static const char *estr(const struct syria_doc *doc, uint32_t off)
{
    return doc->strings.data + off;
}

typedef struct ctx {
    struct syria_doc *doc;
    trig_match_array m;
    int32_t *say_men;   /* match -> its speaker's mention (SAY cues), or -1 */
    int32_t *tok_match; /* token -> match index or -1 (matched words only) */
    int32_t *tok_ent;   /* token -> entity index or -1 */
    mention_array men;
    int32_t *tok_men;   /* token -> mention index or -1 */
} ctx;

static const trig_entry *mentry(const ctx *c, size_t k)
{
    return &trig_entries[c->m.items[k].entry];
}

/* The preposition governing token i: an attached ب/ل or the word before. */
static enum prep prep_before(const ctx *c, size_t i, int *attached_b, int *attached_l)
{
    const struct syria_doc *doc = c->doc;
    *attached_b = has_proclitic(doc, i, "\xd8\xa8");
    *attached_l = has_proclitic(doc, i, "\xd9\x84");
    if (*attached_b || *attached_l) return P_NONE;
    if (i == 0) return P_NONE;
    return word_prep(doc, i - 1);
}


/* A name used as a place: after في/من/ب..., also across one descriptor word
 * (في مدينة موسكو، بمحافظة إدلب). */
static int place_context(const ctx *c, size_t f, int in_only)
{
    const struct syria_doc *doc = c->doc;
    int ab, al;
    enum prep p = prep_before(c, f, &ab, &al);
    if (ab || p == P_IN || (!in_only && p == P_FROM)) return 1;
    if (p != P_NONE || al || f < 2 || c->tok_ent[f - 1] >= 0 || is_punct(doc, f - 1)) return 0;
    static const char *const descriptors[] = {
        "\xd9\x85\xd8\xaf\xd9\x8a\xd9\x86\xd8\xa9",         /* مدينة */
        "\xd9\x85\xd8\xad\xd8\xa7\xd9\x81\xd8\xb8\xd8\xa9", /* محافظة */
        "\xd8\xb9\xd8\xa7\xd8\xb5\xd9\x85\xd8\xa9",         /* عاصمة */
        "\xd9\x85\xd9\x86\xd8\xb7\xd9\x82\xd8\xa9",         /* منطقة */
        "\xd8\xa8\xd9\x84\xd8\xaf\xd8\xa9",                   /* بلدة */
        "\xd9\x82\xd8\xb1\xd9\x8a\xd8\xa9",                   /* قرية */
        "\xd9\x88\xd9\x84\xd8\xa7\xd9\x8a\xd8\xa9",         /* ولاية */
        "\xd8\xa7\xd9\x82\xd9\x84\xd9\x8a\xd9\x85",         /* اقليم */
        "\xd8\xb1\xd9\x8a\xd9\x81",                             /* ريف */
        "\xd9\x85\xd8\xae\xd9\x8a\xd9\x85",                   /* مخيم */
        "\xd9\x85\xd8\xb7\xd8\xa7\xd8\xb1",                   /* مطار */
    };
    int desc = 0;
    for (size_t k = 0; k < sizeof descriptors / sizeof descriptors[0]; k++)
        desc |= !strcmp(tok_stem(doc, f - 1), descriptors[k]);
    if (!desc) return 0;
    if (has_proclitic(doc, f - 1, "\xd8\xa8")) return 1;
    enum prep p2 = word_prep(doc, f - 2);
    return p2 == P_IN || (!in_only && p2 == P_FROM);
}

static int push_mention(ctx *c, mention *src)
{
    mention *m = array_push(&c->men);
    if (!m) return syria_fail(SYRIA_ENOMEM, "out of memory");
    *m = *src;
    return SYRIA_OK;
}

static int entity_is_actor(const ent *e)
{
    return (e->type == SYRIA_ENTITY_PER || e->type == SYRIA_ENTITY_ORG || e->type == SYRIA_ENTITY_GPE ||
            e->type == SYRIA_ENTITY_NORP);
}

static void set_code(mention *m, const char *code)
{
    size_t n = strlen(code);
    if (n >= 6) {
        memcpy(m->cc, code, 6);
        m->cc[6] = '\0';
    } else if (n >= 3) {
        memcpy(m->cc, code, 3);
        m->cc[3] = '\0';
    }
}

/* Role noun matched at match k: a nationality within the next 3 tokens? */
static int role_mention(ctx *c, size_t k, mention *out)
{
    struct syria_doc *doc = c->doc;
    const trig_match *r = &c->m.items[k];
    uint32_t s = doc->toks.items[r->first].sentence;
    for (size_t j = r->last + 1; j <= r->last + 3 && j < doc->toks.count; j++) {
        if (doc->toks.items[j].sentence != s || is_punct(doc, j)) break;
        int32_t e = c->tok_ent[j];
        if (e >= 0) {
            const ent *en = &doc->ents.items[e];
            int owner = (en->type == SYRIA_ENTITY_ORG && has_proclitic(doc, j, "\xd9\x84"));
            if ((en->type == SYRIA_ENTITY_NORP || en->type == SYRIA_ENTITY_GPE || owner) && *estr(doc, en->code) &&
                !(en->type == SYRIA_ENTITY_GPE && j > r->last + 1)) {
                memset(out, 0, sizeof *out);
                out->first = r->first;
                out->last = (uint32_t)(en->tok_first + en->tok_count - 1);
                out->ent = e;
                set_code(out, estr(doc, en->code));
                out->cc[3] = '\0';
                snprintf(out->role, sizeof out->role, "%s", trig_entries[r->entry].code);
                out->counterpart = strncmp(tok_stem(doc, r->first), "\xd9\x86\xd8\xb8\xd9\x8a\xd8\xb1", 8) == 0;
                /* a name right after the title, even one without a code of its own
                 * (الرئيس الأفغاني محمد أشرف غني), is the same actor */
                size_t nx = out->last + 1;
                while (nx < doc->toks.count && is_quote(doc, nx)) nx++;
                if (nx < doc->toks.count && c->tok_ent[nx] >= 0 && doc->toks.items[nx].sentence == s &&
                    !has_proclitic(doc, nx, AR_WAW)) {
                    const ent *pe = &doc->ents.items[c->tok_ent[nx]];
                    if (pe->type == SYRIA_ENTITY_PER && !*estr(doc, pe->code)) {
                        out->ent = c->tok_ent[nx];
                        out->last = (uint32_t)(pe->tok_first + pe->tok_count - 1);
                    }
                }
                return 1;
            }
            return 0; /* another name comes first */
        }
        if (c->tok_match[j] >= 0 && mentry(c, (size_t)c->tok_match[j])->kind == TK_EVENT) return 0;
    }
    return 0;
}

static int cmp_mention(const void *a, const void *b)
{
    const mention *x = a, *y = b;
    return x->first < y->first ? -1 : x->first > y->first ? 1 : (x->last > y->last) - (x->last < y->last);
}

static int collect_mentions(ctx *c)
{
    struct syria_doc *doc = c->doc;
    size_t nt = doc->toks.count;
    uint8_t *covered = calloc(nt ? nt : 1, 1);
    if (!covered) return syria_fail(SYRIA_ENOMEM, "out of memory");
    int rc = SYRIA_OK;
    /* Role nouns with a nationality; actor nouns. */
    for (size_t k = 0; k < c->m.count && rc == SYRIA_OK; k++) {
        const trig_entry *en = mentry(c, k);
        mention mm;
        if (covered[c->m.items[k].first]) continue; /* وزير الخارجية التركي: one actor */
        if (en->kind == TK_ROLE && role_mention(c, k, &mm)) {
            rc = push_mention(c, &mm);
            for (size_t j = mm.first; j <= mm.last; j++) covered[j] = 1;
        } else if (en->kind == TK_ACTOR) {
            memset(&mm, 0, sizeof mm);
            mm.first = c->m.items[k].first;
            mm.last = c->m.items[k].last;
            mm.ent = -1;
            set_code(&mm, en->code);
            /* "النظام الإيراني": a nationality after the noun gives the country */
            size_t nx = mm.last + 1;
            if (nx < doc->toks.count && c->tok_ent[nx] >= 0 &&
                doc->ents.items[c->tok_ent[nx]].type == SYRIA_ENTITY_NORP &&
                strlen(estr(doc, doc->ents.items[c->tok_ent[nx]].code)) >= 3) {
                const ent *ne = &doc->ents.items[c->tok_ent[nx]];
                memcpy(mm.cc, estr(doc, ne->code), 3);
                snprintf(mm.role, sizeof mm.role, "%s", en->code + 3);
                mm.cc[3] = '\0';
                mm.ent = c->tok_ent[nx];
                mm.last = (uint32_t)(ne->tok_first + ne->tok_count - 1);
            }
            rc = push_mention(c, &mm);
            for (size_t j = mm.first; j <= mm.last; j++) covered[j] = 1;
        }
    }
    /* Named entities. */
    for (size_t e = 0; e < doc->ents.count && rc == SYRIA_OK; e++) {
        const ent *en = &doc->ents.items[e];
        if (!entity_is_actor(en) || !*estr(doc, en->code)) continue;
        size_t f = en->tok_first, l = en->tok_first + en->tok_count - 1;
        int inside = 0;
        for (size_t j = f; j <= l; j++) inside |= covered[j];
        if (inside) continue;
        mention mm;
        memset(&mm, 0, sizeof mm);
        mm.first = (uint32_t)f;
        mm.last = (uint32_t)l;
        mm.ent = (int32_t)e;
        set_code(&mm, estr(doc, en->code));
        if (en->type == SYRIA_ENTITY_NORP) {
            /* An adjective after a noun (الضغط الروسي); a plural noun (الروس) is an actor itself. */
            mm.adjective = f > 0 && !is_punct(doc, f - 1) && !has_proclitic(doc, f, "\xd9\x88") &&
                           !has_proclitic(doc, f, "\xd8\xa8") && !has_proclitic(doc, f, "\xd9\x84") &&
                           word_prep(doc, f - 1) == P_NONE && !particle(doc, f - 1);
            /* after a verb it is a noun, the subject (دعا الروس، اتهمت الإيرانيين) */
            if (mm.adjective && c->tok_match[f - 1] >= 0 && c->m.items[c->tok_match[f - 1]].verb) mm.adjective = 0;
        }
        if (en->type == SYRIA_ENTITY_GPE) mm.place = (uint8_t)place_context(c, f, 0);
        mm.bare = en->type == SYRIA_ENTITY_GPE && en->city;
        rc = push_mention(c, &mm);
    }
    free(covered);
    if (rc) return rc;
    if (c->men.count) qsort(c->men.items, c->men.count, sizeof *c->men.items, cmp_mention);
    /* Apposition: a title and the name after it are one actor
     * (وزير الخارجية التركي مولود جاويش أوغلو، ونظيره الإيراني عباس عراقجي). */
    size_t w = 0;
    for (size_t k = 0; k < c->men.count; k++) {
        mention *m = &c->men.items[k];
        if (w > 0) {
            mention *p = &c->men.items[w - 1];
            size_t t = p->last + 1;
            int commas = 0;
            while (t < m->first && is_punct(doc, t) && !strong_punct(doc, t) && (is_quote(doc, t) || commas++ == 0)) t++;
            int role = p->role[0] && (p->ent < 0 || doc->ents.items[p->ent].type == SYRIA_ENTITY_NORP);
            int name = m->ent >= 0 && (doc->ents.items[m->ent].type == SYRIA_ENTITY_PER ||
                                       doc->ents.items[m->ent].type == SYRIA_ENTITY_ORG);
            if (role && name && t == m->first && !has_proclitic(doc, m->first, "\xd9\x88") &&
                !has_proclitic(doc, m->first, "\xd8\xa8") && !has_proclitic(doc, m->first, "\xd9\x84") &&
                doc->toks.items[m->first].sentence == doc->toks.items[p->first].sentence) {
                p->last = m->last;
                p->ent = m->ent;
                if (strlen(m->cc) >= 6 && !strncmp(m->cc, p->cc, 3)) {
                    memcpy(p->cc, m->cc, sizeof p->cc);
                    p->role[0] = '\0';
                }
                continue;
            }
        }
        c->men.items[w++] = *m;
    }
    c->men.count = w;
    for (size_t k = 0; k < c->men.count; k++)
        for (size_t j = c->men.items[k].first; j <= c->men.items[k].last && j < nt; j++)
            if (c->tok_men[j] < 0) c->tok_men[j] = (int32_t)k;
    return SYRIA_OK;
}

/* ---- events ---------------------------------------------------------------- */

#define MAX_ARGS 8

typedef struct arg {
    int32_t men; /* mention index */
} arg;

typedef struct evwork {
    size_t match;
    arg src[MAX_ARGS], tgt[MAX_ARGS];
    int nsrc, ntgt;
    int32_t location, reported_by;
    int status;
    const char *cameo;
    char date[32];
    int32_t embedded; /* the event it demands, threatens, agrees to (index in evs), or -1 */
    uint8_t merged;   /* part of another event: not output */
    uint8_t pair;     /* its subject is "the two sides": the parties of the last event */
} evwork;

static int has_men(const arg *a, int n, int32_t men)
{
    for (int k = 0; k < n; k++)
        if (a[k].men == men) return 1;
    return 0;
}

static void add_arg(arg *a, int *n, int32_t men)
{
    if (*n < MAX_ARGS && !has_men(a, *n, men)) a[(*n)++].men = men;
}

/* Mentions coordinated after mention k ("X و Y", "X، Y و Z"): appended to a. */
static size_t add_coordinated(const ctx *c, size_t k, arg *a, int *n, arg *counter, int *ncounter)
{
    const struct syria_doc *doc = c->doc;
    size_t last = k;
    for (size_t j = k + 1; j < c->men.count; j++) {
        const mention *prev = &c->men.items[last], *m = &c->men.items[j];
        if (doc->toks.items[m->first].sentence != doc->toks.items[prev->first].sentence) break;
        size_t gap_from = prev->last + 1;
        int conj = has_proclitic(doc, m->first, "\xd9\x88");
        int ok = 1;
        for (size_t t = gap_from; t < m->first; t++) {
            if (is_punct(doc, t) && !strong_punct(doc, t)) continue;
            if (key_is(doc, t, AR_WAW)) {
                conj = 1;
                continue;
            }
            ok = 0;
            break;
        }
        if (!ok) break;
        if (!conj && m->first != gap_from) {
            /* a comma list: "روسيا، تركيا وإيران" */
            int comma = 0;
            for (size_t t = gap_from; t < m->first; t++) comma |= is_punct(doc, t);
            if (!comma) break;
        } else if (!conj) {
            break; /* apposition, handled by the caller */
        }
        if (m->place) break;
        (void)counter;
        (void)ncounter;
        add_arg(a, n, (int32_t)j);
        last = j;
    }
    return last;
}

/* The first mention of the coordinated group ending with mention k ("X و Y"). */
static size_t group_start(const ctx *c, size_t k)
{
    const struct syria_doc *doc = c->doc;
    uint32_t s = doc->toks.items[c->men.items[k].first].sentence;
    while (k > 0) {
        const mention *pm = &c->men.items[k - 1];
        if (pm->last + 3 < c->men.items[k].first || pm->place || pm->adjective) break;
        if (doc->toks.items[pm->first].sentence != s) break;
        int linked = has_proclitic(doc, c->men.items[k].first, "\xd9\x88");
        for (size_t t = pm->last + 1; t < c->men.items[k].first; t++)
            linked = linked || key_is(doc, t, AR_WAW) || (is_punct(doc, t) && !strong_punct(doc, t));
        if (!linked) break;
        int pb, pl;
        if (prep_before(c, pm->first, &pb, &pl) != P_NONE || pb || pl) break;
        k--;
    }
    return k;
}

/* Is token i inside an event trigger or a SAY cue (other than match self)? */
static const trig_entry *match_kind_at(const ctx *c, size_t i, size_t self)
{
    int32_t k = c->tok_match[i];
    if (k < 0 || (size_t)k == self) return NULL;
    return mentry(c, (size_t)k);
}

/* The role of an actor given by an event type (the text did not say). */
static const char *default_role(const char *type, const char *cameo)
{
    if (!strcmp(type, "ASSAULT") || !strcmp(type, "MOBILIZE") || !strcmp(type, "RETREAT")) return "MIL";
    if (!strcmp(type, "COOPERATE") && !strcmp(cameo, "062")) return "MIL";
    if (!strcmp(type, "COERCE") && cameo[0] == '1' && cameo[1] == '9') return "MIL";
    return "GOV";
}

/* Finds sources and targets of event ev (match index ev->match). */
static void assign_args(ctx *c, evwork *ev, const evwork *prev)
{
    struct syria_doc *doc = c->doc;
    const trig_match *tm = &c->m.items[ev->match];
    const trig_entry *te = &trig_entries[tm->entry];
    size_t f = tm->first, l = tm->last, nt = doc->toks.count;
    uint32_t s = doc->toks.items[f].sentence;
    arg counter[MAX_ARGS];
    int ncounter = 0;

    /* 1. Nationality adjectives right after the trigger's noun (قمة روسية إيرانية تركية). */
    {
        size_t j = l + 1;
        int skipped = 0;
        while (j < nt && doc->toks.items[j].sentence == s && !is_punct(doc, j)) {
            int32_t mi = c->tok_men[j];
            if (mi >= 0 && c->men.items[mi].adjective) {
                add_arg(ev->src, &ev->nsrc, mi);
                j = c->men.items[mi].last + 1;
                continue;
            }
            if (key_is(doc, j, AR_WAW)) { j++; continue; }
            /* one other adjective (عسكرية، جوية، مشتركة) may come between */
            if (mi < 0 && c->tok_ent[j] < 0 && !skipped && ev->nsrc == 0 && c->tok_match[j] < 0) {
                skipped = 1;
                j++;
                continue;
            }
            if (c->tok_match[j] >= 0 && (size_t)c->tok_match[j] != ev->match) {
                const trig_entry *o = mentry(c, (size_t)c->tok_match[j]);
                if (o->kind == TK_FUT && ev->nsrc == 0) { j++; continue; }
            }
            break;
        }
    }

    /* 2. The subject after a verb (VSO) or a genitive after a noun. A verb right
     * after a content word has its subject before it (دول عدة اتهمت الرئيس السوري):
     * what follows is its object. */
    int32_t subj = -1;
    int preverbal = tm->verb && te->frame != TF_DEFAULT && f > 0 && !has_proclitic(doc, f, AR_WAW) &&
                    !has_proclitic(doc, f, "\xd9\x81") && doc->toks.items[f - 1].sentence == s &&
                    doc->toks.items[f - 1].kind == SYRIA_TOKEN_WORD && c->tok_ent[f - 1] < 0 &&
                    c->tok_match[f - 1] < 0 && !particle(doc, f - 1);
    /* "إن روسيا هاجمت أوكرانيا": a name right before the verb is its subject (SVO) */
    if (tm->verb && f > 0 && !has_proclitic(doc, f, AR_WAW) && !has_proclitic(doc, f, "\xd9\x81") &&
        c->tok_men[f - 1] >= 0 && doc->toks.items[f - 1].sentence == s) {
        const mention *pm = &c->men.items[c->tok_men[f - 1]];
        int pb, pl;
        if (!pm->place && !pm->adjective && prep_before(c, pm->first, &pb, &pl) == P_NONE && !pb && !pl)
            preverbal = 1;
    }
    if (ev->nsrc == 0 && te->frame != TF_INV && !preverbal) {
        /* a verb's subject may stand inside the trigger's gap (فرضت الولايات المتحدة عقوبات) */
        size_t from = te->gaps && l > f + 1 ? f + 1 : l + 1;
        for (size_t j = from; j < nt && j <= from + 3; j++) {
            if (doc->toks.items[j].sentence != s || strong_punct(doc, j)) break;
            int32_t mi = c->tok_men[j];
            if (tm->verb && mi < 0 && c->tok_match[j] >= 0 && mentry(c, (size_t)c->tok_match[j])->kind == TK_PAIR) {
                ev->pair = 1; /* "اتفق الجانبان" */
                break;
            }
            if (mi >= 0) {
                const mention *m = &c->men.items[mi];
                int ab, al;
                enum prep p = prep_before(c, m->first, &ab, &al);
                if (p != P_NONE || ab || al || m->place) break;
                if (has_proclitic(doc, m->first, "\xd9\x88") && j > from) break;
                if (!tm->verb && te->frame == TF_PAT) break; /* اعتقال X: X undergoes */
                if (!tm->verb && j != from && !is_quote(doc, j - 1)) break; /* genitive: right after the noun */
                subj = mi;
                break;
            }
            /* adverbs and dates may stand between verb and subject */
            if (c->tok_ent[j] >= 0 && doc->ents.items[c->tok_ent[j]].type == SYRIA_ENTITY_DATE) continue;
            if (is_quote(doc, j)) continue;
            if (!tm->verb) break;
            if (c->tok_match[j] >= 0 && (size_t)c->tok_match[j] != ev->match &&
                mentry(c, (size_t)c->tok_match[j])->kind == TK_EVENT)
                break;
            if (word_prep(doc, j) != P_NONE || is_punct(doc, j)) break;
        }
        if (subj >= 0) {
            add_arg(ev->src, &ev->nsrc, subj);
            add_coordinated(c, (size_t)subj, ev->src, &ev->nsrc, counter, &ncounter);
        }
    }

    /* 3a. "أجرى محادثات مع X، ومشاورات مع Y": a trigger joined by و to the
     * previous one in the sentence shares its sources. */
    if (ev->nsrc == 0 && prev && has_proclitic(doc, f, "\xd9\x88")) {
        const trig_match *pm = &c->m.items[prev->match];
        if (doc->toks.items[pm->first].sentence == s && pm->last + 30 > f)
            for (int k = 0; k < prev->nsrc; k++) add_arg(ev->src, &ev->nsrc, prev->src[k].men);
    }

    /* 3. SVO: the nearest actor before the trigger in the same clause. */
    int pron = *tok_suffix(doc, f) != '\0';
    /* "نددت بهجمات إيران": the verb's subject is not the noun's agent */
    int after_verb = !tm->verb && f > 0 && (has_proclitic(doc, f, "\xd8\xa8") || has_proclitic(doc, f, "\xd9\x84")) &&
                     c->tok_match[f - 1] >= 0 && c->m.items[c->tok_match[f - 1]].verb &&
                     mentry(c, (size_t)c->tok_match[f - 1])->kind == TK_EVENT;
    if (ev->nsrc == 0 && !after_verb) {
        size_t lo = f > 10 ? f - 10 : 0;
        for (size_t j = f; j-- > lo;) {
            if (doc->toks.items[j].sentence != s || strong_punct(doc, j)) break;
            const trig_entry *o = match_kind_at(c, j, ev->match);
            if (o && o->kind == TK_PAIR && c->tok_men[j] < 0) {
                int pb, pl;
                if (prep_before(c, j, &pb, &pl) == P_NONE && !pb && !pl) {
                    ev->pair = 1; /* "أن الطرفين تناولا" */
                    break;
                }
            }
            if (o && o->kind == TK_SAY) {
                /* "موسكو وأنقرة أكدتا على التزامهما": the speaker is the agent */
                int32_t sm = c->say_men[c->tok_match[j]];
                /* "أعلن X وقف إطلاق النار": what is announced is X's act */
                int object = c->m.items[c->tok_match[j]].last + 1 == f && c->m.items[c->tok_match[j]].verb;
                /* "لافروف وعراقجي أعربا خلال المحادثة": no reported clause in between */
                int clause = 0;
                for (size_t t = c->m.items[c->tok_match[j]].last + 1; t < f; t++) clause |= complementiser(doc, t);
                int svo = sm >= 0 && c->men.items[sm].last < c->m.items[c->tok_match[j]].first;
                if (sm >= 0 && !c->men.items[sm].place && (pron || object || (!clause && svo))) {
                    size_t k = group_start(c, (size_t)sm);
                    add_arg(ev->src, &ev->nsrc, (int32_t)k);
                    add_coordinated(c, k, ev->src, &ev->nsrc, counter, &ncounter);
                }
                break;
            }
            if (complementiser(doc, j) && *tok_suffix(doc, j)) pron = 1; /* بأنها، إنه */
            if (complementiser(doc, j) && c->tok_men[j] < 0 && !(j + 1 == f && tm->verb)) break;
            int32_t mi = c->tok_men[j];
            if (mi < 0) continue;
            const mention *m = &c->men.items[mi];
            if (m->place || m->adjective) continue;
            size_t k = group_start(c, (size_t)mi);
            /* "بين أنقرة ودمشق": a group after a preposition is no subject */
            size_t h = k;
            while (h > 0 && c->men.items[h - 1].last + 3 >= c->men.items[h].first &&
                   has_proclitic(doc, c->men.items[h].first, "\xd9\x88"))
                h--;
            int ab, al;
            enum prep p = prep_before(c, c->men.items[h].first, &ab, &al);
            if (p != P_NONE || ab || al) {
                j = c->men.items[h].first;
                continue;
            }
            add_arg(ev->src, &ev->nsrc, (int32_t)k);
            add_coordinated(c, k, ev->src, &ev->nsrc, counter, &ncounter);
            break;
        }
    }

    /* 4. Targets: actors after the trigger introduced by a preposition, or the
     * object of a transitive verb; "بين X و Y" gives sources when none. */
    int obj_taken = 0;
    for (size_t j = l + 1; j < nt && j <= l + 12; j++) {
        if (doc->toks.items[j].sentence != s || strong_punct(doc, j)) break;
        /* an apposition after the subject: "موسكو، حليفة الرئيس السوري، تركيا" */
        if (is_punct(doc, j) && j > 0 && c->tok_men[j - 1] >= 0 && has_men(ev->src, ev->nsrc, c->tok_men[j - 1])) {
            size_t k = j + 1;
            while (k < nt && k <= j + 6 && doc->toks.items[k].sentence == s && !is_punct(doc, k)) k++;
            if (k < nt && k <= j + 6 && is_punct(doc, k) && !strong_punct(doc, k)) j = k;
            continue;
        }
        const trig_entry *o = match_kind_at(c, j, ev->match);
        if (o && (o->kind == TK_SAY || (o->kind == TK_EVENT && j > l + 1))) break;
        if (complementiser(doc, j) && c->tok_men[j] < 0) break;
        int32_t mi = c->tok_men[j];
        if (mi < 0) continue;
        const mention *m = &c->men.items[mi];
        if (has_men(ev->src, ev->nsrc, mi) || m->adjective) {
            j = m->last;
            continue;
        }
        int ab, al;
        enum prep p = prep_before(c, m->first, &ab, &al);
        if (p == P_NONE && !ab && !al) {
            /* "مع أمين المجلس ..."، "مع كبير مساعدي وزير الخارجية": across title words */
            for (size_t t = m->first; t-- > l + 1 && t + 4 > m->first;) {
                if (is_punct(doc, t) || c->tok_ent[t] >= 0 || c->tok_men[t] >= 0 || c->tok_match[t] >= 0) break;
                int tb, tl;
                enum prep tp = prep_before(c, t, &tb, &tl);
                if (tp == P_WITH || tp == P_ON || tp == P_AGAINST || tp == P_TO || tp == P_TOWARD || tp == P_BETWEEN) {
                    p = tp;
                    break;
                }
                if (tp != P_NONE || tb || tl) break;
            }
        }
        if (m->place && !(p == P_TO && !strcmp(te->type, "CONSULT"))) {
            j = m->last;
            continue;
        }
        int take = 0, as_src = 0;
        /* "من قبل X": the agent of a passive */
        if (p == P_OTHER && m->first >= 2 && word_prep(doc, m->first - 2) == P_FROM &&
            key_is(doc, m->first - 1, "\xd9\x82\xd8\xa8\xd9\x84")) {
            add_arg(ev->src, &ev->nsrc, mi);
            size_t last = add_coordinated(c, (size_t)mi, ev->src, &ev->nsrc, NULL, NULL);
            j = c->men.items[last].last;
            continue;
        }
        if (p == P_WITH || p == P_ON || p == P_AGAINST || p == P_TO || p == P_TOWARD) take = 1;
        else if (p == P_BETWEEN) {
            /* "بين X و Y": X acts, Y undergoes (gold notes) when nobody else acts */
            take = 1;
            if (ev->nsrc == 0) {
                add_arg(ev->src, &ev->nsrc, mi);
                size_t last = add_coordinated(c, (size_t)mi, ev->tgt, &ev->ntgt, NULL, NULL);
                j = c->men.items[last].last;
                obj_taken = 1;
                continue;
            }
        } else if (al) {
            take = 1;
            /* "لقاء ... على مستوى الوفود العسكرية لروسيا وتركيا": the owners of a noun in between */
            as_src = !tm->verb && te->frame == TF_DEFAULT && ev->nsrc == 0 && m->first > l + 1;
        }
        else if (ab && !strcmp(te->type, "CONSULT")) take = 1;
        else if (p == P_NONE && !ab && (te->frame == TF_OBJ || te->frame == TF_PAT || te->frame == TF_INV) && !obj_taken)
            take = 1;
        if (!take) {
            j = m->last;
            continue;
        }
        obj_taken = 1;
        if (as_src) {
            add_arg(ev->src, &ev->nsrc, mi);
            add_coordinated(c, (size_t)mi, ev->src, &ev->nsrc, NULL, NULL);
        } else {
            add_arg(ev->tgt, &ev->ntgt, mi);
            size_t last = add_coordinated(c, (size_t)mi, ev->tgt, &ev->ntgt, NULL, NULL);
            j = c->men.items[last].last;
        }
        if (ev->ntgt >= 3) break;
    }
    for (int k = 0; k < ncounter; k++) add_arg(ev->tgt, &ev->ntgt, counter[k].men);
    /* "تعرض موكبه لقصف بطائرتي هيلوكوبتر إسرائيلية": the subject of تعرض undergoes */
    int passive = !tm->verb && f > 0 && has_proclitic(doc, f, "\xd9\x84") &&
                  (suffered(doc, f - 1) || (f > 1 && suffered(doc, f - 2)));
    if (te->frame == TF_INV || passive) {
        /* "تركيا تفشل في إقناع روسيا": Russia rejects, Turkey is rejected */
        arg tmp[MAX_ARGS];
        int n = ev->nsrc;
        memcpy(tmp, ev->src, sizeof tmp);
        memcpy(ev->src, ev->tgt, sizeof tmp);
        memcpy(ev->tgt, tmp, sizeof tmp);
        ev->nsrc = ev->ntgt;
        ev->ntgt = n;
    }
    /* An actor is not its own target. */
    for (int k = 0; k < ev->ntgt;)
        if (has_men(ev->src, ev->nsrc, ev->tgt[k].men)) {
            memmove(&ev->tgt[k], &ev->tgt[k + 1], (size_t)(ev->ntgt - k - 1) * sizeof *ev->tgt);
            ev->ntgt--;
        } else k++;
}

/* Location: a GPE/LOC after a place preposition in the sentence, nearest to the trigger. */
static int32_t find_location(const ctx *c, const evwork *ev)
{
    const struct syria_doc *doc = c->doc;
    const trig_match *tm = &c->m.items[ev->match];
    uint32_t s = doc->toks.items[tm->first].sentence;
    int32_t best = -1;
    size_t bestd = (size_t)-1;
    /* a window of tokens around the trigger: linear in the document */
    size_t lo = tm->first > 12 ? tm->first - 12 : 0, hi = tm->last + 17;
    for (size_t j = lo; j < hi && j < doc->toks.count; j++) {
        int32_t e = c->tok_ent[j];
        if (e < 0 || (j > lo && c->tok_ent[j - 1] == e)) continue;
        const ent *en = &doc->ents.items[e];
        if (en->sentence != s || (en->type != SYRIA_ENTITY_GPE && en->type != SYRIA_ENTITY_LOC)) continue;
        size_t f = en->tok_first;
        if (!place_context(c, f, 1)) continue;
        int used = 0;
        for (int k = 0; k < ev->nsrc; k++) used |= c->men.items[ev->src[k].men].ent == e;
        for (int k = 0; k < ev->ntgt; k++) used |= c->men.items[ev->tgt[k].men].ent == e;
        if (used) continue;
        /* after the trigger first; before it only within the clause */
        size_t d = f > tm->last ? f - tm->last : (tm->first - f) + 4;
        if (f < tm->first) {
            int crossed = 0;
            for (size_t t = f; t < tm->first; t++) crossed |= is_punct(doc, t) && !is_quote(doc, t);
            if (crossed) continue;
        }
        if (d > 16) continue;
        if (d < bestd) {
            bestd = d;
            best = e;
        }
    }
    return best;
}

/* Date: a resolved DATE in the sentence (first day of a range), else the document's. */
static void find_date(const ctx *c, evwork *ev)
{
    const struct syria_doc *doc = c->doc;
    const trig_match *tm = &c->m.items[ev->match];
    uint32_t s = doc->toks.items[tm->first].sentence;
    snprintf(ev->date, sizeof ev->date, "%s", doc->date);
    /* the sentence, within 60 words of the trigger (linear in the document) */
    size_t lo = tm->first > 60 ? tm->first - 60 : 0, hi = tm->last + 61;
    for (size_t j = lo; j < hi && j < doc->toks.count; j++) {
        int32_t e = c->tok_ent[j];
        if (e < 0 || (j > lo && c->tok_ent[j - 1] == e)) continue;
        const ent *en = &doc->ents.items[e];
        if (en->sentence != s || en->type != SYRIA_ENTITY_DATE) continue;
        const char *v = estr(doc, en->value);
        if (v[0] < '0' || v[0] > '9') continue; /* unresolved or a duration */
        size_t n = strcspn(v, "/");
        if (n >= sizeof ev->date) continue;
        memcpy(ev->date, v, n);
        ev->date[n] = '\0';
        return;
    }
}

/* يتم/تم/يجري/تجري/يكن: verbs that carry a noun's tense and negation. */
static int support_verb(const struct syria_doc *doc, size_t i)
{
    static const char *const w[] = {"\xd9\x8a\xd8\xaa\xd9\x85", "\xd8\xaa\xd8\xaa\xd9\x85", "\xd8\xaa\xd9\x85",
                                    "\xd9\x8a\xd8\xac\xd8\xb1", "\xd8\xaa\xd8\xac\xd8\xb1", "\xd9\x8a\xd9\x83\xd9\x86",
                                    "\xd8\xaa\xd9\x83\xd9\x86", "\xd9\x8a\xd8\xad\xd8\xb5\xd9\x84"};
    for (size_t k = 0; k < sizeof w / sizeof w[0]; k++)
        if (!strcmp(tok_stem(doc, i), w[k])) return 1;
    return 0;
}

static int status_of(const ctx *c, size_t k)
{
    const struct syria_doc *doc = c->doc;
    const trig_match *tm = &c->m.items[k];
    uint32_t s = doc->toks.items[tm->first].sentence;
    /* Negation: a cue at most two words before a verb (لم تنسحب، لن يتم); before
     * a noun, right before it (عدم انسحاب) or through a support verb (لم يتم التوصل). */
    for (size_t j = tm->first; j-- > 0 && j + 3 >= tm->first;) {
        if (doc->toks.items[j].sentence != s || is_punct(doc, j)) break;
        const trig_entry *o = match_kind_at(c, j, k);
        if (o && o->kind == TK_NEG) return SYRIA_STATUS_NEGATED;
        if (o && o->kind == TK_EVENT) break;
        if (!tm->verb && !support_verb(doc, j)) break;
    }
    /* Future: the prefix سـ on the trigger, a cue near it. */
    if (has_proclitic(doc, tm->first, "\xd8\xb3")) return SYRIA_STATUS_FUTURE;
    /* a support verb in the future right before a noun (ستجريان دوريات مشتركة، سيعقد اجتماعا) */
    for (size_t j = tm->first; !tm->verb && j-- > 0 && j + 2 >= tm->first;) {
        if (doc->toks.items[j].sentence != s || is_punct(doc, j)) break;
        if (has_proclitic(doc, j, "\xd8\xb3")) return SYRIA_STATUS_FUTURE;
    }
    size_t lo = tm->first > 6 ? tm->first - 6 : 0;
    for (size_t j = lo; j <= tm->last + 5 && j < doc->toks.count; j++) {
        if (doc->toks.items[j].sentence != s) continue;
        const trig_entry *o = match_kind_at(c, j, k);
        if (o && o->kind == TK_FUT) return SYRIA_STATUS_FUTURE;
    }
    return SYRIA_STATUS_ASSERTED;
}

/* Events inside a demand, threat, agreement or rejection are future. */
static int embedding_head(const char *type)
{
    return !strcmp(type, "REQUEST") || !strcmp(type, "THREATEN") || !strcmp(type, "AGREE") ||
           !strcmp(type, "REJECT") || !strcmp(type, "COERCE");
}

/* REQUEST refined by what is demanded (the next event within a few words). */
static const char *refine_request(const char *cameo, const char *what, const char *what_code)
{
    int appeal = cameo[0] == '0';
    if (!strcmp(what, "RETREAT")) {
        if (!strncmp(what_code, "084", 3)) return appeal ? "0253" : "1053";
        return appeal ? "0256" : "1056";
    }
    if (!strcmp(what, "CONSULT")) return appeal ? "026" : "106";
    if (!strcmp(what, "AID")) return appeal ? "023" : "103";
    if (!strcmp(what, "COOPERATE")) return appeal ? "021" : "101";
    if (!strcmp(what, "SANCTION") && !strncmp(what_code, "085", 3)) return appeal ? "0254" : "1054";
    return cameo;
}

/* The actor code of a mention in an event whose default role is role. */
static void actor_code(const mention *m, const char *role, char *code, size_t cap)
{
    if (strlen(m->cc) >= 6 || (m->bare && !m->role[0])) snprintf(code, cap, "%s", m->cc);
    else snprintf(code, cap, "%s%s", m->cc, m->role[0] ? m->role : role);
}

static int emit(ctx *c, evwork *ev)
{
    struct syria_doc *doc = c->doc;
    const trig_match *tm = &c->m.items[ev->match];
    const trig_entry *te = &trig_entries[tm->entry];
    const cameo_row *row = cameo_lookup(ev->cameo);
    if (!row) row = cameo_lookup(te->code);
    if (!row) return SYRIA_OK; /* the lexicon test guarantees this does not happen */
    struct ev *v = array_push(&doc->evs);
    if (!v) return syria_fail(SYRIA_ENOMEM, "out of memory");
    const tok *a = &doc->toks.items[tm->first], *b = &doc->toks.items[tm->last];
    /* Triggers never overlap names: a gap holding one leaves the last word, the
     * noun that names the event (تجري روسيا اتصالاتها، شنت القوات السورية هجوما). */
    for (size_t j = tm->first + 1; j <= tm->last; j++)
        if (c->tok_ent[j] >= 0) a = b;
    if (a == b && tm->last != tm->first && c->tok_ent[tm->last] >= 0) a = b = &doc->toks.items[tm->first];
    v->trig_start = a->start;
    v->trig_len = b->start + b->len - a->start;
    v->type = doc_intern(doc, te->type, strlen(te->type));
    v->mode = doc_intern(doc, row->mode, strlen(row->mode));
    v->cameo = doc_intern(doc, row->code, strlen(row->code));
    v->quad = row->quad;
    v->goldstein = row->goldstein;
    v->first_actor = (uint32_t)doc->actors.count;
    const char *role = default_role(te->type, row->code);
    int kept[2] = {0, 0};
    for (int side = 0; side < 2; side++) {
        const arg *as = side ? ev->tgt : ev->src;
        int n = side ? ev->ntgt : ev->nsrc;
        for (int k = 0; k < n; k++) {
            const mention *m = &c->men.items[as[k].men];
            if (side == 1) { /* nobody acts on themselves: a target with a source's actor code goes */
                int self = 0;
                char tc[12];
                actor_code(m, role, tc, sizeof tc);
                for (int q = 0; q < ev->nsrc; q++) {
                    char sc[12];
                    actor_code(&c->men.items[ev->src[q].men], role, sc, sizeof sc);
                    self |= ev->src[q].men == as[k].men || !strcmp(sc, tc);
                }
                if (self) continue;
            }
            kept[side]++;
            char code[12];
            actor_code(m, role, code, sizeof code);
            ev_actor *ac = array_push(&doc->actors);
            if (!ac) return syria_fail(SYRIA_ENOMEM, "out of memory");
            ac->ent = m->ent;
            ac->code = doc_intern(doc, code, strlen(code));
        }
    }
    v->nsources = (uint32_t)kept[0];
    v->ntargets = (uint32_t)kept[1];
    v->location = ev->location;
    v->reported_by = ev->reported_by;
    v->date = doc_intern(doc, ev->date, strlen(ev->date));
    v->status = (uint8_t)ev->status;
    v->sentence = a->sentence;
    return SYRIA_OK;
}

/* The speaker of reporting cue k: an actor right after it (VSO, بحسب X) or
 * right before it (SVO); -1 when none. */
static int32_t speaker_of(const ctx *c, size_t k)
{
    const struct syria_doc *doc = c->doc;
    const trig_match *tm = &c->m.items[k];
    uint32_t s = doc->toks.items[tm->first].sentence;
    size_t reach = tm->verb || trig_entries[tm->entry].frame == TF_PREP ? 4 : 1; /* بيان الخارجية، بيان لها */
    for (size_t j = tm->last + 1; j < doc->toks.count && j <= tm->last + reach; j++) {
        if (doc->toks.items[j].sentence != s || strong_punct(doc, j)) break;
        int32_t e = c->tok_ent[j];
        if (e >= 0) {
            const ent *en = &doc->ents.items[e];
            if (en->type == SYRIA_ENTITY_DATE) {
                j = en->tok_first + en->tok_count - 1;
                continue;
            }
            if (en->type == SYRIA_ENTITY_LOC || en->type == SYRIA_ENTITY_MISC) break;
            int ab, al;
            if (en->type == SYRIA_ENTITY_GPE && (prep_before(c, j, &ab, &al) == P_IN || ab)) break;
            /* a title's nationality (المتحدث باسم الخارجية الروسية): the person may follow */
            if (en->type == SYRIA_ENTITY_NORP) {
                for (size_t t = en->tok_first + en->tok_count; t < doc->toks.count && t <= j + 3; t++) {
                    int32_t e2 = c->tok_ent[t];
                    if (e2 >= 0 && (doc->ents.items[e2].type == SYRIA_ENTITY_PER || doc->ents.items[e2].type == SYRIA_ENTITY_ORG))
                        return e2;
                }
            }
            return e;
        }
        if (complementiser(doc, j)) break;
    }
    if (trig_entries[tm->entry].frame == TF_PREP || !tm->verb) return -1; /* SVO only for verbs */
    for (size_t j = tm->first; j-- > 0 && j + 4 >= tm->first;) {
        if (doc->toks.items[j].sentence != s || strong_punct(doc, j)) break;
        int32_t e = c->tok_ent[j];
        if (e >= 0) {
            const ent *en = &doc->ents.items[e];
            size_t f = en->tok_first;
            int ab, al;
            if (prep_before(c, f, &ab, &al) != P_NONE || ab || al || place_context(c, f, 0)) break;
            if (en->type == SYRIA_ENTITY_PER || en->type == SYRIA_ENTITY_ORG || en->type == SYRIA_ENTITY_GPE) return e;
            /* a title with a nationality (الرئيس الأفغاني أعلن) */
            if (en->type == SYRIA_ENTITY_NORP && c->tok_men[j] >= 0 && c->men.items[c->tok_men[j]].role[0]) return e;
            break;
        }
    }
    return -1;
}

static int relative_pronoun(const struct syria_doc *doc, size_t i)
{
    return key_is(doc, i, "\xd8\xa7\xd9\x84\xd8\xaa\xd9\x8a") ||             /* التي */
           key_is(doc, i, "\xd8\xa7\xd9\x84\xd8\xb0\xd9\x8a") ||             /* الذي */
           key_is(doc, i, "\xd8\xa7\xd9\x84\xd8\xb0\xd9\x8a\xd9\x86") ||      /* الذين */
           key_is(doc, i, "\xd8\xa7\xd9\x84\xd9\x84\xd8\xb0\xd9\x8a\xd9\x86") || /* اللذين */
           key_is(doc, i, "\xd8\xa7\xd9\x84\xd9\x84\xd8\xaa\xd9\x8a\xd9\x86");  /* اللتين */
}

/* كان and its forms (التي كان يسيطر عليها). */
static int kana(const struct syria_doc *doc, size_t i)
{
    static const char *const w[] = {"\xd9\x83\xd8\xa7\xd9\x86", "\xd9\x83\xd8\xa7\xd9\x86\xd8\xaa",
                                    "\xd9\x83\xd8\xa7\xd9\x86\xd9\x88\xd8\xa7", "\xd9\x8a\xd9\x83\xd9\x88\xd9\x86",
                                    "\xd8\xaa\xd9\x83\xd9\x88\xd9\x86"};
    for (size_t k = 0; k < sizeof w / sizeof w[0]; k++)
        if (key_is(doc, i, w[k])) return 1;
    return 0;
}

static int build(ctx *c)
{
    struct syria_doc *doc = c->doc;
    int rc;
    size_t nm = c->m.count;
    evwork *evs = calloc(nm ? nm : 1, sizeof *evs);
    if (!evs) return syria_fail(SYRIA_ENOMEM, "out of memory");
    size_t nev = 0;
    int32_t speaker = -1;
    uint32_t speaker_sent = 0, say_sent = (uint32_t)-1;
    size_t say_tok = 0;
    int have_speaker = 0;
    for (size_t k = 0; k < nm; k++) {
        const trig_match *tm = &c->m.items[k];
        const trig_entry *te = &trig_entries[tm->entry];
        uint32_t s = doc->toks.items[tm->first].sentence;
        if (te->kind == TK_SAY) {
            int32_t sp = speaker_of(c, k);
            if (sp >= 0) {
                const ent *se = &doc->ents.items[sp];
                size_t last = se->tok_first + se->tok_count - 1;
                c->say_men[k] = last < doc->toks.count ? c->tok_men[last] : -1;
            }
            if (have_speaker && s == say_sent) {
                /* a report inside a report: the outer speaker stays */
            } else if (sp >= 0) {
                speaker = sp;
                have_speaker = 1;
                say_tok = tm->first;
            } else if (!(have_speaker && s <= speaker_sent + 2)) {
                have_speaker = 0; /* "وأضاف البيان": the last speaker goes on */
            } else {
                say_tok = tm->first;
            }
            speaker_sent = s;
            say_sent = s;
            continue;
        }
        if (te->kind != TK_EVENT) continue;
        /* "بالاتفاقات"، "للاتفاق"، "فالاتفاق": references to an agreement (gold notes 004 #12) */
        if (!tm->verb && !strcmp(te->type, "AGREE") && te->nwords == 1 &&
            (has_proclitic(doc, tm->first, "\xd8\xa8") || has_proclitic(doc, tm->first, "\xd9\x84") ||
             has_proclitic(doc, tm->first, "\xd9\x81")))
            continue;
        /* "محادثات هاتفية ... لبحث التطورات": the purpose of a consultation is that consultation */
        if (!strcmp(te->type, "CONSULT") && has_proclitic(doc, tm->first, "\xd9\x84") && nev > 0) {
            const trig_match *pm = &c->m.items[evs[nev - 1].match];
            if (!strcmp(trig_entries[pm->entry].type, "CONSULT") && pm->last + 16 >= tm->first &&
                doc->toks.items[pm->first].sentence == s)
                continue;
        }
        /* a trigger inside a name (اتفاق سوتشي، مسار أستانا) names, it does not report */
        if (c->tok_ent[tm->first] >= 0) continue;
        /* a relative clause describes, it does not report an event (التي تدعمها) */
        if (tm->verb && tm->first > 0 &&
            (relative_pronoun(doc, tm->first - 1) ||
             (tm->first > 1 && relative_pronoun(doc, tm->first - 2) && kana(doc, tm->first - 1))))
            continue;
        evwork *ev = &evs[nev++];
        memset(ev, 0, sizeof *ev);
        ev->match = k;
        ev->cameo = te->code;
        ev->location = -1;
        ev->embedded = -1;
        ev->reported_by = have_speaker && s == say_sent && tm->first > say_tok ? speaker : -1;
        ev->status = status_of(c, k);
    }
    /* Embedded events and demands refined by what is demanded. */
    for (size_t i = 1; i < nev; i++) {
        const trig_match *tm = &c->m.items[evs[i].match];
        for (size_t h = i; h-- > 0;) {
            const trig_match *hm = &c->m.items[evs[h].match];
            if (doc->toks.items[hm->first].sentence != doc->toks.items[tm->first].sentence) break;
            if (tm->first > hm->last + 7) break;
            const trig_entry *he = &trig_entries[hm->entry], *te = &trig_entries[tm->entry];
            if (!embedding_head(he->type) || !strcmp(he->type, te->type)) continue;
            if (evs[i].status == SYRIA_STATUS_ASSERTED && evs[h].status != SYRIA_STATUS_NEGATED)
                evs[i].status = SYRIA_STATUS_FUTURE;
            if (!strcmp(he->type, "REQUEST") && evs[h].cameo == he->code)
                evs[h].cameo = refine_request(he->code, te->type, te->code);
            if (evs[h].embedded < 0) evs[h].embedded = (int32_t)i;
            /* A ceasefire or truce agreed to or demanded is that agreement or demand
             * (gold: "اتفاق لوقف إطلاق النار" one AGREE 0356; "المطالبة بوقف إطلاق النار"). */
            if (!strcmp(te->type, "RETREAT") && !strncmp(te->code, "087", 3) && strcmp(te->code, "0874") &&
                (!strcmp(he->type, "AGREE") || !strcmp(he->type, "REQUEST"))) {
                evs[i].merged = 1;
                if (!strcmp(he->type, "AGREE") && !strcmp(evs[h].cameo, "030")) evs[h].cameo = "0356";
            }
            break;
        }
    }
    for (size_t i = 0; i < nev; i++) {
        /* the trigger a و joins this one to: the previous verb for a verb */
        const evwork *prev = i > 0 ? &evs[i - 1] : NULL;
        if (c->m.items[evs[i].match].verb)
            for (size_t j = i; j-- > 0 && j + 16 > i;)
                if (c->m.items[evs[j].match].verb) {
                    prev = &evs[j];
                    break;
                }
        assign_args(c, &evs[i], prev);
        /* "وتتهم موسكو تركيا ...، وتتهمها": a verb joined by و shares the subject */
        const trig_match *tm = &c->m.items[evs[i].match];
        if (evs[i].ntgt == 0 && tm->verb && has_proclitic(doc, tm->first, "\xd9\x88") && *tok_suffix(doc, tm->first)) {
            for (size_t j = i; j-- > 0 && j + 16 > i;) {
                const evwork *p = &evs[j];
                const trig_match *pm = &c->m.items[p->match];
                if (doc->toks.items[pm->first].sentence != doc->toks.items[tm->first].sentence) break;
                if (!pm->verb) continue;
                for (int k = 0; k < p->ntgt; k++) add_arg(evs[i].tgt, &evs[i].ntgt, p->tgt[k].men);
                break;
            }
        }
        /* Event coreference: a definite or possessed event noun with no actor of
         * its own (الاجتماع، المباحثات، اتصالاتها) refers back to the last event of
         * its type (gold notes: actors of such mentions come from coreference). */
        /* "الطرفان"، "الجانبين": the parties of the last event with two sides */
        if (evs[i].pair && evs[i].nsrc == 0) {
            uint32_t s = doc->toks.items[tm->first].sentence;
            for (size_t j = i; j-- > 0 && j + 32 > i;) {
                const evwork *p = &evs[j];
                if (doc->toks.items[c->m.items[p->match].first].sentence + 3 < s) break;
                if (p->nsrc + p->ntgt < 2 || p->nsrc == 0) continue;
                for (int k = 0; k < p->nsrc; k++) add_arg(evs[i].src, &evs[i].nsrc, p->src[k].men);
                for (int k = 0; k < p->ntgt; k++) add_arg(evs[i].tgt, &evs[i].ntgt, p->tgt[k].men);
                break;
            }
        }
        /* Not for a noun after ب/ل/ف (بالاتفاقات، للاتفاق، فالاتفاق: a reference
         * to an agreement, gold notes 004 #12), nor for agreements at all. */
        int governed = has_proclitic(doc, tm->first, "\xd8\xa8") || has_proclitic(doc, tm->first, "\xd9\x84") ||
                       has_proclitic(doc, tm->first, "\xd9\x81");
        if (evs[i].nsrc == 0 && evs[i].ntgt == 0 && !tm->verb && !governed &&
            strcmp(trig_entries[tm->entry].type, "AGREE")) {
            const trig_entry *te = &trig_entries[tm->entry];
            uint32_t s = doc->toks.items[tm->first].sentence;
            /* an indefinite noun only within its sentence and the one before */
            uint32_t reach = has_proclitic(doc, tm->first, "\xd8\xa7\xd9\x84") || *tok_suffix(doc, tm->first) ? 3 : 1;
            /* the same word first (الاجتماع -> اجتماع), else the same type */
            for (int same_entry = 1; same_entry >= 0 && evs[i].nsrc == 0; same_entry--)
                for (size_t j = i; j-- > 0 && j + 64 > i;) {
                    const evwork *p = &evs[j];
                    const trig_match *pm = &c->m.items[p->match];
                    if (doc->toks.items[pm->first].sentence + reach < s) break;
                    if (strcmp(trig_entries[pm->entry].type, te->type) || p->nsrc == 0) continue;
                    if (same_entry && pm->entry != tm->entry) continue;
                    for (int k = 0; k < p->nsrc; k++) add_arg(evs[i].src, &evs[i].nsrc, p->src[k].men);
                    for (int k = 0; k < p->ntgt; k++) add_arg(evs[i].tgt, &evs[i].ntgt, p->tgt[k].men);
                    break;
                }
        }
        evs[i].location = find_location(c, &evs[i]);
        /* A visit's host is the place visited (تواجد وفد أمني تركي في موسكو). */
        if (evs[i].ntgt == 0 && evs[i].location >= 0 &&
            (!strcmp(evs[i].cameo, "042") || !strcmp(evs[i].cameo, "043"))) {
            const ent *le = &doc->ents.items[evs[i].location];
            size_t lt = le->tok_first + le->tok_count - 1;
            int32_t lm = lt < doc->toks.count ? c->tok_men[lt] : -1;
            if (lm >= 0 && le->type == SYRIA_ENTITY_GPE && !has_men(evs[i].src, evs[i].nsrc, lm))
                add_arg(evs[i].tgt, &evs[i].ntgt, lm);
        }
        find_date(c, &evs[i]);
        if (evs[i].status == SYRIA_STATUS_ASSERTED && doc->date[0] && strcmp(evs[i].date, doc->date) > 0 &&
            strlen(evs[i].date) == 10)
            evs[i].status = SYRIA_STATUS_FUTURE;
    }
    /* "طلب تركي بانسحاب الجيش السوري": a demand's target is who is to act. */
    for (size_t i = 0; i < nev; i++)
        if (evs[i].embedded >= 0 && evs[i].ntgt == 0 && !strcmp(trig_entries[c->m.items[evs[i].match].entry].type, "REQUEST")) {
            const evwork *e = &evs[evs[i].embedded];
            for (int k = 0; k < e->nsrc; k++)
                if (!has_men(evs[i].src, evs[i].nsrc, e->src[k].men)) add_arg(evs[i].tgt, &evs[i].ntgt, e->src[k].men);
        }
    /* Events with no actor are left out, as in the gold (notes: "events with no
     * identifiable actor ... skipped"). */
    for (size_t i = 0; i < nev; i++) {
        if ((evs[i].nsrc == 0 && evs[i].ntgt == 0) || evs[i].merged) continue;
        if ((rc = emit(c, &evs[i]))) {
            free(evs);
            return rc;
        }
    }
    free(evs);
    return SYRIA_OK;
}

int extract_stage(struct syria_doc *doc)
{
    ctx c;
    memset(&c, 0, sizeof c);
    c.doc = doc;
    size_t nt = doc->toks.count;
    int rc = trig_match_doc(doc, &c.m);
    if (rc) goto out;
    c.tok_match = malloc((nt ? nt : 1) * sizeof *c.tok_match);
    c.tok_ent = malloc((nt ? nt : 1) * sizeof *c.tok_ent);
    c.tok_men = malloc((nt ? nt : 1) * sizeof *c.tok_men);
    c.say_men = malloc((c.m.count ? c.m.count : 1) * sizeof *c.say_men);
    if (!c.tok_match || !c.tok_ent || !c.tok_men || !c.say_men) {
        rc = syria_fail(SYRIA_ENOMEM, "out of memory");
        goto out;
    }
    for (size_t i = 0; i < nt; i++) c.tok_match[i] = c.tok_ent[i] = c.tok_men[i] = -1;
    for (size_t k = 0; k < c.m.count; k++) c.say_men[k] = -1;
    for (size_t k = 0; k < c.m.count; k++) {
        const trig_match *tm = &c.m.items[k];
        const trig_entry *te = &trig_entries[tm->entry];
        /* the matched words only: the first and last, and the gap's words when none was skipped */
        c.tok_match[tm->first] = (int32_t)k;
        c.tok_match[tm->last] = (int32_t)k;
        if (!te->gaps)
            for (size_t j = tm->first; j <= tm->last; j++) c.tok_match[j] = (int32_t)k;
    }
    for (size_t e = 0; e < doc->ents.count; e++) {
        const ent *en = &doc->ents.items[e];
        for (size_t j = en->tok_first; j < en->tok_first + en->tok_count && j < nt; j++)
            if (c.tok_ent[j] < 0) c.tok_ent[j] = (int32_t)e;
    }
    if ((rc = collect_mentions(&c))) goto out;
    rc = build(&c);
    if (!rc && (doc->strings.failed || doc->evs.count > UINT32_MAX))
        rc = syria_fail(SYRIA_ENOMEM, "out of memory");
out:
    array_free(&c.m);
    array_free(&c.men);
    free(c.tok_match);
    free(c.tok_ent);
    free(c.tok_men);
    free(c.say_men);
    return rc;
}
