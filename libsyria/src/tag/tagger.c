/* Structured averaged perceptron with hashed features and constrained
 * Viterbi decoding (see tagger.h). */
#include "tag/tagger.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "syria/syria.h"
#include "tag/gazetteer.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#define NT TAGGER_NTAGS
#define START NT /* row of trans for the start of a sentence */

static const char *const tag_names[NT] = {"O",     "B-PER", "I-PER",  "B-ORG", "I-ORG",
                                          "B-LOC", "I-LOC", "B-MISC", "I-MISC"};

const char *tagger_tag_name(int tag) { return tag >= 0 && tag < NT ? tag_names[tag] : NULL; }

int tagger_tag_parse(const char *name)
{
    if (!name) return -1;
    if (!strcmp(name, "O")) return TAG_O;
    if ((name[0] != 'B' && name[0] != 'I') || name[1] != '-') return -1;
    const char *c = name + 2;
    int cls;
    if (!strcmp(c, "PER") || !strcmp(c, "PERS")) cls = TAG_PER;
    else if (!strcmp(c, "ORG")) cls = TAG_ORG;
    else if (!strcmp(c, "LOC")) cls = TAG_LOC;
    else if (!strcmp(c, "MISC") || !strncmp(c, "MIS", 3)) cls = TAG_MISC;
    else return -1;
    return name[0] == 'B' ? TAG_B(cls) : TAG_I(cls);
}

int tagger_transition_ok(int prev, int cur)
{
    if (cur < 0 || cur >= NT) return 0;
    if (!TAG_IS_I(cur)) return 1;
    if (prev < 0 || prev == TAG_O) return 0;
    return TAG_CLASS(prev) == TAG_CLASS(cur);
}

/* ---------------------------------------------------------------- */
/* Features */

#if defined(__GNUC__)
#define HOT_INLINE static inline __attribute__((always_inline))
#else
#define HOT_INLINE static inline
#endif

HOT_INLINE uint64_t mix64(uint64_t x)
{
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ull;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebull;
    x ^= x >> 31;
    return x;
}

HOT_INLINE uint64_t hstr(uint64_t h, const char *s)
{
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 0x100000001b3ull;
    }
    return h;
}

HOT_INLINE uint64_t hbytes(uint64_t h, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 0x100000001b3ull;
    }
    return h;
}

HOT_INLINE uint64_t htmpl(unsigned tmpl) { return 0xcbf29ce484222325ull ^ ((uint64_t)(tmpl + 1) * 0x9e3779b97f4a7c15ull); }

typedef struct fctx {
    uint32_t *out;
    size_t k, cap;
    uint64_t mask;
} fctx;

HOT_INLINE void emit(fctx *c, uint64_t h)
{
    if (c->k < c->cap) c->out[c->k++] = (uint32_t)(mix64(h) & c->mask);
}

HOT_INLINE void f1(fctx *c, unsigned tmpl, const char *s) { emit(c, hstr(htmpl(tmpl), s)); }
HOT_INLINE void f2(fctx *c, unsigned tmpl, const char *a, const char *b)
{
    emit(c, hstr(hbytes(hstr(htmpl(tmpl), a), "|", 1), b));
}
HOT_INLINE void fn(fctx *c, unsigned tmpl, unsigned v) { emit(c, mix64(htmpl(tmpl) + v)); }

/* Byte length of the first k code points of s (or of s if shorter); *got the count. */
static size_t cp_prefix(const char *s, size_t k, size_t *got)
{
    size_t i = 0, n = 0;
    while (s[i] && n < k) {
        i++;
        while ((s[i] & 0xC0) == 0x80) i++;
        n++;
    }
    *got = n;
    return i;
}

static size_t cp_count(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        if ((*s & 0xC0) != 0x80) n++;
    return n;
}

/* Trigger words (normalised stems, without the article). */
enum { TRIG_NONE = 0, TRIG_PER, TRIG_ORG, TRIG_LOC, TRIG_SAY };
#define TW(w, c) {w, sizeof(w) - 1, c}
static const struct {
    const char *w;
    size_t len;
    int cls;
} triggers[] = {
    /* people: titles and roles */
    TW("رئيس", TRIG_PER), TW("رئيسة", TRIG_PER), TW("وزير", TRIG_PER), TW("وزيرة", TRIG_PER),
    TW("متحدث", TRIG_PER), TW("متحدثة", TRIG_PER), TW("ناطق", TRIG_PER), TW("شيخ", TRIG_PER),
    TW("سيد", TRIG_PER), TW("سيدة", TRIG_PER), TW("ملك", TRIG_PER), TW("امير", TRIG_PER),
    TW("دكتور", TRIG_PER), TW("نائب", TRIG_PER), TW("سفير", TRIG_PER), TW("قائد", TRIG_PER),
    TW("مدير", TRIG_PER), TW("زعيم", TRIG_PER), TW("مبعوث", TRIG_PER), TW("مستشار", TRIG_PER),
    TW("عاهل", TRIG_PER), TW("امين", TRIG_PER), TW("مراسل", TRIG_PER), TW("لاعب", TRIG_PER),
    TW("مدرب", TRIG_PER), TW("رئيس الوزراء", TRIG_PER), TW("جنرال", TRIG_PER), TW("عقيد", TRIG_PER),
    TW("اللواء", TRIG_PER), TW("لواء", TRIG_PER), TW("بابا", TRIG_PER), TW("الشيخ", TRIG_PER),
    TW("المستشار", TRIG_PER), TW("الرئيس", TRIG_PER), TW("الوزير", TRIG_PER), TW("الملك", TRIG_PER),
    /* organisations */
    TW("وكالة", TRIG_ORG), TW("حزب", TRIG_ORG), TW("شركة", TRIG_ORG), TW("منظمة", TRIG_ORG),
    TW("جامعة", TRIG_ORG), TW("جمعية", TRIG_ORG), TW("حركة", TRIG_ORG), TW("جبهة", TRIG_ORG),
    TW("اتحاد", TRIG_ORG), TW("بنك", TRIG_ORG), TW("صحيفة", TRIG_ORG), TW("مجلس", TRIG_ORG),
    TW("هيئة", TRIG_ORG), TW("مؤسسة", TRIG_ORG), TW("قناة", TRIG_ORG), TW("نادي", TRIG_ORG),
    TW("فريق", TRIG_ORG), TW("مجموعة", TRIG_ORG), TW("لجنة", TRIG_ORG), TW("محكمة", TRIG_ORG),
    TW("وزارة", TRIG_ORG), TW("مصرف", TRIG_ORG), TW("تنظيم", TRIG_ORG), TW("منتخب", TRIG_ORG),
    /* places */
    TW("مدينة", TRIG_LOC), TW("محافظة", TRIG_LOC), TW("ولاية", TRIG_LOC), TW("منطقة", TRIG_LOC),
    TW("قرية", TRIG_LOC), TW("بلدة", TRIG_LOC), TW("عاصمة", TRIG_LOC), TW("جزيرة", TRIG_LOC),
    TW("نهر", TRIG_LOC), TW("جبل", TRIG_LOC), TW("اقليم", TRIG_LOC), TW("بحر", TRIG_LOC),
    TW("مخيم", TRIG_LOC), TW("حي", TRIG_LOC), TW("دولة", TRIG_LOC), TW("بلاد", TRIG_LOC),
    TW("شمال", TRIG_LOC), TW("جنوب", TRIG_LOC), TW("شرق", TRIG_LOC), TW("غرب", TRIG_LOC),
    /* reporting verbs */
    TW("قال", TRIG_SAY), TW("اعلن", TRIG_SAY), TW("اكد", TRIG_SAY), TW("صرح", TRIG_SAY),
    TW("اضاف", TRIG_SAY), TW("اوضح", TRIG_SAY), TW("ذكر", TRIG_SAY), TW("افاد", TRIG_SAY),
};

/* Every trigger is 4..23 bytes long and ends in a two-byte letter: a word
 * is compared with a trigger only when its length and its last two bytes
 * agree (the same first match as comparing them all). */
static int trigger_of(const tagger_tok *t)
{
    size_t ls = strlen(t->stem), ln = strlen(t->norm);
    if ((ls < 4 || ls > 23) && (ln < 4 || ln > 23)) return TRIG_NONE;
    unsigned es = ls >= 2 ? (unsigned)(unsigned char)t->stem[ls - 2] << 8 | (unsigned char)t->stem[ls - 1] : 0u;
    unsigned en = ln >= 2 ? (unsigned)(unsigned char)t->norm[ln - 2] << 8 | (unsigned char)t->norm[ln - 1] : 0u;
    for (size_t i = 0; i < sizeof triggers / sizeof *triggers; i++) {
        size_t l = triggers[i].len;
        const char *w = triggers[i].w;
        unsigned e = (unsigned char)w[l - 2] << 8 | (unsigned char)w[l - 1];
        if ((l == ls && e == es && !memcmp(t->stem, w, l)) || (l == ln && e == en && !memcmp(t->norm, w, l)))
            return triggers[i].cls;
    }
    return TRIG_NONE;
}

