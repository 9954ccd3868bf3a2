#include "clitic/clitic.h"

#include <string.h>

#include "core/error.h"
#include "core/utf8.h"
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
 * ي is last: a nisba adjective (روسي) takes the article and so fails the
 * own-clitics test that a noun with "my" (بلادي) passes. */
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
                                        "+\xd9\x8a",                 /* ي */
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
    if (f_whole == 0) return evidence >= 3.0 || (reliable_when_unseen && evidence >= 1.0);
    if (evidence < 2.0) return 0;
    return (double)f_whole <= SLACK * ratio * evidence + 1.0;
}

/* Frequency of the concatenation a + b (either may be the word itself). */
static uint32_t freq_concat(const struct syria_model *m, const char *a, size_t an, const char *b, size_t bn)
{
    char buf[256];
    if (an + bn > sizeof buf) return 0;
    memcpy(buf, a, an);
    memcpy(buf + an, b, bn);
    return model_freq(m, buf, an + bn);
}

/* How often w itself carries clitics that could not stand outside `affix`
 * if `affix` were a clitic (ووزير, الوزير: وزير is a stem; ووقالت, الوقالت
 * never occur: وقالت is و + قالت), and how often a stem would (*expected,
 * the summed corpus ratios of those clitics, per occurrence of w). */
static uint32_t own_clitics(const struct syria_model *m, const char *w, size_t n, const char *affix,
                            double *expected)
{
    static const char *const outer_of_conj[] = {WAW, FA, ART, BA, LAM, KAF, NULL};
    static const char *const outer_of_prep[] = {ART, BA, LAM, KAF, NULL};
    static const char *const outer_of_art[] = {ART, NULL};
    static const char *const pronouns[] = {"\xd9\x87", "\xd9\x87\xd8\xa7", "\xd9\x87\xd9\x85", NULL};
    const char *const *outer;
    int with_pronouns = 0;
    if (!strcmp(affix, WAW) || !strcmp(affix, FA)) outer = outer_of_conj;
    else if (!strcmp(affix, ART) || affix[0] == '+') outer = outer_of_art, with_pronouns = 1; /* الكتابه, two pronouns: no words */
    else outer = outer_of_prep;
    uint32_t c = 0;
    *expected = 0.0;
    for (const char *const *o = outer; *o; o++) {
        /* ل before a word in ل makes لل, the article's form after ل: no evidence. */
        if (!strcmp(*o, LAM) && starts(w, n, LAM)) continue;
        c += freq_concat(m, *o, strlen(*o), w, n);
        *expected += model_ratio(m, *o);
    }
    if (with_pronouns)
        for (const char *const *q = pronouns; *q; q++) {
            char key[16] = "+";
            strcat(key, *q);
            c += freq_concat(m, w, n, *q, strlen(*q));
            *expected += model_ratio(m, key);
        }
    return c;
}

/* Is x a stem, or clitics on a stem (بالتعاون -> تعاون, النظام -> نظام)? */
static int stem_form(const struct syria_model *m, const char *x, size_t n, int depth)
{
    if (model_word_flags(m, x, n) & WORD_STEM) return 1;
    if (depth >= 2 || n < 6) return 0;
    if (starts(x, n, ART) && n >= 8 && (model_word_flags(m, x + 4, n - 4) & WORD_STEM)) return 1;
    static const char *const one[] = {WAW, FA, BA, LAM, KAF, NULL};
    for (const char *const *p = one; *p; p++)
        if (starts(x, n, *p) && stem_form(m, x + 2, n - 2, depth + 1)) return 1;
    return 0;
}

static double evidence_of(const struct syria_model *m, const char *w, size_t n, int depth);

/* Is w, read with `affix` as its first letter, rather a dictionary headword
 * with a dual or plural ending (وفدان = وفد + ان, two delegations; not
 * و + فدان)? The dictionary lists headwords, not their inflections, so
 * without this the clitic reading wins. The base must be at least as
 * frequent as the clitic reading's remainder (x_evidence), and not itself
 * explained by the corpus as the same clitic on a word (بدورات is ب + دورات:
 * بدور is mostly ب + دور, not the headword بدور). */
