#include "clitic/clitic.h"

#include <string.h>

#include "core/error.h"
#include "model/model.h"
#include "normalize/normalize.h"

/* Arabic letters in UTF-8 (two bytes each in the normalised form). */
#define WAW "\xd9\x88"
#define FA "\xd9\x81"
#define BA "\xd8\xa8"
#define LAM "\xd9\x84"
#define KAF "\xd9\x83"
#define SIN "\xd8\xb3"
#define ALEF "\xd8\xa7"
#define YA "\xd9\x8a"
#define TA "\xd8\xaa"
#define NUN "\xd9\x86"
#define TA_MARBUTA "\xd8\xa9"
#define ART ALEF LAM

const char *const clitic_proclitics[] = {WAW, FA, BA, LAM, KAF, SIN, ART, NULL};
/* Longest first, so that +هما is tried before +ها and +ه. The first-person
 * ي is left out: in news it is rarely a pronoun and usually a nisba ending
 * (روسي), which frequencies cannot tell apart. */
const char *const clitic_enclitics[] = {"+\xd9\x87\xd9\x85\xd8\xa7", /* هما */
                                        "+\xd9\x83\xd9\x85\xd8\xa7", /* كما */
                                        "+\xd9\x87\xd9\x85",         /* هم */
                                        "+\xd9\x87\xd9\x86",         /* هن */
                                        "+\xd9\x83\xd9\x85",         /* كم */
                                        "+\xd9\x83\xd9\x86",         /* كن */
                                        "+\xd9\x87\xd8\xa7",         /* ها */
                                        "+\xd9\x86\xd8\xa7",         /* نا */
                                        "+\xd9\x86\xd9\x8a",         /* ني */
                                        "+\xd9\x87",                 /* ه */
                                        "+\xd9\x83",                 /* ك */
                                        NULL};

/* How much more frequent than predicted a word may be and still be read as
 * clitic + stem. A factor, not a tuned threshold: a lexicalised word is
 * typically tens of times more frequent than its clitic reading predicts. */
#define SLACK 4.0

/* Words the article must never be split from: relative pronouns and the
 * divine name, closed-class words whose remainder after ال is no stem. */
static const char *const article_words[] = {
    ART "\xd9\x84\xd9\x87",                             /* الله */
    ART "\xd8\xb0\xd9\x8a",                             /* الذي */
    ART "\xd8\xaa\xd9\x8a",                             /* التي */
    ART "\xd8\xb0\xd9\x8a\xd9\x86",                     /* الذين */
    ART "\xd9\x84\xd8\xb0\xd8\xa7\xd9\x86",             /* اللذان */
    ART "\xd9\x84\xd8\xaa\xd8\xa7\xd9\x86",             /* اللتان */
    ART "\xd9\x84\xd8\xa7\xd8\xaa\xd9\x8a",             /* اللاتي */
    ART "\xd9\x84\xd9\x88\xd8\xa7\xd8\xaa\xd9\x8a",     /* اللواتي */
    ART "\xd9\x84\xd9\x87\xd9\x85",                     /* اللهم */
    NULL};

static int starts(const char *w, size_t n, const char *p)
{
    size_t k = strlen(p);
    return n >= k && memcmp(w, p, k) == 0;
}

static int ends(const char *w, size_t n, const char *s)
{
    size_t k = strlen(s);
    return n >= k && memcmp(w + n - k, s, k) == 0;
}

/* Number of code points of a UTF-8 string. */
static size_t chars(const char *w, size_t n)
{
    size_t c = 0;
    for (size_t i = 0; i < n; i++) c += ((unsigned char)w[i] & 0xC0) != 0x80;
    return c;
}

/* Is every byte of w an Arabic letter (two-byte sequences D8/D9 xx)? */
static int all_arabic(const char *w, size_t n)
{
    if (n % 2) return 0;
    for (size_t i = 0; i < n; i += 2) {
        unsigned char a = (unsigned char)w[i];
        if (a != 0xD8 && a != 0xD9) return 0;
    }
    return 1;
}

static int is_article_word(const char *w, size_t n)
{
    for (const char *const *p = article_words; *p; p++)
        if (strlen(*p) == n && memcmp(*p, w, n) == 0) return 1;
    return 0;
}

/* The accept test: read `whole` as affix + part when the corpus shows `part`
 * often enough to explain how often `whole` occurs. */
static int accept(const struct syria_model *m, size_t f_whole, double evidence, const char *affix,
                  int reliable_when_unseen)
{
    double ratio = model_ratio(m, affix);
    if (evidence <= 0.0) return f_whole == 0 && reliable_when_unseen;
    if (f_whole == 0) return evidence >= 1.0;
    if (evidence < 2.0) return 0;
    return (double)f_whole <= SLACK * ratio * evidence + 1.0;
}