static const char *stem_of(const tagger_tok *t) { return t->stem && *t->stem ? t->stem : t->norm; }

enum {
    T_BIAS, T_NORM, T_STEM, T_PREFIX, T_SUFFIX, T_SHAPE, T_LATIN, T_PRE1, T_PRE2, T_PRE3,
    T_SUF1, T_SUF2, T_SUF3, T_STEM_M1, T_STEM_M2, T_STEM_P1, T_STEM_P2, T_NORM_M1, T_NORM_P1,
    T_BI_M1, T_BI_P1, T_GAZ, T_GAZ_M1, T_GAZ_P1, T_TRIG_M1, T_TRIG_M2, T_TRIG_0, T_KIND_M1,
    T_KIND_P1, T_PREFIX_STEM, T_PREFIX_M1, T_GAZ_STEM_OOV, T_TRIG_P1,
    /* clusters */
    T_C_0, T_C_M1, T_C_P1, T_C_M2, T_C_P2, T_CINFO, T_C_PREFIX, T_C_BI, T_C_STEM_M1, T_C_STEM_P1,
    T_C_GAZ, T_C_UNK_SHAPE, T_SUF4, T_PRE4, T_SENT_POS, T_C_TRIG_M1, T_CFULL_0,
    /* quoted titles */
    T_QUOTE, T_QUOTE_HEAD, T_QUOTE_C
};

/* The first p bits of a token's cluster path (p = its length when shorter),
 * with the length folded in so that different lengths never collide. */
static inline unsigned cprefix(const tagger_tok *t, unsigned p)
{
    unsigned l = t->clen;
    if (!l) return 0u;
    if (p > l) p = l;
    return ((t->cpath >> (l - p)) << 6 | p) ^ (p << 26);
}

/* Quotes: 0 not a quote, else an opener (odd) or a closer (even) class:
 * 1 «, 2 », 3/4 ", 5/6 ' or '', 7 “, 8 ”. A straight quote is both. */
static int quote_class(const tagger_tok *t, int closing)
{
    if (t->kind != SYRIA_TOKEN_PUNCT) return 0;
    const char *q = t->norm;
    if (!strcmp(q, "\xc2\xab")) return closing ? 0 : 1;
    if (!strcmp(q, "\xc2\xbb")) return closing ? 2 : 0;
    if (!strcmp(q, "\"")) return closing ? 4 : 3;
    if (!strcmp(q, "'") || !strcmp(q, "''")) return closing ? 6 : 5;
    if (!strcmp(q, "\xe2\x80\x9c")) return closing ? 0 : 7;
    if (!strcmp(q, "\xe2\x80\x9d")) return closing ? 8 : 0;
    return 0;
}

/* Titles of programmes, books, operations are quoted (« الناس وأنا »):
 * when token i lies inside a quoted segment of at most QUOTE_MAX tokens,
 * returns its code (length, position in the segment, kind of quotes) and
 * the index of the opening quote in *open; 0 elsewhere. Bounded scans, no
 * state across tokens: the cached and uncached paths share it. */
#define QUOTE_MAX 6
static unsigned quote_segment(const tagger_tok *toks, size_t n, size_t i, size_t *open)
{
    if (toks[i].kind == SYRIA_TOKEN_PUNCT && (quote_class(&toks[i], 0) || quote_class(&toks[i], 1))) return 0;
    size_t a = i, b = i + 1;
    int qa = 0, qb = 0;
    while (a > 0 && i - a < QUOTE_MAX) {
        a--;
        if ((qa = quote_class(&toks[a], 0)) || quote_class(&toks[a], 1)) break;
    }
    if (!qa) return 0;
    for (; b < n && b - i <= QUOTE_MAX; b++)
        if ((qb = quote_class(&toks[b], 1)) || quote_class(&toks[b], 0)) break;
    if (qb != qa + 1) return 0;
    size_t len = b - a - 1;
    if (len > QUOTE_MAX) return 0;
    unsigned pos = (i == a + 1) | (unsigned)(i + 1 == b) << 1;
    *open = a;
    return (unsigned)len << 8 | pos << 4 | (unsigned)qa;
}

/* Does the sentence have a quote at all? Most do not: their tokens skip
 * the scans. */
static int has_quotes(const tagger_tok *toks, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (toks[i].kind == SYRIA_TOKEN_PUNCT && (quote_class(&toks[i], 0) || quote_class(&toks[i], 1))) return 1;
    return 0;
}

static void quote_features(fctx *c, const tagger_tok *toks, size_t n, size_t i)
{
    size_t a;
    unsigned q = quote_segment(toks, n, i, &a);
    if (!q) return;
    fn(c, T_QUOTE, q);
    f1(c, T_QUOTE_HEAD, a > 0 ? stem_of(&toks[a - 1]) : "<s>");
    fn(c, T_QUOTE_C, toks[i].clen ? cprefix(&toks[i], 6) : 1u);
}

/* Cluster path prefixes used at i-1, i, i+1 (and the two outer tokens). */
static const unsigned cpfx[] = {4, 6, 10, 32};
#define NCPFX (sizeof cpfx / sizeof *cpfx)

static void cluster_features(fctx *c, const tagger_tok *toks, size_t n, size_t i, const int *win)
{
    const tagger_tok *t = &toks[i];
    const tagger_tok *tm1 = i > 0 ? &toks[i - 1] : NULL, *tp1 = i + 1 < n ? &toks[i + 1] : NULL;
    /* path prefixes at i-1, i, i+1; 6 bits at i-2, i+2 */
    for (unsigned k = 0; k < NCPFX; k++) {
        if (t->clen) fn(c, T_C_0, cprefix(t, cpfx[k]));
        if (tm1 && tm1->clen) fn(c, T_C_M1, cprefix(tm1, cpfx[k]));
        if (tp1 && tp1->clen) fn(c, T_C_P1, cprefix(tp1, cpfx[k]));
    }
    if (i > 1 && toks[i - 2].clen) fn(c, T_C_M2, cprefix(&toks[i - 2], 6));
    if (i + 2 < n && toks[i + 2].clen) fn(c, T_C_P2, cprefix(&toks[i + 2], 6));
    /* corpus frequency and article rate of the stem, or its kind when unknown */
    fn(c, T_CINFO, t->clen ? 0x100u | t->cinfo : (unsigned)t->kind);
    /* cluster x proclitics */
    if (t->clen && t->prefix && *t->prefix) emit(c, hstr(htmpl(T_C_PREFIX) + cprefix(t, 32), t->prefix));
    /* cluster bigrams (10 bits) */
    {
        unsigned a = tm1 ? (tm1->clen ? cprefix(tm1, 10) : 1u) : 2u, b = t->clen ? cprefix(t, 10) : 1u;
        emit(c, mix64(htmpl(T_C_BI) + a) ^ b);
        unsigned d = tp1 ? (tp1->clen ? cprefix(tp1, 10) : 1u) : 3u;
        emit(c, mix64(htmpl(T_C_BI) + 0x5bd1e995u + b) ^ ((uint64_t)d << 32));
    }
    /* this token's cluster with the neighbouring words */
    {
        unsigned b = t->clen ? cprefix(t, 32) : 1u;
        emit(c, hstr(htmpl(T_C_STEM_M1) + b, i > 0 ? stem_of(tm1) : "<s>"));
        emit(c, hstr(htmpl(T_C_STEM_P1) + b, tp1 ? stem_of(tp1) : "</s>"));
    }
    /* gazetteer marks x cluster */
    if (t->gaz) fn(c, T_C_GAZ, (t->gaz & 0xffffu) << 8 | (t->clen ? cprefix(t, 6) & 0xffu : 0xffu));
    /* words without a cluster: kind and clitics */
    if (!t->clen)
        fn(c, T_C_UNK_SHAPE, (unsigned)t->kind * 64u + (unsigned)(t->prefix && *t->prefix) * 32u +
                                 (unsigned)(t->suffix && *t->suffix) * 16u);
    /* 4-letter stem prefix and suffix */
    if (t->kind == SYRIA_TOKEN_WORD) {
        const char *stem = stem_of(t);
        size_t len = cp_count(stem), got;
        if (len > 4) {
            emit(c, hbytes(htmpl(T_PRE4), stem, cp_prefix(stem, 4, &got)));
            f1(c, T_SUF4, stem + cp_prefix(stem, len - 4, &got));
        }
    }
    fn(c, T_SENT_POS, i == 0 ? 1u : i == 1 ? 2u : i + 1 == n ? 3u : 0u);
    /* trigger word before x cluster */
    if (win[1] && t->clen) fn(c, T_C_TRIG_M1, (unsigned)win[1] << 24 ^ cprefix(t, 10));
}

void tagger_tok_clusters(tagger_tok *toks, size_t n, const word_clusters *wc)
{
    for (size_t i = 0; i < n; i++) {
        cluster_info ci = {0, 0, 0, 0};
        if (wc) {
            const char *w = stem_of(&toks[i]);
            if (w) clusters_lookup(wc, w, strlen(w), &ci);
        }
        toks[i].cpath = ci.path;
        toks[i].ccluster = ci.cluster;
        toks[i].clen = ci.len;
        toks[i].cinfo = ci.info;
    }
}