static int inflected_headword(const struct syria_model *m, const char *w, size_t n, const char *affix,
                              double x_evidence)
{
    static const char *const endings[] = {ALEF NUN, YA NUN, WAW NUN, ALEF TA, NULL};
    size_t al = strlen(affix);
    for (const char *const *e = endings; *e; e++) {
        size_t el = strlen(*e), bn = n - el;
        if (n < el + 6 || !ends(w, n, *e)) continue; /* a base of three letters at least */
        unsigned fb = model_word_flags(m, w, bn);
        uint32_t freq_b = model_freq(m, w, bn);
        if (!(fb & WORD_STEM) || (fb & (WORD_FUNCTION | WORD_CLITIC_FORM)) || (double)freq_b < x_evidence) continue;
        if (!accept(m, freq_b, evidence_of(m, w + al, bn - al, 0), affix, 0)) return 1;
    }
    return 0;
}

/* Should `w` be read as `affix` plus the remainder `x`? The evidence, in
 * order of strength:
 *  1. the project's lexicons: a proper name is a stem (فيدان, سنجار);
 *  2. the dictionary's function-word lists: a listed clitic form splits
 *     (وفي, فهو, بأن), a listed base word stays whole (لكن, كما, هناك),
 *     each when the corpus agrees (فقط is no ف + قط);
 *  3. dictionary headwords are stems (كان, بعد, فيصل), unless the corpus
 *     overwhelmingly reads them as a clitic on a frequent word (وفي);
 *  4. two corpus scores, both per occurrence of w:
 *       split = ratio(affix) * evidence(x) / freq(w): how much of w the
 *               clitic reading explains (وحول 1.2, وروسيا 0.7, بشار 0.0001);
 *       stem  = how often w carries clitics of its own, against how often a
 *               stem does (وزير 0.6, وخيمة 0.2; وقالت, بشكل 0).
 */
static int split_ok(const struct syria_model *m, const char *w, size_t wn, const char *x, size_t xn,
                    double x_evidence, const char *affix, int reliable_when_unseen)
{
    unsigned flags_w = model_word_flags(m, w, wn), flags_x = model_word_flags(m, x, xn);
    int enclitic = affix[0] == '+';
    if ((flags_w & WORD_NAME) && !(flags_w & WORD_CLITIC_FORM)) return 0;

    unsigned function_x = flags_x & (WORD_FUNCTION | WORD_CLITIC_FORM);
    uint32_t fw = model_freq(m, w, wn);
    /* Not for the future particle: its remainder is a verb, whose endings
     * ون / ين are the plural's (سيرون = س + يرون). */
    if (!enclitic && strcmp(affix, SIN) && !function_x && inflected_headword(m, w, wn, affix, x_evidence))
        return 0;
    double split = model_ratio(m, affix) * x_evidence / ((double)fw + 1.0);
    /* A listed clitic form. Alef folding merges some forms with stems (كأن,
     * ك + أن, and the verb كان): on a remainder in alef, a form that is also
     * a stem or base word is left to the rules below. */
    if ((flags_w & WORD_CLITIC_FORM) && function_x && split >= 0.005 &&
        !(starts(x, xn, ALEF) && (flags_w & (WORD_STEM | WORD_FUNCTION))))
        return 1;
    /* A base function word with a pronoun: منها = من + ها, not هناك = هنا + ك. */
    if (enclitic && (flags_w & WORD_FUNCTION)) return function_x && split >= 0.005;
    /* A base function word keeps its first letters (لكن, لدى, كما), unless
     * it is a preposition on a stem the corpus supports (بشأن, باسم) or two
     * function words the corpus reads apart (والتي). */
    if (!enclitic && (flags_w & WORD_FUNCTION) && !(split >= 0.002 && stem_form(m, x, xn, 0)) &&
        !(function_x && split >= 0.1))
        return 0;
    if ((flags_w & WORD_STEM) && split < 0.5) return 0;
    if (fw == 0) return accept(m, fw, x_evidence, affix, reliable_when_unseen);

    double expected;
    uint32_t own = own_clitics(m, w, wn, affix, &expected);
    double stem = expected > 0 ? (double)own / ((double)fw + 1.0) / expected : 0.0;
    if (own >= 3 && stem >= 0.1 && stem > split) return 0;
    if (split >= 0.02 && x_evidence >= 2.0) return 1;
    /* A pronoun never follows the article, so a word that rarely takes one is
     * a stem with a pronoun when its remainder is a stem (نظيره, بلاده). */
    if (enclitic && stem < 0.05 && x_evidence >= 2.0 && stem_form(m, x, xn, 0)) return 1;
    /* A word never seen with clitics of its own, on a dictionary stem the
     * corpus supports (بشكل). */
    if ((double)own <= 0.001 * fw && split >= 0.002 && stem_form(m, x, xn, 0)) return 1;
    /* ب on a dictionary stem that never occurs bare, in a frequent word that
     * is no headword and never carries clitics of its own: a frozen phrase
     * (بموجب, بمثابة). */
    if (!strcmp(affix, BA) && !(flags_w & WORD_STEM) && own == 0 && fw >= 100 && x_evidence < 1.0 &&
        (flags_x & WORD_STEM))
        return 1;
    return 0;
}