/* Evidence that w is a word form: its own frequency, or the frequency its
 * clitic readings predict (ratio * evidence of the remainder). */
static double evidence_of(const struct syria_model *m, const char *w, size_t n, int depth)
{
    double best = (double)model_freq(m, w, n);
    if (depth >= 3 || n < 6) return best;
    /* The article, and ل + article written لل. */
    if (starts(w, n, ART) && n >= 8) {
        double e = model_ratio(m, ART) * (double)model_freq(m, w + 4, n - 4);
        if (e > best) best = e;
    }
    if (starts(w, n, LAM LAM) && n >= 8) {
        char buf[256];
        if (n + 2 <= sizeof buf) {
            memcpy(buf, ALEF, 2);
            memcpy(buf + 2, w + 2, n - 2);
            double e = model_ratio(m, LAM) * evidence_of(m, buf, n, depth + 1);
            if (e > best) best = e;
        }
    }
    static const char *const one[] = {WAW, FA, BA, LAM, KAF, NULL};
    for (const char *const *p = one; *p; p++)
        if (starts(w, n, *p)) {
            double e = model_ratio(m, *p) * evidence_of(m, w + 2, n - 2, depth + 1);
            if (e > best) best = e;
        }
    return best;
}

static void push_prefix(clitic_split *out, const char *p)
{
    size_t have = strlen(out->prefix);
    if (have + strlen(p) + 2 > sizeof out->prefix) return;
    if (have) out->prefix[have++] = '+';
    strcpy(out->prefix + have, p);
}

void clitic_analyze(const struct syria_model *m, const char *w, size_t n, const char *hamza,
                    clitic_split *out)
{
    memset(out, 0, sizeof *out);
    out->stem_bytes = n;
    if (!all_arabic(w, n) || n < 6) return; /* three letters at least to carry a clitic */

    const char *rest = w;
    size_t rn = n;
    char buf[256];

    /* 1. Conjunction و / ف. */
    if ((starts(rest, rn, WAW) || starts(rest, rn, FA)) && rn >= 6) {
        const char *c = starts(rest, rn, WAW) ? WAW : FA;
        int reliable = starts(rest + 2, rn - 2, ART) || starts(rest + 2, rn - 2, BA ART) ||
                       starts(rest + 2, rn - 2, LAM LAM);
        if (accept(m, model_freq(m, rest, rn), evidence_of(m, rest + 2, rn - 2, 0), c, reliable)) {
            push_prefix(out, c);
            out->proclitic_chars++;
            rest += 2, rn -= 2;
        }
    }

    /* 2. Preposition ب ل ك, ل + article (لل), or the future particle س. */
    int article_taken = 0;
    if (starts(rest, rn, LAM LAM) && rn >= 8 && !is_article_word(rest, rn)) {
        /* لل + x: the article's alef is dropped after ل. */
        if (rn + 2 <= sizeof buf) {
            memcpy(buf, ALEF, 2);
            memcpy(buf + 2, rest + 2, rn - 2);
            double ev = model_ratio(m, ART) * (double)model_freq(m, rest + 4, rn - 4);
            double f_art = (double)model_freq(m, buf, rn);
            if (f_art > ev) ev = f_art;
            if (accept(m, model_freq(m, rest, rn), ev, LAM, 1)) {
                push_prefix(out, LAM);
                push_prefix(out, ART);
                out->proclitic_chars++;
                out->article_chars = 1;
                rest += 4, rn -= 4;
                article_taken = 1;
            }
        }
    } else if ((starts(rest, rn, BA) || starts(rest, rn, LAM) || starts(rest, rn, KAF)) && rn >= 6) {
        const char *p = starts(rest, rn, BA) ? BA : starts(rest, rn, LAM) ? LAM : KAF;
        int reliable = starts(rest + 2, rn - 2, ART);
        if (accept(m, model_freq(m, rest, rn), evidence_of(m, rest + 2, rn - 2, 0), p, reliable)) {
            push_prefix(out, p);
            out->proclitic_chars++;
            rest += 2, rn -= 2;
        }
    } else if (starts(rest, rn, SIN) && rn >= 8 &&
               (starts(rest + 2, rn - 2, YA) || starts(rest + 2, rn - 2, TA) ||
                starts(rest + 2, rn - 2, NUN))) {
        /* س only before an imperfect verb: سيجتمع. */
        if (accept(m, model_freq(m, rest, rn), (double)model_freq(m, rest + 2, rn - 2), SIN, 0)) {
            push_prefix(out, SIN);
            out->proclitic_chars++;
            rest += 2, rn -= 2;
        }
    }

    /* 3. The article: nouns carry it more often than not, so any attestation
     * of the remainder is evidence enough, unless the alef has a hamza. */
    int plain_alef = !hamza || starts(hamza + (rest - w), rn, ALEF);
    if (!article_taken && plain_alef && starts(rest, rn, ART) && rn >= 8 && !is_article_word(rest, rn)) {
        uint32_t f_rest = model_freq(m, rest + 4, rn - 4);
        if (f_rest >= 2 || (f_rest == 0 && model_freq(m, rest, rn) == 0)) {
            push_prefix(out, ART);
            out->article_chars = 2;
            rest += 4, rn -= 4;
            article_taken = 1;
        }
    }

    /* 4. An enclitic pronoun (not after the article: الكتابه is no word). */
    if (!article_taken) {
        for (const char *const *q = clitic_enclitics; *q; q++) {
            const char *pr = *q + 1; /* skip '+' */
            size_t pl = strlen(pr);
            if (!ends(rest, rn, pr) || rn < pl + 4) continue;
            size_t bn = rn - pl;
            double ev = (double)model_freq(m, rest, bn);
            /* A noun in ة writes it ت before a pronoun: حكومته -> حكومة. */
            if (ends(rest, bn, TA) && bn + 2 <= sizeof buf) {
                memcpy(buf, rest, bn - 2);
                memcpy(buf + bn - 2, TA_MARBUTA, 2);
                ev += (double)model_freq(m, buf, bn);
            }
            if (accept(m, model_freq(m, rest, rn), ev, *q, 0)) {
                out->suffix_chars = chars(pr, pl);
                rn = bn;
            }
            break; /* only the longest pronoun the word ends with is considered */
        }
    }
    out->stem_bytes_at = (size_t)(rest - w);
    out->stem_bytes = rn;
}