/* win: trigger classes of tokens i-2, i-1, i, i+1 (0 outside the sentence);
 * quotes: has_quotes() of the sentence. */
static void token_features(fctx *c, const tagger_tok *toks, size_t n, size_t i, const int *win, int quotes)
{
    const tagger_tok *t = &toks[i];
    const char *stem = stem_of(t);
    static const char *const BOS = "<s>", *const EOS = "</s>";
    const char *sm1 = i > 0 ? stem_of(&toks[i - 1]) : BOS;
    const char *sm2 = i > 1 ? stem_of(&toks[i - 2]) : BOS;
    const char *sp1 = i + 1 < n ? stem_of(&toks[i + 1]) : EOS;
    const char *sp2 = i + 2 < n ? stem_of(&toks[i + 2]) : EOS;

    fn(c, T_BIAS, 0);
    if (!t->unseen) {
        f1(c, T_NORM, t->norm);
        f1(c, T_STEM, stem);
    }
    if (t->prefix && *t->prefix) {
        f1(c, T_PREFIX, t->prefix);
        if (!t->unseen) f2(c, T_PREFIX_STEM, t->prefix, stem);
    }
    if (t->suffix && *t->suffix) f1(c, T_SUFFIX, t->suffix);
    size_t len = cp_count(stem);
    unsigned lb = len >= 8 ? 8 : (unsigned)len;
    fn(c, T_SHAPE, (unsigned)t->kind * 16u + lb);
    if (t->kind == SYRIA_TOKEN_LATIN) {
        char shape[8];
        size_t k = 0;
        for (const char *p = t->norm; *p && k < 6; p++) {
            char s = (*p >= 'A' && *p <= 'Z') ? 'X' : (*p >= 'a' && *p <= 'z') ? 'x' : (*p >= '0' && *p <= '9') ? 'd' : 'o';
            if (!k || shape[k - 1] != s) shape[k++] = s;
        }
        shape[k] = '\0';
        f1(c, T_LATIN, shape);
    }
    if (t->kind == SYRIA_TOKEN_WORD) {
        for (size_t k = 1; k <= 3 && k < len; k++) {
            size_t got;
            size_t b = cp_prefix(stem, k, &got);
            emit(c, hbytes(htmpl(T_PRE1 + (unsigned)k - 1), stem, b));
            size_t sb = cp_prefix(stem, len - k, &got);
            f1(c, T_SUF1 + (unsigned)k - 1, stem + sb);
        }
    }
    f1(c, T_STEM_M1, sm1);
    f1(c, T_STEM_M2, sm2);
    f1(c, T_STEM_P1, sp1);
    f1(c, T_STEM_P2, sp2);
    f1(c, T_NORM_M1, i > 0 ? toks[i - 1].norm : BOS);
    f1(c, T_NORM_P1, i + 1 < n ? toks[i + 1].norm : EOS);
    if (!t->unseen) {
        f2(c, T_BI_M1, sm1, stem);
        f2(c, T_BI_P1, stem, sp1);
    }
    if (i > 0 && toks[i - 1].prefix && *toks[i - 1].prefix) f1(c, T_PREFIX_M1, toks[i - 1].prefix);
    fn(c, T_KIND_M1, i > 0 ? (unsigned)toks[i - 1].kind : 99u);
    fn(c, T_KIND_P1, i + 1 < n ? (unsigned)toks[i + 1].kind : 99u);
    for (unsigned b = 0; b < 2 * GAZ_NTYPES; b++) {
        if (t->gaz & (1u << b)) fn(c, T_GAZ, b);
        if (i > 0 && (toks[i - 1].gaz & (1u << b))) fn(c, T_GAZ_M1, b);
        if (i + 1 < n && (toks[i + 1].gaz & (1u << b))) fn(c, T_GAZ_P1, b);
    }
    fn(c, T_TRIG_0, (unsigned)win[2]);
    if (i > 0 && win[1]) fn(c, T_TRIG_M1, (unsigned)win[1]);
    if (i > 1 && win[0]) fn(c, T_TRIG_M2, (unsigned)win[0]);
    if (i + 1 < n && win[3]) fn(c, T_TRIG_P1, (unsigned)win[3]);
    cluster_features(c, toks, n, i, win);
    if (quotes) quote_features(c, toks, n, i);
}

size_t tagger_features(const tagger_tok *toks, size_t n, unsigned bits, uint32_t *feats, uint32_t *offs)
{
    fctx c = {feats, 0, 0, (bits >= 32 ? 0xffffffffull : ((1ull << bits) - 1))};
    /* Trigger classes of tokens i-2 .. i+1 in a sliding window (no
     * allocation): win[k] is the class of token i - 2 + k. */
    int win[4] = {0, 0, n > 0 ? trigger_of(&toks[0]) : 0, n > 1 ? trigger_of(&toks[1]) : 0};
    const int quotes = has_quotes(toks, n);
    for (size_t i = 0; i < n; i++) {
        offs[i] = (uint32_t)c.k;
        c.cap = c.k + TAGGER_MAX_FEATS;
        token_features(&c, toks, n, i, win, quotes);
        win[0] = win[1];
        win[1] = win[2];
        win[2] = win[3];
        win[3] = i + 2 < n ? trigger_of(&toks[i + 2]) : 0;
    }
    offs[n] = (uint32_t)c.k;
    return c.k;
}

/* ---------------------------------------------------------------- */
/* Features through the word cache (tagger_tag). The same slots in the same
 * order as tagger_features: the features of a token that depend on that
 * token alone (its strings, kind and cluster), and the slots it gives its
 * neighbours' features, are computed once per word and kept in the
 * scratch; only the features that join two words' strings (bigrams,
 * cluster x neighbour) and the sentence's marks are computed per token. */

/* The slots of the features that depend on one word. */
struct wslots {
    uint32_t local[16];          /* BIAS .. SUF3 of token_features */
    uint32_t stem_m1, stem_m2, stem_p1, stem_p2, norm_m1, norm_p1, prefix_m1;
    uint32_t c0[NCPFX], cm1[NCPFX], cp1[NCPFX], cm2, cp2;
    uint32_t cinfo, cprefix, cunk, pre4, suf4;
    uint8_t nlocal, has_prefix, has_pre4;
};

/* What the cache keeps of a word. */
struct tagger_wrec {
    /* The sums of the rows of those slots (for the weights of the cache):
     * the token's own features, and what it gives the token after it
     * (left), before it (right), two after it (m2), two before it (p2). */
    int32_t own[NT], left[NT], right[NT], m2[NT], p2[NT];
    uint64_t bi_left;            /* BI_M1 hash state after "stem|" (as the left word) */
    uint64_t bi_p1;              /* BI_P1 hash state after "stem|" (own) */
    unsigned cp10, cp32;         /* cluster prefixes for C_BI and C_STEM */
    int trig;
};

/* A cached word: its key (strings, kind, cluster; longer keys are not
 * cached) in the first 64 bytes, then its record. */
#define WKEY_MAX TAGGER_WKEY_MAX
struct tagger_wentry {
    uint64_t hash;
    uint32_t keylen;
    char key[WKEY_MAX];
    struct tagger_wrec rec;
};

typedef struct tagger_cache {
    struct tagger_wentry *ents; /* cached words */
    uint64_t *index;            /* open addressing: hash's high 32 bits << 32 | entry + 1; 0 empty */
    size_t nents, ents_cap, index_cap;
    /* Admission: a word enters the cache the second time it is met (bit
     * DOOR_BIT(hash) set the first time), so that words met once (most of
     * the distinct words of news text) do not fill it. */
    uint64_t *door;
    uint64_t wsum; /* the weights' checksum and bits */
    unsigned wbits;
} tagger_cache;

static void cache_free(tagger_cache *c)
{
    if (!c) return;
    free(c->ents);
    free(c->index);
    free(c->door);
    free(c);
}

#if !defined(__STDC_NO_THREADS__)
#include <threads.h>
static tss_t cache_key;
static once_flag cache_once = ONCE_FLAG_INIT;
static int cache_key_ok;
static void cache_dtor(void *p) { cache_free(p); }
static void cache_init(void) { cache_key_ok = tss_create(&cache_key, cache_dtor) == thrd_success; }
#endif

/* The calling thread's cache, else the scratch's; NULL when out of memory. */
static tagger_cache *get_cache(tagger_scratch *s)
{
#if !defined(__STDC_NO_THREADS__)
    call_once(&cache_once, cache_init);
    if (cache_key_ok) {
        tagger_cache *c = tss_get(cache_key);
        if (!c) {
            c = calloc(1, sizeof *c);
            if (c && tss_set(cache_key, c) != thrd_success) {
                free(c);
                c = NULL;
            }
        }
        if (c) return c;
    }
#endif
    if (!s->cache) s->cache = calloc(1, sizeof *s->cache);
    return s->cache;
}