/* Length of the enclitic pronoun w ends with, when what precedes it is a
 * known word (بأنها -> بأن), else 0. */
static size_t pronoun_len(const struct syria_model *m, const char *w, size_t n)
{
    for (const char *const *q = clitic_enclitics; *q; q++) {
        size_t pl = strlen(*q + 1);
        if (!strcmp(*q + 1, YA)) continue; /* may be a folded ى: no evidence here */
        if (n >= pl + 4 && ends(w, n, *q + 1) && model_freq(m, w, n - pl) > 0) return pl;
    }
    return 0;
}

/* split_ok for a proclitic, also tried on the word without its pronoun:
 * وبعدها is و + بعدها because وبعد is و + بعد. */
static int proclitic_ok(const struct syria_model *m, const char *w, size_t wn, size_t affix_len,
                        double x_evidence, const char *affix, int reliable_when_unseen)
{
    /* A base word with a pronoun keeps its first letters: كلها is كل + ها,
     * وحدها is وحد + ها, not a proclitic on لها or حدها. */
    size_t base_len = wn - pronoun_len(m, w, wn);
    if (base_len < wn && base_len >= 4 && model_freq(m, w, base_len) >= model_freq(m, w, wn)) {
        unsigned fb = model_word_flags(m, w, base_len);
        if ((fb & (WORD_FUNCTION | WORD_STEM)) && !(fb & WORD_CLITIC_FORM)) return 0;
    }
    if (split_ok(m, w, wn, w + affix_len, wn - affix_len, x_evidence, affix, reliable_when_unseen)) return 1;
    size_t pl = pronoun_len(m, w, wn);
    if (!pl || wn - pl <= affix_len + 2) return 0;
    size_t bn = wn - pl;
    return split_ok(m, w, bn, w + affix_len, bn - affix_len,
                    evidence_of(m, w + affix_len, bn - affix_len, 0), affix, 0);
}

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
    if (!all_arabic(w, n) || n < 4) return; /* two letters at least to carry a clitic */

    const char *rest = w;
    size_t rn = n;
    char buf[256];

    /* 1. Conjunction و / ف. */
    if ((starts(rest, rn, WAW) || starts(rest, rn, FA)) && rn >= 6) {
        const char *c = starts(rest, rn, WAW) ? WAW : FA;
        int reliable = starts(rest + 2, rn - 2, ART) || starts(rest + 2, rn - 2, BA ART) ||
                       starts(rest + 2, rn - 2, LAM LAM);
        if (proclitic_ok(m, rest, rn, 2, evidence_of(m, rest + 2, rn - 2, 0), c, reliable)) {
            push_prefix(out, c);
            out->proclitic_chars++;
            rest += 2, rn -= 2;
        }
    }

    /* A preposition with nothing but a pronoun: لها = ل + ها, بهم = ب + هم. */
    if ((starts(rest, rn, BA) || starts(rest, rn, LAM) || starts(rest, rn, KAF)) && rn >= 4) {
        for (const char *const *q = clitic_enclitics; *q; q++)
            /* ك takes no pronoun (كنا is a verb), and "your" (f. pl.) كن
             * is too rare in news to read لكن as ل + كن. */
            if (strlen(*q + 1) == rn - 2 && memcmp(*q + 1, rest + 2, rn - 2) == 0 && !starts(rest, rn, KAF) &&
                strcmp(*q + 1, "\xd9\x83\xd9\x86")) {
                out->suffix_chars = chars(rest + 2, rn - 2);
                out->stem_bytes_at = (size_t)(rest - w);
                out->stem_bytes = 2;
                return;
            }
    }

    /* 2. Preposition ب ل ك, ل + article (لل), or the future particle س. */
    int article_taken = 0;
    /* لل is ل + ال (للنظام) or ل + a word in ل (للبنان): the remainder the
     * corpus knows better decides. */
    int lam_article = 0;
    if (starts(rest, rn, LAM LAM) && rn >= 8 && rn + 2 <= sizeof buf) {
        memcpy(buf, ALEF, 2);
        memcpy(buf + 2, rest + 2, rn - 2);
        uint32_t f_plain = model_freq(m, rest + 2, rn - 2), f_art = model_freq(m, buf, rn);
        lam_article = f_art >= f_plain && !(model_word_flags(m, rest + 2, rn - 2) & WORD_STEM);
    }
    if (lam_article && !is_article_word(rest, rn)) {
        /* لل + x: the article's alef is dropped after ل. */
        if (rn + 2 <= sizeof buf) {
            memcpy(buf, ALEF, 2);
            memcpy(buf + 2, rest + 2, rn - 2);
            double ev = model_ratio(m, ART) * (double)model_freq(m, rest + 4, rn - 4);
            double f_art = (double)model_freq(m, buf, rn);
            if (f_art > ev) ev = f_art;
            if (split_ok(m, rest, rn, buf, rn, ev, LAM, 1)) {
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
        if (proclitic_ok(m, rest, rn, 2, evidence_of(m, rest + 2, rn - 2, 0), p, reliable)) {
            push_prefix(out, p);
            out->proclitic_chars++;
            rest += 2, rn -= 2;
        }
    } else if (starts(rest, rn, SIN) && rn >= 8 &&
               (starts(rest + 2, rn - 2, YA) || starts(rest + 2, rn - 2, TA) ||
                starts(rest + 2, rn - 2, NUN))) {
        /* س only before an imperfect verb: سيجتمع. */
        if (split_ok(m, rest, rn, rest + 2, rn - 2, (double)model_freq(m, rest + 2, rn - 2), SIN, 0)) {
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
        /* A headword that begins with ال keeps it (التزام, التقى), unless
         * it is the article on a stem the corpus knows well (الغاز). */
        int headword = (model_word_flags(m, rest, rn) & WORD_STEM) &&
                       !((model_word_flags(m, rest + 4, rn - 4) & WORD_STEM) &&
                         (double)f_rest >= 0.3 * (double)model_freq(m, rest, rn));
        /* The remainder may never occur bare (names: الزمالك, duals: الوفدان):
         * a plain alef on a word the dictionary does not know is the article. */
        size_t plen = pronoun_len(m, rest, rn);
        int unknown = !(model_word_flags(m, rest, rn) & (WORD_STEM | WORD_FUNCTION | WORD_CLITIC_FORM)) &&
                      !(plen && (model_word_flags(m, rest, rn - plen) & WORD_STEM)) && rn >= 10;
        if (!headword && (f_rest >= 2 || (model_word_flags(m, rest + 4, rn - 4) & WORD_STEM) ||
                          (f_rest == 0 && (model_freq(m, rest, rn) == 0 || (unknown && hamza))))) {
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
            /* "my" is a written ي (not ى folded to ي: على) on a content word
             * (not الذي, كي). */
            if (!strcmp(pr, YA) && (!hamza || !ends(hamza, n, YA) ||
                                     (model_word_flags(m, rest, rn) & (WORD_STEM | WORD_FUNCTION | WORD_CLITIC_FORM))))
                break;
            size_t bn = rn - pl;
            double ev = (double)model_freq(m, rest, bn);
            const char *base = rest;
            /* Before a pronoun a final letter changes: ة is written ت
             * (حكومته), ء is written ئ (لقائه). */
            static const char *const changed[][2] = {{TA, TA_MARBUTA}, {"\xd8\xa6", "\xd8\xa1"}};
            for (size_t v = 0; v < sizeof changed / sizeof changed[0]; v++) {
                if (!ends(rest, bn, changed[v][0]) || bn + 2 > sizeof buf) continue;
                memcpy(buf, rest, bn - 2);
                memcpy(buf + bn - 2, changed[v][1], 2);
                double f_v = (double)model_freq(m, buf, bn);
                if (f_v > ev || (model_word_flags(m, buf, bn) & WORD_STEM)) base = buf;
                ev += f_v;
                break;
            }
            if (split_ok(m, rest, rn, base, bn, ev, *q, 0)) {
                out->suffix_chars = chars(pr, pl);
                rn = bn;
            }
            break; /* only the longest pronoun the word ends with is considered */
        }
    }
    out->stem_bytes_at = (size_t)(rest - w);
    out->stem_bytes = rn;
}

/* The letters of a surface word, skipping what normalises to nothing
 * (diacritics, tatweel, invisible marks): the k-th, and the last. */
static uint32_t surface_letter(const char *s, size_t n, size_t k, int last)
{
    const unsigned char *u = (const unsigned char *)s;
    uint32_t found = 0;
    size_t seen = 0;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        unsigned char a = u[i];
        if ((a == 0xD8 || a == 0xD9) && i + 1 < n && (u[i + 1] & 0xC0) == 0x80) {
            /* Two-byte Arabic block, decoded here; its plain letters
             * (U+0621..U+063A, U+0641..U+064A) are never skipped. */
            cp = ((uint32_t)(a & 0x1F) << 6) | (u[i + 1] & 0x3Fu);
            i += 2;
            if (!((cp >= 0x0621 && cp <= 0x063A) || (cp >= 0x0641 && cp <= 0x064A)) &&
                (cp == 0x0640 || norm_is_arabic_mark(cp) || norm_is_invisible(cp)))
                continue;
            if (!last && seen++ == k) return cp;
            found = cp;
            continue;
        }
        int len = utf8_decode(u + i, n - i, &cp);
        if (!len) return 0;
        i += (size_t)len;
        if (cp == 0x0640 || norm_is_arabic_mark(cp) || norm_is_invisible(cp)) continue;
        if (!last && seen++ == k) return cp;
        found = cp;
    }
    return last ? found : 0;
}

/* The builder computed each word's split as if it were written without
 * hamza on alef or alef maqsura. Those letters only ever block a split (no
 * article on أل..., no pronoun ي on ى), so the precomputed split holds unless
 * it uses the article where the text has a hamza-alef, or splits ي where the
 * text has ى. */
/* Is s[i..i+2) a plain letter (U+0621..U+063A, U+0641..U+064A), which
 * normalisation never drops or expands? */
static int plain_letter(const unsigned char *u, size_t i)
{
    return (u[i] == 0xD8 && u[i + 1] >= 0xA1 && u[i + 1] <= 0xBA) || (u[i] == 0xD9 && u[i + 1] >= 0x81 && u[i + 1] <= 0x8A);
}

static int precomputed_holds(const char *s, size_t n, unsigned b)
{
    const unsigned char *u = (const unsigned char *)s;
    if (SPLIT_ART(b)) {
        size_t k = SPLIT_PRO(b);
        /* Most words: the first k+1 letters are plain, so the k-th is at 2k. */
        int plain = 2 * k + 2 <= n;
        for (size_t i = 0; plain && i <= k; i++) plain = plain_letter(u, 2 * i);
        uint32_t a = plain ? 0x0600u + ((u[2 * k] & 1u) << 6) + (u[2 * k + 1] & 0x3Fu) : surface_letter(s, n, k, 0);
        if (a == 0x0622 || a == 0x0623 || a == 0x0625) return 0;
    }
    if (SPLIT_ENC(b) == 1 && surface_letter(s, n, 0, 1) == 0x0649) return 0;
    return 1;
}

void split_from_byte(const char *w, size_t n, unsigned b, clitic_split *out)
{
    size_t pro = SPLIT_PRO(b), art = SPLIT_ART(b);
    /* The prefix string, as push_prefix would join it: each proclitic
     * letter (two bytes), then ال, '+' between them (at most 3*3+4 bytes),
     * zero-padded to 16 bytes like clitic_analyze's (prefix_offset reads
     * it as a key). */
    memset(out->prefix, 0, 16);
    char *p = out->prefix;
    for (size_t i = 0; i < pro; i++) {
        if (i) *p++ = '+';
        *p++ = w[2 * i];
        *p++ = w[2 * i + 1];
    }
    if (art) {
        if (pro) *p++ = '+';
        memcpy(p, ART, 4);
        p += 4;
    }
    *p = '\0';
    out->proclitic_chars = pro;
    out->article_chars = art;
    out->suffix_chars = SPLIT_ENC(b);
    out->stem_bytes_at = 2 * (pro + art);
    out->stem_bytes = n - out->stem_bytes_at - 2 * out->suffix_chars;
}

unsigned split_to_byte(const clitic_split *cs)
{
    if (cs->proclitic_chars > 3 || cs->article_chars > 2 || cs->suffix_chars > 3) return SPLIT_NONE;
    return SPLIT_PACK(cs->proclitic_chars, cs->article_chars, cs->suffix_chars);
}

/* Is the surface letter for letter its norm: as long, and all two-byte
 * Arabic-block letters (none dropped by normalisation, none expanded)? */
static int same_shape(const char *s, size_t n, size_t key_len)
{
    if (n != key_len || (n & 1)) return 0;
    /* Eight bytes at a time, the last block overlapping the one before
     * (n is even, so the lead bytes stay at even offsets). */
    if (n >= 8) {
        uint64_t mask, want, v, other = 0;
        memcpy(&mask, "\xFE\x00\xFE\x00\xFE\x00\xFE\x00", 8);
        memcpy(&want, "\xD8\x00\xD8\x00\xD8\x00\xD8\x00", 8);
        for (size_t i = 0; i + 8 < n; i += 8) {
            memcpy(&v, s + i, 8);
            other |= (v & mask) ^ want;
        }
        memcpy(&v, s + n - 8, 8);
        return (other | ((v & mask) ^ want)) == 0;
    }
    /* Without a branch per letter: words end at unpredictable lengths. */
    unsigned other = 0;
    for (size_t i = 0; i < n; i += 2) other |= ((unsigned char)s[i] & 0xFEu) ^ 0xD8u;
    return other == 0;
}

/* Can the normalised word carry a clitic at all? Proclitics start with
 * و ف ب ل ك س or the article's ا; enclitic pronouns end in ه ا م ن ك ي. */
static int may_carry_clitic(const char *w, size_t n)
{
    if (n < 4 || (n & 1)) return n >= 4; /* odd: not all two-byte letters; let the splitter judge */
    unsigned char a = (unsigned char)w[0], b = (unsigned char)w[1];
    unsigned char y = (unsigned char)w[n - 2], z = (unsigned char)w[n - 1];
    /* Bit sets over the continuation byte's low six bits, for leads D8 and
     * D9, tested without branches (which letter a word starts or ends with
     * is anyone's guess): */
#define BIT(c) (1ull << ((c) & 0x3F))
    static const uint64_t first_set[2] = {BIT(0xA8) | BIT(0xB3) | BIT(0xA7),                         /* ب س ا */
                                          BIT(0x88) | BIT(0x81) | BIT(0x84) | BIT(0x83)};            /* و ف ل ك */
    static const uint64_t last_set[2] = {BIT(0xA7),                                                  /* ا */
                                         BIT(0x87) | BIT(0x85) | BIT(0x86) | BIT(0x83) | BIT(0x8A)}; /* ه م ن ك ي */
#undef BIT
    unsigned first = ((a & 0xFEu) == 0xD8u) & ((b & 0xC0u) == 0x80u) & (unsigned)(first_set[a & 1] >> (b & 0x3F));
    unsigned last = ((y & 0xFEu) == 0xD8u) & ((z & 0xC0u) == 0x80u) & (unsigned)(last_set[y & 1] >> (z & 0x3F));
    return (int)((first | last) & 1u);
}

/* The few distinct prefix strings of a document, each stored once. */
typedef struct prefix_cache {
    size_t count;
    struct {
        uint64_t key[2]; /* the text's first 16 bytes, zero-padded */
        uint32_t at;
    } items[32];
} prefix_cache;

/* prefix: a NUL-terminated string in a buffer of 16 bytes at least, zero
 * after the NUL (clitic_split.prefix as filled here): read as its key
 * without measuring it first. */
static uint32_t prefix_offset(struct syria_doc *doc, prefix_cache *c, const char *prefix)
{
    uint64_t key[2];
    memcpy(key, prefix, sizeof key);
    /* Its last byte zero: shorter than 16 bytes, and the NUL is inside the
     * key (keys of different lengths differ). */
    int cacheable = prefix[sizeof key - 1] == '\0';
    if (cacheable)
        for (size_t i = 0; i < c->count; i++)
            if (c->items[i].key[0] == key[0] && c->items[i].key[1] == key[1]) return c->items[i].at;
    uint32_t at = doc_intern(doc, prefix, strlen(prefix));
    if (cacheable && c->count < sizeof c->items / sizeof c->items[0]) {
        c->items[c->count].key[0] = key[0];
        c->items[c->count].key[1] = key[1];
        c->items[c->count++].at = at;
    }
    return at;
}

int clitic_stage(struct syria_doc *doc)
{
    uint32_t empty = doc_intern(doc, "", 0);
    prefix_cache cache = {0};
    int split = !(doc->flags & SYRIA_OPT_NO_CLITICS);
    for (size_t k = 0; k < doc->toks.count; k++) {
        tok *t = &doc->toks.items[k];
        const char *key = doc->strings.data + t->key;
        t->stem_start = t->article_start = t->start;
        t->stem_len = t->len;
        if (t->kind == SYRIA_TOKEN_HASHTAG && split && t->len > 1 && t->key_len > 1 && key[0] == '#') {
            /* #روسيا, #الولايات_المتحدة: the stem is the words after the
             * sign (underscores kept; the tag stage reads them as spaces),
             * so that names are found in hashtags and their spans leave the
             * sign out. */
            t->prefix = t->suffix = empty;
            t->stem = t->key + 1;
            t->stem_start = t->article_start = t->start + 1;
            t->stem_len = t->len - 1;
            continue;
        }
        if (t->kind != SYRIA_TOKEN_WORD || !split) {
            t->prefix = t->suffix = empty;
            t->stem = t->key;
            continue;
        }
        clitic_split cs;
        /* Fast path: the builder precomputed the split of every corpus word
         * as written without hamza or alef maqsura (the only letters whose
         * folding the decision looks behind). */
        if (!may_carry_clitic(key, t->key_len)) {
            t->prefix = t->suffix = empty;
            t->stem = t->key;
            continue;
        }
        unsigned pre = model_word_split(doc->model, key, t->key_len);
        if (pre == SPLIT_PACK(0, 0, 0)) { /* precomputed: no clitics (it always holds) */
            t->prefix = t->suffix = empty;
            t->stem = t->key;
            continue;
        }
        if (pre != SPLIT_NONE && precomputed_holds(doc->text + t->start, t->len, pre)) {
            split_from_byte(key, t->key_len, pre, &cs);
            goto have_split;
        }
        /* The word without alef folds, for the hamza and alef maqsura tests. */
        char hamza[256];
        const char *hz = NULL;
        if (t->key_len < sizeof hamza) {
            strbuf hb = {hamza, 0, sizeof hamza, 0, 1};
            /* The model's table, the same bytes as code point by code point;
             * it wants room for the rest of the surface as it goes, so a
             * long surface it gives up on is done the slow way. */
            norm_append_table(&hb, doc->text + t->start, t->len,
                              t->obfuscated ? &doc->model->norm_hamza_obf : &doc->model->norm_hamza);
            if (hb.failed) {
                hb.len = 0, hb.failed = 0;
                norm_append(&hb, doc->text + t->start, t->len, HAMZA_FLAGS | (t->obfuscated ? NORM_DEOBFUSCATE : 0u));
            }
            if (!hb.failed && hb.len == t->key_len) hz = hamza;
        }
        clitic_analyze(doc->model, key, t->key_len, hz, &cs);
    have_split:
        if (!cs.prefix[0] && !cs.suffix_chars) {
            t->prefix = t->suffix = empty;
            t->stem = t->key;
            continue;
        }
        size_t stem_end = cs.stem_bytes_at + cs.stem_bytes;
        size_t suffix_len = t->key_len - stem_end;
        /* The suffix, and the stem when no pronoun follows it, are tails of
         * the stored norm: no copy. Only a stem before a pronoun is copied,
         * into room reserved first so the arena does not move under key. */
        if (!strbuf_grow(&doc->strings, t->key_len + 1)) break;
        key = doc->strings.data + t->key;
        t->prefix = prefix_offset(doc, &cache, cs.prefix);
        t->stem = suffix_len ? doc_intern(doc, key + cs.stem_bytes_at, cs.stem_bytes)
                             : t->key + (uint32_t)cs.stem_bytes_at;
        t->suffix = suffix_len ? t->key + (uint32_t)stem_end : empty;
        /* Map the split back to the original bytes. */
        unsigned flags = SYRIA_NORM_DEFAULT | (t->obfuscated ? NORM_DEOBFUSCATE : 0u);
        const char *s = doc->text + t->start;
        size_t a, b, e;
        if (same_shape(s, t->len, t->key_len)) {
            /* Letter for letter: the surface offsets are the norm's. */
            a = 2 * cs.proclitic_chars;
            b = 2 * (cs.proclitic_chars + cs.article_chars);
            e = t->len - 2 * cs.suffix_chars;
        } else {
            a = norm_surface_offset(s, t->len, flags, cs.proclitic_chars);
            b = norm_surface_offset(s, t->len, flags, cs.proclitic_chars + cs.article_chars);
            e = cs.suffix_chars ? norm_surface_offset(s, t->len, flags,
                                                      chars(doc->strings.data + t->key, t->key_len) - cs.suffix_chars)
                                : t->len;
        }
        /* Marks between the proclitics and the stem belong to the stem. */
        t->article_start = t->start + (uint32_t)a;
        t->stem_start = t->start + (uint32_t)b;
        t->stem_len = (uint32_t)(e > b ? e - b : 0);
    }
    if (doc->strings.failed) return syria_fail(SYRIA_ENOMEM, "out of memory while splitting clitics");
    return SYRIA_OK;
}