int clitic_stage(struct syria_doc *doc)
{
    uint32_t empty = doc_intern(doc, "", 0);
    int split = !(doc->flags & SYRIA_OPT_NO_CLITICS);
    for (size_t k = 0; k < doc->toks.count; k++) {
        tok *t = &doc->toks.items[k];
        const char *key = doc->strings.data + t->key;
        t->stem_start = t->article_start = t->start;
        t->stem_len = t->len;
        if (t->kind != SYRIA_TOKEN_WORD || !split) {
            t->prefix = t->suffix = empty;
            t->stem = t->key;
            continue;
        }
        /* The word without alef folding, for the article's hamza test. */
        char hamza[256];
        const char *hz = NULL;
        if (t->key_len < sizeof hamza) {
            strbuf hb = {hamza, 0, sizeof hamza, 0, 1};
            norm_append(&hb, doc->text + t->start, t->len,
                        (SYRIA_NORM_DEFAULT & ~SYRIA_NORM_ALEF) | (t->obfuscated ? NORM_DEOBFUSCATE : 0u));
            if (!hb.failed && hb.len == t->key_len) hz = hamza;
        }
        clitic_split cs;
        clitic_analyze(doc->model, key, t->key_len, hz, &cs);
        if (!cs.prefix[0] && !cs.suffix_chars) {
            t->prefix = t->suffix = empty;
            t->stem = t->key;
            continue;
        }
        size_t stem_end = cs.stem_bytes_at + cs.stem_bytes;
        /* The arena may move while interning: copy the pieces first. */
        char piece[512];
        size_t suffix_len = t->key_len - stem_end;
        if (t->key_len >= sizeof piece) {
            t->prefix = t->suffix = empty;
            t->stem = t->key;
            continue;
        }
        memcpy(piece, key, t->key_len);
        t->prefix = doc_intern(doc, cs.prefix, strlen(cs.prefix));
        t->stem = doc_intern(doc, piece + cs.stem_bytes_at, cs.stem_bytes);
        t->suffix = suffix_len ? doc_intern(doc, piece + stem_end, suffix_len) : empty;

        /* Map the split back to the original bytes. */
        unsigned flags = SYRIA_NORM_DEFAULT | (t->obfuscated ? NORM_DEOBFUSCATE : 0u);
        const char *s = doc->text + t->start;
        size_t total_chars = chars(piece, t->key_len);
        size_t a = norm_surface_offset(s, t->len, flags, cs.proclitic_chars);
        size_t b = norm_surface_offset(s, t->len, flags, cs.proclitic_chars + cs.article_chars);
        size_t e = cs.suffix_chars ? norm_surface_offset(s, t->len, flags, total_chars - cs.suffix_chars)
                                   : t->len;
        /* Marks between the proclitics and the stem belong to the stem. */
        t->article_start = t->start + (uint32_t)a;
        t->stem_start = t->start + (uint32_t)b;
        t->stem_len = (uint32_t)(e > b ? e - b : 0);
    }
    if (doc->strings.failed) return syria_fail(SYRIA_ENOMEM, "out of memory while splitting clitics");
    return SYRIA_OK;
}