HOT_INLINE uint32_t slot_of(uint64_t h, uint64_t mask) { return (uint32_t)(mix64(h) & mask); }
HOT_INLINE uint32_t slot_n(unsigned tmpl, unsigned v, uint64_t mask) { return slot_of(mix64(htmpl(tmpl) + v), mask); }
HOT_INLINE uint32_t slot_s(unsigned tmpl, const char *s, uint64_t mask) { return slot_of(hstr(htmpl(tmpl), s), mask); }

/* The cached part of token t (unseen == 0). */
static inline const int16_t *row_of(const tagger_weights *w, uint32_t s);

static inline void add_row(const tagger_weights *w, uint32_t slot, int32_t *acc)
{
    const int16_t *row = row_of(w, slot);
    if (row)
        for (int t = 0; t < NT; t++) acc[t] += row[t];
}

static void word_record(const tagger_weights *w, const tagger_tok *t, uint64_t mask, struct tagger_wrec *rec)
{
    struct wslots sl, *r = &sl;
    const char *stem = stem_of(t);
    uint8_t k = 0;
    r->local[k++] = slot_n(T_BIAS, 0, mask);
    r->local[k++] = slot_s(T_NORM, t->norm, mask);
    r->local[k++] = slot_s(T_STEM, stem, mask);
    r->has_prefix = t->prefix && *t->prefix;
    if (r->has_prefix) {
        r->local[k++] = slot_s(T_PREFIX, t->prefix, mask);
        r->local[k++] = slot_of(hstr(hbytes(hstr(htmpl(T_PREFIX_STEM), t->prefix), "|", 1), stem), mask);
    }
    if (t->suffix && *t->suffix) r->local[k++] = slot_s(T_SUFFIX, t->suffix, mask);
    size_t len = cp_count(stem);
    unsigned lb = len >= 8 ? 8 : (unsigned)len;
    r->local[k++] = slot_n(T_SHAPE, (unsigned)t->kind * 16u + lb, mask);
    if (t->kind == SYRIA_TOKEN_LATIN) {
        char shape[8];
        size_t q = 0;
        for (const char *p = t->norm; *p && q < 6; p++) {
            char s = (*p >= 'A' && *p <= 'Z') ? 'X' : (*p >= 'a' && *p <= 'z') ? 'x' : (*p >= '0' && *p <= '9') ? 'd' : 'o';
            if (!q || shape[q - 1] != s) shape[q++] = s;
        }
        shape[q] = '\0';
        r->local[k++] = slot_s(T_LATIN, shape, mask);
    }
    if (t->kind == SYRIA_TOKEN_WORD) {
        for (size_t j = 1; j <= 3 && j < len; j++) {
            size_t got;
            size_t b = cp_prefix(stem, j, &got);
            r->local[k++] = slot_of(hbytes(htmpl(T_PRE1 + (unsigned)j - 1), stem, b), mask);
            size_t sb = cp_prefix(stem, len - j, &got);
            r->local[k++] = slot_s(T_SUF1 + (unsigned)j - 1, stem + sb, mask);
        }
    }
    r->nlocal = k;
    r->stem_m1 = slot_s(T_STEM_M1, stem, mask);
    r->stem_m2 = slot_s(T_STEM_M2, stem, mask);
    r->stem_p1 = slot_s(T_STEM_P1, stem, mask);
    r->stem_p2 = slot_s(T_STEM_P2, stem, mask);
    r->norm_m1 = slot_s(T_NORM_M1, t->norm, mask);
    r->norm_p1 = slot_s(T_NORM_P1, t->norm, mask);
    r->prefix_m1 = r->has_prefix ? slot_s(T_PREFIX_M1, t->prefix, mask) : 0;
    rec->bi_left = hbytes(hstr(htmpl(T_BI_M1), stem), "|", 1);
    rec->bi_p1 = hbytes(hstr(htmpl(T_BI_P1), stem), "|", 1);
    for (unsigned q = 0; q < NCPFX; q++) {
        unsigned v = cprefix(t, cpfx[q]);
        r->c0[q] = slot_n(T_C_0, v, mask);
        r->cm1[q] = slot_n(T_C_M1, v, mask);
        r->cp1[q] = slot_n(T_C_P1, v, mask);
    }
    r->cm2 = slot_n(T_C_M2, cprefix(t, 6), mask);
    r->cp2 = slot_n(T_C_P2, cprefix(t, 6), mask);
    r->cinfo = slot_n(T_CINFO, t->clen ? 0x100u | t->cinfo : (unsigned)t->kind, mask);
    r->cprefix = t->clen && r->has_prefix ? slot_of(hstr(htmpl(T_C_PREFIX) + cprefix(t, 32), t->prefix), mask) : 0;
    r->cunk = slot_n(T_C_UNK_SHAPE,
                     (unsigned)t->kind * 64u + (unsigned)(t->prefix && *t->prefix) * 32u + (unsigned)(t->suffix && *t->suffix) * 16u,
                     mask);
    r->has_pre4 = 0;
    if (t->kind == SYRIA_TOKEN_WORD && len > 4) {
        size_t got;
        r->has_pre4 = 1;
        r->pre4 = slot_of(hbytes(htmpl(T_PRE4), stem, cp_prefix(stem, 4, &got)), mask);
        r->suf4 = slot_s(T_SUF4, stem + cp_prefix(stem, len - 4, &got), mask);
    }
    rec->cp10 = t->clen ? cprefix(t, 10) : 1u;
    rec->cp32 = t->clen ? cprefix(t, 32) : 1u;
    rec->trig = trigger_of(t);
    memset(rec->own, 0, sizeof rec->own);
    memset(rec->left, 0, sizeof rec->left);
    memset(rec->right, 0, sizeof rec->right);
    memset(rec->m2, 0, sizeof rec->m2);
    memset(rec->p2, 0, sizeof rec->p2);
    for (unsigned q = 0; q < r->nlocal; q++) add_row(w, r->local[q], rec->own);
    if (t->clen)
        for (unsigned q = 0; q < NCPFX; q++) add_row(w, r->c0[q], rec->own);
    add_row(w, r->cinfo, rec->own);
    if (t->clen && r->has_prefix) add_row(w, r->cprefix, rec->own);
    if (!t->clen) add_row(w, r->cunk, rec->own);
    if (r->has_pre4) {
        add_row(w, r->pre4, rec->own);
        add_row(w, r->suf4, rec->own);
    }
    add_row(w, r->stem_m1, rec->left);
    add_row(w, r->norm_m1, rec->left);
    if (r->has_prefix) add_row(w, r->prefix_m1, rec->left);
    add_row(w, r->stem_p1, rec->right);
    add_row(w, r->norm_p1, rec->right);
    if (t->clen)
        for (unsigned q = 0; q < NCPFX; q++) {
            add_row(w, r->cm1[q], rec->left);
            add_row(w, r->cp1[q], rec->right);
        }
    add_row(w, r->stem_m2, rec->m2);
    add_row(w, r->stem_p2, rec->p2);
    if (t->clen) {
        add_row(w, r->cm2, rec->m2);
        add_row(w, r->cp2, rec->p2);
    }
}

/* Writes token t's cache key into key (room for WKEY_MAX bytes): its four
 * strings with their NULs, then kind and cluster. Returns the length, or
 * 0 when the key is longer than WKEY_MAX: such words are never cached. */
static size_t build_key(const tagger_tok *t, char *key)
{
    const char *const strs[4] = {t->norm, t->prefix ? t->prefix : "", t->stem ? t->stem : "", t->suffix ? t->suffix : ""};
    size_t at = 0;
    for (int k = 0; k < 4; k++) {
        const char *p = strs[k];
        do {
            if (at >= WKEY_MAX - 12) return 0;
            key[at++] = *p;
        } while (*p++);
    }
    uint32_t kind = (uint32_t)t->kind;
    memcpy(key + at, &kind, 4);
    memcpy(key + at + 4, &t->cpath, 4);
    key[at + 8] = (char)t->clen;
    key[at + 9] = (char)t->cinfo;
    key[at + 10] = (char)(t->ccluster & 0xff);
    key[at + 11] = (char)(t->ccluster >> 8);
    return at + 12;
}

static uint64_t key_hash(const char *p, size_t n)
{
    uint64_t h = 0x9e3779b97f4a7c15ull ^ n;
    while (n >= 8) {
        uint64_t v;
        memcpy(&v, p, 8);
        h = (h ^ v) * 0xbf58476d1ce4e5b9ull;
        h ^= h >> 29;
        p += 8;
        n -= 8;
    }
    uint64_t v = 0;
    memcpy(&v, p, n);
    h = (h ^ v) * 0x94d049bb133111ebull;
    return mix64(h);
}

static void cache_clear(tagger_cache *s)
{
    s->nents = 0;
    if (s->index) memset(s->index, 0, s->index_cap * sizeof *s->index);
}

#define DOOR_BITS 20
#define DOOR_BIT(h) ((size_t)((h) >> 20) & ((1u << DOOR_BITS) - 1))

/* Is the word of hash h met before (probably: bits are shared)? Marks it. */
static int door_admit(tagger_cache *s, uint64_t h)
{
    if (!s->door) {
        s->door = calloc((1u << DOOR_BITS) / 64, sizeof *s->door);
        if (!s->door) return 1;
    }
    size_t b = DOOR_BIT(h);
    uint64_t bit = 1ull << (b % 64);
    if (s->door[b / 64] & bit) return 1;
    s->door[b / 64] |= bit;
    return 0;
}

/* Room for one more entry; 0 when the cache is full or out
 * of memory (the word is then computed without the cache). */
static int cache_room(tagger_cache *s)
{
    if (s->nents >= TAGGER_CACHE_MAX) return 0; /* full: the words met first stay */
    if (!s->ents) {
        /* all at once (pages are touched as entries come): records handed
         * out for a sentence must not move */
        s->ents = malloc(TAGGER_CACHE_MAX * sizeof *s->ents);
        if (!s->ents) return 0;
        s->ents_cap = TAGGER_CACHE_MAX;
    }
    if (2 * (s->nents + 1) > s->index_cap) {
        size_t cap = s->index_cap ? 2 * s->index_cap : 512;
        uint64_t *ix = calloc(cap, sizeof *ix);
        if (!ix) return 0;
        for (size_t e = 0; e < s->nents; e++) {
            uint64_t h = s->ents[e].hash;
            size_t q = (size_t)h & (cap - 1);
            while (ix[q]) q = (q + 1) & (cap - 1);
            ix[q] = (h >> 32 << 32) | (e + 1);
        }
        free(s->index);
        s->index = ix;
        s->index_cap = cap;
    }
    return 1;
}

/* The record of token t, whose key (build_key; len 0: none) and hash are
 * given: the cache's (valid until the cache changes: the next sentence), or
 * r computed (and copied into the cache, the second time the word comes). */
static const struct tagger_wrec *lookup_record(const tagger_weights *w, tagger_cache *s, const tagger_tok *t, uint64_t mask,
                                               struct tagger_wrec *r, const char *key, size_t at, uint64_t h)
{
    if (!s || !at) {
        word_record(w, t, mask, r);
        return r;
    }
    if (s->index_cap) {
        size_t q = (size_t)h & (s->index_cap - 1);
        for (uint64_t v; (v = s->index[q]) != 0; q = (q + 1) & (s->index_cap - 1)) {
            if (v >> 32 != h >> 32) continue;
            const struct tagger_wentry *en = &s->ents[(v & 0xffffffffu) - 1];
            if (en->hash == h && en->keylen == at && !memcmp(en->key, key, at)) return &en->rec;
        }
    }
    word_record(w, t, mask, r);
    if (s->nents < TAGGER_CACHE_MAX && door_admit(s, h) && cache_room(s)) {
        struct tagger_wentry *en = &s->ents[s->nents];
        en->hash = h;
        en->keylen = (uint32_t)at;
        en->rec = *r;
        memcpy(en->key, key, at);
        size_t q = (size_t)h & (s->index_cap - 1);
        while (s->index[q]) q = (q + 1) & (s->index_cap - 1);
        s->index[q] = (h >> 32 << 32) | ++s->nents;
    }
    return r;
}

/* The cache is large (megabytes): a look-up is two dependent cache misses,
 * the index slot and then the entry. They are prefetched ahead of the
 * look-ups, the slots PF_SLOT tokens ahead and the entries they point to
 * PF_ENTRY tokens ahead, so that the misses of a sentence overlap. */
#define PF_SLOT 8
#define PF_ENTRY 4

static inline void prefetch_slot(const tagger_cache *c, uint64_t h)
{
#if defined(__GNUC__)
    if (c->index_cap) __builtin_prefetch(&c->index[(size_t)h & (c->index_cap - 1)]);
#else
    (void)c, (void)h;
#endif
}

static inline void prefetch_entry(const tagger_cache *c, uint64_t h)
{
#if defined(__GNUC__)
    if (!c->index_cap) return;
    size_t q = (size_t)h & (c->index_cap - 1);
    for (uint64_t v; (v = c->index[q]) != 0; q = (q + 1) & (c->index_cap - 1))
        if (v >> 32 == h >> 32) {
            const char *en = (const char *)&c->ents[(v & 0xffffffffu) - 1];
            for (size_t b = 0; b < sizeof(struct tagger_wentry); b += 64) __builtin_prefetch(en + b);
            return;
        }
#else
    (void)c, (void)h;
#endif
}

static void cached_records(const tagger_weights *w, tagger_scratch *s, const tagger_tok *toks, size_t n)
{
    uint64_t mask = w->bits >= 32 ? 0xffffffffull : ((1ull << w->bits) - 1);
    tagger_cache *c = get_cache(s);
    if (c && (c->wsum != w->checksum || c->wbits != w->bits)) {
        cache_clear(c);
        c->wsum = w->checksum;
        c->wbits = w->bits;
    }
    if (!c) {
        for (size_t i = 0; i < n; i++) s->rp[i] = lookup_record(w, NULL, &toks[i], mask, &s->recs[i], NULL, 0, 0);
        return;
    }
    for (size_t i = 0; i < n; i++) {
        char *key = s->keys + i * WKEY_MAX;
        s->klen[i] = (uint8_t)build_key(&toks[i], key);
        s->khash[i] = s->klen[i] ? key_hash(key, s->klen[i]) : 0;
        if (i < PF_SLOT && s->klen[i]) prefetch_slot(c, s->khash[i]);
    }
    for (size_t i = 0; i < n && i < PF_ENTRY; i++)
        if (s->klen[i]) prefetch_entry(c, s->khash[i]);
    for (size_t i = 0; i < n; i++) {
        if (i + PF_SLOT < n && s->klen[i + PF_SLOT]) prefetch_slot(c, s->khash[i + PF_SLOT]);
        if (i + PF_ENTRY < n && s->klen[i + PF_ENTRY]) prefetch_entry(c, s->khash[i + PF_ENTRY]);
        s->rp[i] = lookup_record(w, c, &toks[i], mask, &s->recs[i], s->keys + i * WKEY_MAX, s->klen[i], s->khash[i]);
    }
}

/* ---------------------------------------------------------------- */
/* Decoding */

int tagger_scratch_reserve(tagger_scratch *s, size_t n)
{
    if (n <= s->cap && s->score) return 0;
    size_t cap = s->cap ? s->cap : 64;
    while (cap < n) cap *= 2;
    float *score = realloc(s->score, cap * NT * sizeof *score);
    if (score) s->score = score;
    float *delta = realloc(s->delta, cap * NT * sizeof *delta);
    if (delta) s->delta = delta;
    uint8_t *back = realloc(s->back, cap * NT);
    if (back) s->back = back;
    uint32_t *feats = realloc(s->feats, cap * TAGGER_MAX_FEATS * sizeof *feats);
    if (feats) s->feats = feats;
    uint32_t *offs = realloc(s->offs, (cap + 1) * sizeof *offs);
    if (offs) s->offs = offs;
    struct tagger_wrec *recs = realloc(s->recs, cap * sizeof *recs);
    if (recs) s->recs = recs;
    const struct tagger_wrec **rp = realloc(s->rp, cap * sizeof *rp);
    if (rp) s->rp = rp;
    int32_t *base = realloc(s->base, cap * NT * sizeof *base);
    if (base) s->base = base;
    char *keys = realloc(s->keys, cap * WKEY_MAX);
    if (keys) s->keys = keys;
    uint64_t *khash = realloc(s->khash, cap * sizeof *khash);
    if (khash) s->khash = khash;
    uint8_t *klen = realloc(s->klen, cap);
    if (klen) s->klen = klen;
    if (!score || !delta || !back || !feats || !offs || !recs || !rp || !base || !keys || !khash || !klen) return -2;
    s->cap = cap;
    return 0;
}

void tagger_scratch_free(tagger_scratch *s)
{
    free(s->score);
    free(s->delta);
    free(s->back);
    free(s->feats);
    free(s->offs);
    free(s->recs);
    free((void *)s->rp);
    free(s->base);
    free(s->keys);
    free(s->khash);
    free(s->klen);
    cache_free(s->cache);
    memset(s, 0, sizeof *s);
}

/* Allowed predecessors of each tag (tagger_transition_ok), in increasing
 * order: the same order and tie-breaking as testing every pair. A constant
 * table, checked against tagger_transition_ok by the tests. */
_Static_assert(TAGGER_NTAGS == 9, "the predecessor table assumes 4 classes");
static const int npred[NT] = {9, 9, 2, 9, 2, 9, 2, 9, 2};
static const uint8_t preds[NT][NT] = {
    {0, 1, 2, 3, 4, 5, 6, 7, 8}, {0, 1, 2, 3, 4, 5, 6, 7, 8}, {1, 2}, {0, 1, 2, 3, 4, 5, 6, 7, 8}, {3, 4},
    {0, 1, 2, 3, 4, 5, 6, 7, 8}, {5, 6}, {0, 1, 2, 3, 4, 5, 6, 7, 8}, {7, 8},
};

int tagger_predecessors(int tag, const uint8_t **list)
{
    if (tag < 0 || tag >= NT) return 0;
    *list = preds[tag];
    return npred[tag];
}

static void viterbi(const float *trans, const float *score, size_t n, float *delta, uint8_t *back, uint8_t *tags)
{
    if (n == 0) return;
    const float NEG = -INFINITY;
    for (int t = 0; t < NT; t++)
        delta[t] = tagger_transition_ok(-1, t) ? trans[START * NT + t] + score[t] : NEG;
    /* The transitions with the forbidden ones at -inf: every tag then takes
     * the best of all nine predecessors in one branch-free pass over them
     * (the inner loop runs across the tags and vectorises). A forbidden
     * predecessor gives -inf or NaN, which never beats the running best
     * (itself at least -inf), just as a skipped one; a predecessor at -inf
     * likewise. So the scores, the arguments and the ties (the first
     * predecessor in increasing order wins) are those of the table of
     * allowed predecessors. */
    _Static_assert(TAGGER_NTAGS == 9, "the vectors assume 9 tags");
    float tm[NT * NT];
    for (int p = 0; p < NT; p++)
        for (int t = 0; t < NT; t++) tm[p * NT + t] = tagger_transition_ok(p, t) ? trans[p * NT + t] : NEG;
    for (size_t i = 1; i < n; i++) {
        const float *dp = delta + (i - 1) * NT;
        float *d = delta + i * NT;
        float best[NT];
        uint8_t arg[NT];
#if defined(__SSE2__)
        /* tags 0-3 and 4-7 as two vectors, tag 8 apart */
        __m128 b0 = _mm_set1_ps(NEG), b1 = b0;
        __m128i a0 = _mm_setzero_si128(), a1 = a0;
        float b8 = NEG;
        int a8 = TAG_O;
        for (int p = 0; p < NT; p++) {
            const __m128 dv = _mm_set1_ps(dp[p]);
            const __m128i pv = _mm_set1_epi32(p);
            const float *tr = tm + p * NT;
            __m128 v0 = _mm_add_ps(dv, _mm_loadu_ps(tr)), v1 = _mm_add_ps(dv, _mm_loadu_ps(tr + 4));
            __m128 g0 = _mm_cmpgt_ps(v0, b0), g1 = _mm_cmpgt_ps(v1, b1);
            b0 = _mm_or_ps(_mm_and_ps(g0, v0), _mm_andnot_ps(g0, b0));
            b1 = _mm_or_ps(_mm_and_ps(g1, v1), _mm_andnot_ps(g1, b1));
            a0 = _mm_or_si128(_mm_and_si128(_mm_castps_si128(g0), pv), _mm_andnot_si128(_mm_castps_si128(g0), a0));
            a1 = _mm_or_si128(_mm_and_si128(_mm_castps_si128(g1), pv), _mm_andnot_si128(_mm_castps_si128(g1), a1));
            float v8 = dp[p] + tr[8];
            if (v8 > b8) {
                b8 = v8;
                a8 = p;
            }
        }
        int32_t ai[8];
        _mm_storeu_ps(best, b0);
        _mm_storeu_ps(best + 4, b1);
        _mm_storeu_si128((__m128i *)(void *)ai, a0);
        _mm_storeu_si128((__m128i *)(void *)(ai + 4), a1);
        best[8] = b8;
        for (int t = 0; t < 8; t++) arg[t] = (uint8_t)ai[t];
        arg[8] = (uint8_t)a8;
#else
        for (int t = 0; t < NT; t++) {
            best[t] = NEG;
            arg[t] = TAG_O;
        }
        for (int p = 0; p < NT; p++) {
            const float dv = dp[p];
            const float *tr = tm + p * NT;
            for (int t = 0; t < NT; t++) {
                float v = dv + tr[t];
                int gt = v > best[t];
                best[t] = gt ? v : best[t];
                arg[t] = gt ? (uint8_t)p : arg[t];
            }
        }
#endif
        const float *sc = score + i * NT;
        uint8_t *bk = back + i * NT;
        for (int t = 0; t < NT; t++) {
            d[t] = best[t] == NEG ? NEG : best[t] + sc[t];
            bk[t] = arg[t];
        }
    }
    const float *dl = delta + (n - 1) * NT;
    int best = TAG_O;
    for (int t = 1; t < NT; t++)
        if (dl[t] > dl[best]) best = t;
    for (size_t i = n; i-- > 0;) {
        tags[i] = (uint8_t)best;
        if (i) best = back[i * NT + best];
    }
}

/* Emission scores: the sum of the rows of each token's features. The row
 * index look-ups are random accesses into a large table: they are
 * prefetched a few features ahead. */
static inline unsigned popcount64(uint64_t x)
{
#if defined(__GNUC__) && defined(__POPCNT__)
    return (unsigned)__builtin_popcountll(x);
#else
    x = x - ((x >> 1) & 0x5555555555555555ull);
    x = (x & 0x3333333333333333ull) + ((x >> 2) & 0x3333333333333333ull);
    x = (x + (x >> 4)) & 0x0f0f0f0f0f0f0f0full;
    return (unsigned)((x * 0x0101010101010101ull) >> 56);
#endif
}

/* The row of slot s, or NULL when the slot has no weights. */
static inline const int16_t *row_of(const tagger_weights *w, uint32_t s)
{
    uint64_t word = w->present[s >> 6], bit = 1ull << (s & 63);
    if (!(word & bit)) return NULL;
    return w->rows + (size_t)(w->rank[s >> 6] + popcount64(word & (bit - 1))) * NT;
}

/* Rows are looked up one token ahead of the sums: the slots of token i+2
 * have their presence words prefetched, the rows of token i+1 are found and
 * prefetched, then token i's rows (found one step earlier) are summed. The
 * sums are exact integers: the order does not matter. */
static inline size_t find_rows(const tagger_weights *w, const uint32_t *f, size_t nf, uint32_t mask, const int16_t **rows)
{
    size_t m = 0;
    for (size_t k = 0; k < nf; k++) {
        const int16_t *row = row_of(w, f[k] & mask);
        if (!row) continue;
#if defined(__GNUC__)
        __builtin_prefetch(row);
        __builtin_prefetch(row + NT - 1);
#endif
        rows[m++] = row;
    }
    return m;
}

/* acc[0..NT) += the rows (tags 0-7 as two vectors of four 32-bit sums with
 * SSE2, tag 8 apart). */
_Static_assert(TAGGER_NTAGS == 9, "sum_rows assumes 9 tags");
static inline void sum_rows(const int16_t *const *rows, size_t m, int32_t *acc)
{
#if defined(__SSE2__)
    __m128i lo = _mm_loadu_si128((const __m128i *)(const void *)acc);
    __m128i hi = _mm_loadu_si128((const __m128i *)(const void *)(acc + 4));
    int32_t a8 = acc[8];
    for (size_t k = 0; k < m; k++) {
        const int16_t *row = rows[k];
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)row);
        __m128i sg = _mm_srai_epi16(v, 15);
        lo = _mm_add_epi32(lo, _mm_unpacklo_epi16(v, sg));
        hi = _mm_add_epi32(hi, _mm_unpackhi_epi16(v, sg));
        a8 += row[8];
    }
    _mm_storeu_si128((__m128i *)(void *)acc, lo);
    _mm_storeu_si128((__m128i *)(void *)(acc + 4), hi);
    acc[8] = a8;
#else
    for (size_t k = 0; k < m; k++)
        for (int t = 0; t < NT; t++) acc[t] += rows[k][t];
#endif
}

/* base (may be NULL): n x NT sums added to each token's before scaling. */
static void emissions(const tagger_weights *w, const uint32_t *feats, const uint32_t *offs, size_t n, const int32_t *base,
                      float *score)
{
    uint32_t mask = (uint32_t)((1ull << w->bits) - 1);
    const int16_t *buf[2][TAGGER_MAX_FEATS];
    size_t cnt[2];
    for (size_t i = 0; i < n; i++)
        if (offs[i + 1] - offs[i] > TAGGER_MAX_FEATS) { /* not from tagger_features: plain sums */
            for (i = 0; i < n; i++) {
                int32_t acc[NT] = {0};
                if (base) memcpy(acc, base + i * NT, sizeof acc);
                for (uint32_t k = offs[i]; k < offs[i + 1]; k++) {
                    const int16_t *row = row_of(w, feats[k] & mask);
                    if (!row) continue;
                    for (int t = 0; t < NT; t++) acc[t] += row[t];
                }
                for (int t = 0; t < NT; t++) score[i * NT + t] = (float)acc[t] * w->scale;
            }
            return;
        }
#if defined(__GNUC__)
    for (size_t i = 0; i < n && i < 2; i++)
        for (uint32_t k = offs[i]; k < offs[i + 1]; k++) {
            uint32_t s = feats[k] & mask;
            __builtin_prefetch(&w->present[s >> 6]);
            __builtin_prefetch(&w->rank[s >> 6]);
        }
#endif
    cnt[0] = find_rows(w, feats + offs[0], offs[1] - offs[0], mask, buf[0]);
    for (size_t i = 0; i < n; i++) {
        const int16_t **cur = buf[i & 1], **nxt = buf[(i + 1) & 1];
#if defined(__GNUC__)
        if (i + 2 < n)
            for (uint32_t k = offs[i + 2]; k < offs[i + 3]; k++) {
                uint32_t s = feats[k] & mask;
                __builtin_prefetch(&w->present[s >> 6]);
                __builtin_prefetch(&w->rank[s >> 6]);
            }
#endif
        if (i + 1 < n) cnt[(i + 1) & 1] = find_rows(w, feats + offs[i + 1], offs[i + 2] - offs[i + 1], mask, nxt);
        int32_t acc[NT] = {0};
        if (base) memcpy(acc, base + i * NT, sizeof acc);
        size_t m = cnt[i & 1];
        sum_rows(cur, m, acc);
        for (int t = 0; t < NT; t++) score[i * NT + t] = (float)acc[t] * w->scale;
    }
}

/* The features of each token that join two tokens' strings or depend on
 * the sentence, as slots in s->feats/offs, and in s->base the sums of the
 * cached rows of the rest (the token's own, and those its neighbours give
 * it): together the same features as tagger_features. Returns -1 (nothing
 * usable) when a token has so many gazetteer marks that tagger_features
 * could drop some at TAGGER_MAX_FEATS: the caller then takes that path. */
static int dynamic_features(const tagger_weights *w, tagger_scratch *s, const tagger_tok *toks, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        uint32_t g = toks[i].gaz & 0xffffu, gm = i > 0 ? toks[i - 1].gaz & 0xffffu : 0, gp = i + 1 < n ? toks[i + 1].gaz & 0xffffu : 0;
        /* at most 58 features besides the gazetteer's */
        if (popcount64(g) + popcount64(gm) + popcount64(gp) > TAGGER_MAX_FEATS - 59) return -1;
    }
    uint64_t mask = w->bits >= 32 ? 0xffffffffull : ((1ull << w->bits) - 1);
    static const char *const BOS = "<s>", *const EOS = "</s>";
    int32_t bos_left[NT] = {0}, bos_m2[NT] = {0}, eos_right[NT] = {0}, eos_p2[NT] = {0};
    add_row(w, slot_s(T_STEM_M1, BOS, mask), bos_left);
    add_row(w, slot_s(T_NORM_M1, BOS, mask), bos_left);
    add_row(w, slot_s(T_STEM_M2, BOS, mask), bos_m2);
    add_row(w, slot_s(T_STEM_P1, EOS, mask), eos_right);
    add_row(w, slot_s(T_NORM_P1, EOS, mask), eos_right);
    add_row(w, slot_s(T_STEM_P2, EOS, mask), eos_p2);
    const uint64_t bos_bi = hbytes(hstr(htmpl(T_BI_M1), BOS), "|", 1);
    const struct tagger_wrec *const *R = s->rp;
    const int quotes = has_quotes(toks, n);
    fctx c = {s->feats, 0, 0, mask};
    uint32_t *offs = s->offs;
    for (size_t i = 0; i < n; i++) {
        const tagger_tok *t = &toks[i];
        const struct tagger_wrec *r = R[i];
        const struct tagger_wrec *rm1 = i > 0 ? R[i - 1] : NULL, *rp1 = i + 1 < n ? R[i + 1] : NULL;
        const tagger_tok *tm1 = i > 0 ? &toks[i - 1] : NULL, *tp1 = i + 1 < n ? &toks[i + 1] : NULL;
        int32_t *b = s->base + i * NT;
        const int32_t *l = rm1 ? rm1->left : bos_left, *m2 = i > 1 ? R[i - 2]->m2 : bos_m2;
        const int32_t *rt = rp1 ? rp1->right : eos_right, *p2 = i + 2 < n ? R[i + 2]->p2 : eos_p2;
        for (int k = 0; k < NT; k++) b[k] = r->own[k] + l[k] + m2[k] + rt[k] + p2[k];
        offs[i] = (uint32_t)c.k;
        c.cap = c.k + TAGGER_MAX_FEATS;
        const char *stem = stem_of(t);
        const char *sp1 = tp1 ? stem_of(tp1) : EOS;
        emit(&c, hstr(rm1 ? rm1->bi_left : bos_bi, stem));
        emit(&c, hstr(r->bi_p1, sp1));
        fn(&c, T_KIND_M1, i > 0 ? (unsigned)tm1->kind : 99u);
        fn(&c, T_KIND_P1, i + 1 < n ? (unsigned)tp1->kind : 99u);
        uint32_t g0 = t->gaz, gm = tm1 ? tm1->gaz : 0, gp = tp1 ? tp1->gaz : 0;
        if (g0 | gm | gp)
            for (unsigned q = 0; q < 2 * GAZ_NTYPES; q++) {
                if (g0 & (1u << q)) fn(&c, T_GAZ, q);
                if (gm & (1u << q)) fn(&c, T_GAZ_M1, q);
                if (gp & (1u << q)) fn(&c, T_GAZ_P1, q);
            }
        int w0 = i > 1 ? R[i - 2]->trig : 0, w1 = i > 0 ? rm1->trig : 0, w3 = rp1 ? rp1->trig : 0;
        fn(&c, T_TRIG_0, (unsigned)r->trig);
        if (i > 0 && w1) fn(&c, T_TRIG_M1, (unsigned)w1);
        if (i > 1 && w0) fn(&c, T_TRIG_M2, (unsigned)w0);
        if (i + 1 < n && w3) fn(&c, T_TRIG_P1, (unsigned)w3);
        {
            unsigned a = tm1 ? rm1->cp10 : 2u, bb = r->cp10;
            emit(&c, mix64(htmpl(T_C_BI) + a) ^ bb);
            unsigned d = tp1 ? rp1->cp10 : 3u;
            emit(&c, mix64(htmpl(T_C_BI) + 0x5bd1e995u + bb) ^ ((uint64_t)d << 32));
        }
        emit(&c, hstr(htmpl(T_C_STEM_M1) + r->cp32, i > 0 ? stem_of(tm1) : BOS));
        emit(&c, hstr(htmpl(T_C_STEM_P1) + r->cp32, sp1));
        if (t->gaz) fn(&c, T_C_GAZ, (t->gaz & 0xffffu) << 8 | (t->clen ? cprefix(t, 6) & 0xffu : 0xffu));
        fn(&c, T_SENT_POS, i == 0 ? 1u : i == 1 ? 2u : i + 1 == n ? 3u : 0u);
        if (w1 && t->clen) fn(&c, T_C_TRIG_M1, (unsigned)w1 << 24 ^ cprefix(t, 10));
        if (quotes) quote_features(&c, toks, n, i);
    }
    offs[n] = (uint32_t)c.k;
    return 0;
}

int tagger_decode(const tagger_weights *w, const uint32_t *feats, const uint32_t *offs, size_t n,
                  tagger_scratch *s, uint8_t *tags)
{
    if (n == 0) return 0;
    if (tagger_scratch_reserve(s, n)) return -2;
    emissions(w, feats, offs, n, NULL, s->score);
    viterbi(w->trans, s->score, n, s->delta, s->back, tags);
    return 0;
}

int tagger_tag(const tagger_weights *w, const tagger_tok *toks, size_t n, tagger_scratch *s, uint8_t *tags)
{
    if (n == 0) return 0;
    if (tagger_scratch_reserve(s, n)) return -2;
    int unseen = 0;
    for (size_t i = 0; i < n; i++) unseen |= toks[i].unseen;
    if (unseen) {
        tagger_features(toks, n, w->bits, s->feats, s->offs);
        return tagger_decode(w, s->feats, s->offs, n, s, tags);
    }
    cached_records(w, s, toks, n);
    if (!dynamic_features(w, s, toks, n)) {
        emissions(w, s->feats, s->offs, n, s->base, s->score);
#ifdef TAGGER_CHECK_CACHE
        {
            static uint32_t f2[400 * TAGGER_MAX_FEATS], o2[401];
            static float sc2[400 * NT];
            if (n <= 400) {
                tagger_features(toks, n, w->bits, f2, o2);
                emissions(w, f2, o2, n, NULL, sc2);
                if (memcmp(sc2, s->score, n * NT * sizeof *sc2)) abort();
            }
        }
#endif
        viterbi(w->trans, s->score, n, s->delta, s->back, tags);
        return 0;
    }
    tagger_features(toks, n, w->bits, s->feats, s->offs);
    return tagger_decode(w, s->feats, s->offs, n, s, tags);
}

/* ---------------------------------------------------------------- */
/* Serialisation */

static uint64_t fnv1a64(const unsigned char *p, size_t n)
{
    uint64_t h = 0xcbf29ce484222325ull;
    for (size_t i = 0; i < n; i++) {
        h ^= p[i];
        h *= 0x100000001b3ull;
    }
    return h;
}

static void put32(unsigned char *p, uint32_t v)
{
    for (int i = 0; i < 4; i++) p[i] = (unsigned char)(v >> (8 * i));
}
static void put64(unsigned char *p, uint64_t v)
{
    for (int i = 0; i < 8; i++) p[i] = (unsigned char)(v >> (8 * i));
}
static uint32_t get32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}
static uint64_t get64(const unsigned char *p) { return (uint64_t)get32(p) | (uint64_t)get32(p + 4) << 32; }
static void putf(unsigned char *p, float f)
{
    uint32_t v;
    memcpy(&v, &f, 4);
    put32(p, v);
}
static float getf(const unsigned char *p)
{
    uint32_t v = get32(p);
    float f;
    memcpy(&f, &v, 4);
    return f;
}

#define TRANS_N ((NT + 1) * NT)

int tagger_weights_blob(unsigned bits, const float *trans, tagger_row_fn row, const void *ctx, unsigned char **out,
                        size_t *out_len)
{
    *out = NULL;
    *out_len = 0;
    if (bits < 10 || bits > 26) return -1;
    size_t slots = (size_t)1 << bits;
    float v[NT];
    uint32_t nrows = 0;
    for (size_t s = 0; s < slots; s++) nrows += row(ctx, s, v) != 0;
    size_t len = TAGGER_HEADER_SIZE + TRANS_N * 4 + (size_t)nrows * 4 + (size_t)nrows * NT * 4;
    unsigned char *b = malloc(len);
    if (!b) return -2;
    memcpy(b, TAGGER_MAGIC, 8);
    put32(b + 8, TAGGER_FORMAT_VERSION);
    put32(b + 12, bits);
    put32(b + 16, NT);
    put32(b + 20, nrows);
    unsigned char *p = b + TAGGER_HEADER_SIZE;
    for (int k = 0; k < TRANS_N; k++, p += 4) putf(p, trans[k]);
    unsigned char *ps = p, *pw = p + (size_t)nrows * 4;
    for (size_t s = 0; s < slots; s++) {
        if (!row(ctx, s, v)) continue;
        put32(ps, (uint32_t)s);
        ps += 4;
        for (int k = 0; k < NT; k++, pw += 4) putf(pw, v[k]);
    }
    put64(b + 24, fnv1a64(b + 32, len - 32));
    *out = b;
    *out_len = len;
    return 0;
}

/* The perceptron's averaged row of a slot: w - u / c. */
static int averaged_row(const void *ctx, size_t s, float *v)
{
    const tagger_trainer *t = ctx;
    float inv = (float)(1.0 / t->c);
    const float *w = t->w + s * NT, *u = t->u + s * NT;
    int nz = 0;
    for (int k = 0; k < NT; k++) {
        v[k] = w[k] - u[k] * inv;
        if (v[k] != 0.0f) nz = 1;
    }
    return nz;
}

int tagger_train_serialize(const tagger_trainer *t, unsigned char **out, size_t *out_len)
{
    float inv = (float)(1.0 / t->c), trans[TRANS_N];
    for (int k = 0; k < TRANS_N; k++) trans[k] = t->trans[k] - t->utrans[k] * inv;
    return tagger_weights_blob(t->bits, trans, averaged_row, t, out, out_len);
}

void tagger_weights_free(tagger_weights *w)
{
    if (!w) return;
    free(w->present);
    free(w->rank);
    free(w->rows);
    w->present = NULL;
    w->rank = NULL;
    w->rows = NULL;
}

int tagger_load(tagger_weights *w, const void *blob, size_t len)
{
    memset(w, 0, sizeof *w);
    const unsigned char *b = blob;
    if (!b || len < TAGGER_HEADER_SIZE) return -1;
    if (memcmp(b, TAGGER_MAGIC, 8)) return -1;
    if (get32(b + 8) != TAGGER_FORMAT_VERSION) return -1;
    uint32_t bits = get32(b + 12);
    if (bits < 10 || bits > 26) return -1;
    if (get32(b + 16) != NT) return -1;
    uint32_t nrows = get32(b + 20);
    size_t slots = (size_t)1 << bits;
    if (nrows > slots) return -1;
    size_t need = TAGGER_HEADER_SIZE + TRANS_N * 4 + (size_t)nrows * 4 + (size_t)nrows * NT * 4;
    if (len != need) return -1;
    if (get64(b + 24) != fnv1a64(b + 32, len - 32)) return -1;
    const unsigned char *p = b + TAGGER_HEADER_SIZE;
    for (int k = 0; k < TRANS_N; k++, p += 4) {
        w->trans[k] = getf(p);
        if (!isfinite(w->trans[k])) return -1;
    }
    size_t words = (slots + 63) / 64;
    w->present = calloc(words, sizeof *w->present);
    w->rank = calloc(words, sizeof *w->rank);
    w->rows = malloc(((size_t)nrows ? nrows : 1) * NT * sizeof *w->rows);
    if (!w->present || !w->rank || !w->rows) {
        tagger_weights_free(w);
        return -2;
    }
    const unsigned char *ps = p, *pw = p + (size_t)nrows * 4;
    uint32_t prev = 0;
    float maxabs = 0;
    for (uint32_t r = 0; r < nrows; r++) {
        uint32_t s = get32(ps + (size_t)r * 4);
        if (s >= slots || (r && s <= prev)) {
            tagger_weights_free(w);
            return -1;
        }
        prev = s;
        w->present[s >> 6] |= 1ull << (s & 63);
        for (int k = 0; k < NT; k++) {
            float f = getf(pw + ((size_t)r * NT + k) * 4);
            if (!isfinite(f)) {
                tagger_weights_free(w);
                return -1;
            }
            float a = f < 0 ? -f : f;
            if (a > maxabs) maxabs = a;
        }
    }
    /* 16-bit rows: the sum of a token's ~40 features stays within 32 bits */
    w->scale = maxabs > 0 ? maxabs / 32767.0f : 1.0f;
    for (size_t q = 0; q < (size_t)nrows * NT; q++) {
        float v = getf(pw + q * 4) / w->scale; /* |v| <= 32767 */
        long iv = (long)(v >= 0 ? v + 0.5f : v - 0.5f);
        w->rows[q] = (int16_t)(iv > 32767 ? 32767 : iv < -32767 ? -32767 : iv);
    }
    uint32_t acc = 0;
    for (size_t k = 0; k < words; k++) {
        w->rank[k] = acc;
        acc += popcount64(w->present[k]);
    }
    w->bits = bits;
    w->nrows = nrows;
    w->checksum = get64(b + 24);
    return 0;
}

/* ---------------------------------------------------------------- */
/* Training */

int tagger_train_init(tagger_trainer *t, unsigned bits)
{
    memset(t, 0, sizeof *t);
    if (bits < 10 || bits > 26) return -1;
    size_t slots = (size_t)1 << bits;
    t->bits = bits;
    t->w = calloc(slots * NT, sizeof *t->w);
    t->u = calloc(slots * NT, sizeof *t->u);
    if (!t->w || !t->u) {
        tagger_train_free(t);
        return -2;
    }
    t->c = 1.0;
    return 0;
}

void tagger_train_free(tagger_trainer *t)
{
    free(t->w);
    free(t->u);
    tagger_scratch_free(&t->scratch);
    t->w = t->u = NULL;
}

long tagger_train_sentence(tagger_trainer *t, const uint32_t *feats, const uint32_t *offs, size_t n,
                           const uint8_t *gold, uint8_t *pred_out)
{
    if (n == 0) return 0;
    tagger_scratch *s = &t->scratch;
    if (tagger_scratch_reserve(s, n)) return -2;
    uint32_t mask = (uint32_t)(((size_t)1 << t->bits) - 1);
    for (size_t i = 0; i < n; i++) {
        float *sc = s->score + i * NT;
        for (int k = 0; k < NT; k++) sc[k] = 0.0f;
        for (uint32_t k = offs[i]; k < offs[i + 1]; k++) {
            const float *row = t->w + (size_t)(feats[k] & mask) * NT;
            for (int j = 0; j < NT; j++) sc[j] += row[j];
        }
    }
    /* Sentences longer than the local buffer need pred_out. */
    uint8_t local[512];
    uint8_t *pred = pred_out ? pred_out : (n <= sizeof local ? local : NULL);
    if (!pred) return -2;
    viterbi(t->trans, s->score, n, s->delta, s->back, pred);
    long wrong = 0;
    float c = (float)t->c;
    for (size_t i = 0; i < n; i++) {
        if (pred[i] == gold[i]) continue;
        wrong++;
        for (uint32_t k = offs[i]; k < offs[i + 1]; k++) {
            size_t f = (size_t)(feats[k] & mask) * NT;
            t->w[f + gold[i]] += 1.0f;
            t->u[f + gold[i]] += c;
            t->w[f + pred[i]] -= 1.0f;
            t->u[f + pred[i]] -= c;
        }
    }
    if (wrong) {
        for (size_t i = 0; i < n; i++) {
            int pg = i ? gold[i - 1] : START, pp = i ? pred[i - 1] : START;
            if (pg == pp && gold[i] == pred[i]) continue;
            t->trans[pg * NT + gold[i]] += 1.0f;
            t->utrans[pg * NT + gold[i]] += c;
            t->trans[pp * NT + pred[i]] -= 1.0f;
            t->utrans[pp * NT + pred[i]] -= c;
        }
        t->mistakes++;
    }
    t->updates++;
    t->c += 1.0;
    return wrong;
}
