/* Normalisation (stage 1): the public syria_normalize() and the internal
 * norm_* interface. Linked to syria_core_model for the internals. */
#include <stdlib.h>
#include <string.h>

#include "normalize/normalize.h"
#include "support/testutil.h"
#include "syria/syria.h"

/* syria_normalize() into a static buffer, "<error N>" on failure. */
static const char *norm(const char *s, unsigned flags)
{
    static char res[1024];
    char *out = NULL;
    size_t len = 0;
    int rc = syria_normalize(&out, &len, s, SYRIA_NUL_TERMINATED, flags);
    if (rc) {
        snprintf(res, sizeof res, "<error %d>", rc);
        return res;
    }
    if (strlen(out) != len) snprintf(res, sizeof res, "<out_len %zu != strlen %zu>", len, strlen(out));
    else snprintf(res, sizeof res, "%s", out);
    syria_free(out);
    return res;
}

/* The internal norm_append() on the same input, to check both agree. */
static const char *norm_internal(const char *s, size_t n, unsigned flags)
{
    static char res[1024];
    strbuf b = {0};
    norm_append(&b, s, n, flags);
    snprintf(res, sizeof res, "%s", b.data ? b.data : "");
    strbuf_free(&b);
    return res;
}

#define D SYRIA_NORM_DEFAULT

static void test_compat_presentation_forms(void)
{
    /* Presentation forms must fold by NFKC, or the same word written with
     * them never matches the lexicon. */
    CHECK_STR(norm("\xef\xbb\xb7", D), "\xd9\x84\xd8\xa7");                    /* ﻷ -> لا (NFKC لأ, then alef) */
    CHECK_STR(norm("\xef\xbb\xb7", SYRIA_NORM_COMPAT), "\xd9\x84\xd8\xa3");    /* ﻷ -> لأ */
    CHECK_STR(norm("\xef\xba\x8d", D), "\xd8\xa7");                            /* ﺍ -> ا */
    CHECK_STR(norm("\xef\xbb\xbb", D), "\xd9\x84\xd8\xa7");                    /* ﻻ -> لا */
    CHECK_STR(norm("\xef\xba\x91\xef\xba\xb4\xef\xbb\xa2", D), "\xd8\xa8\xd8\xb3\xd9\x85"); /* ﺑﺴﻢ -> بسم */
    CHECK_STR(norm("\xef\xb7\xb2", D), "\xd8\xa7\xd9\x84\xd9\x84\xd9\x87");    /* ﷲ -> الله */
    CHECK_STR(norm("\xef\xac\x81", SYRIA_NORM_COMPAT), "fi");                  /* ﬁ ligature */
    CHECK_STR(norm("\xef\xbc\xa1", SYRIA_NORM_COMPAT), "A");                   /* full-width Ａ */
    /* Without COMPAT the forms stay. */
    CHECK_STR(norm("\xef\xbb\xb7", D & ~SYRIA_NORM_COMPAT), "\xef\xbb\xb7");
}

static void test_tatweel(void)
{
    CHECK_STR(norm("\xd9\x83\xd9\x80\xd9\x80\xd9\x80\xd8\xa8\xd9\x8a\xd8\xb1", D), "\xd9\x83\xd8\xa8\xd9\x8a\xd8\xb1"); /* كـــبير */
    CHECK_STR(norm("\xd9\x83\xd9\x80\xd8\xa8\xd9\x8a\xd8\xb1", SYRIA_NORM_TATWEEL), "\xd9\x83\xd8\xa8\xd9\x8a\xd8\xb1");
    CHECK_STR(norm("\xd9\x83\xd9\x80\xd8\xa8\xd9\x8a\xd8\xb1", D & ~SYRIA_NORM_TATWEEL),
              "\xd9\x83\xd9\x80\xd8\xa8\xd9\x8a\xd8\xb1");
}

static void test_diacritics(void)
{
    /* مُحَمَّدٌ: damma, fatha, shadda, tanwin damm */
    CHECK_STR(norm("\xd9\x85\xd9\x8f\xd8\xad\xd9\x8e\xd9\x85\xd9\x8e\xd9\x91\xd8\xaf\xd9\x8c", D),
              "\xd9\x85\xd8\xad\xd9\x85\xd8\xaf");
    /* كتاباً: tanwin fath; سْ sukun; كِ kasra; tanwin kasr */
    CHECK_STR(norm("\xd9\x83\xd8\xaa\xd8\xa7\xd8\xa8\xd8\xa7\xd9\x8b", D), "\xd9\x83\xd8\xaa\xd8\xa7\xd8\xa8\xd8\xa7");
    CHECK_STR(norm("\xd8\xb3\xd9\x92\xd9\x83\xd9\x90\xd9\x8d", D), "\xd8\xb3\xd9\x83");
    /* هٰذا: dagger alef */
    CHECK_STR(norm("\xd9\x87\xd9\xb0\xd8\xb0\xd8\xa7", D), "\xd9\x87\xd8\xb0\xd8\xa7");
    CHECK_STR(norm("\xd9\x85\xd9\x8f\xd8\xad", SYRIA_NORM_DIACRITICS), "\xd9\x85\xd8\xad");
    /* Off: the marks stay. */
    CHECK_STR(norm("\xd9\x85\xd9\x8f\xd8\xad", D & ~SYRIA_NORM_DIACRITICS), "\xd9\x85\xd9\x8f\xd8\xad");
}

static void test_alef_and_maqsura(void)
{
    CHECK_STR(norm("\xd8\xa3\xd8\xa5\xd8\xa2\xd9\xb1", D), "\xd8\xa7\xd8\xa7\xd8\xa7\xd8\xa7"); /* أإآٱ -> اااا */
    CHECK_STR(norm("\xd8\xa3\xd8\xad\xd9\x85\xd8\xaf", SYRIA_NORM_ALEF), "\xd8\xa7\xd8\xad\xd9\x85\xd8\xaf");
    CHECK_STR(norm("\xd8\xa3", D & ~SYRIA_NORM_ALEF), "\xd8\xa3");
    CHECK_STR(norm("\xd8\xb9\xd9\x84\xd9\x89", D), "\xd8\xb9\xd9\x84\xd9\x8a"); /* على -> علي */
    CHECK_STR(norm("\xd8\xb9\xd9\x84\xd9\x89", SYRIA_NORM_ALEF_MAQSURA), "\xd8\xb9\xd9\x84\xd9\x8a");
    CHECK_STR(norm("\xd8\xb9\xd9\x84\xd9\x89", D & ~SYRIA_NORM_ALEF_MAQSURA), "\xd8\xb9\xd9\x84\xd9\x89");
}

static void test_persian_letters(void)
{
    CHECK_STR(norm("\xda\xa9", D), "\xd9\x83"); /* ک -> ك */
    CHECK_STR(norm("\xdb\x8c", D), "\xd9\x8a"); /* ی -> ي */
    CHECK_STR(norm("\xda\xaf", D), "\xd9\x83"); /* گ -> ك */
    CHECK_STR(norm("\xd9\xbe", D), "\xd8\xa8"); /* پ -> ب */
    CHECK_STR(norm("\xda\x86", D), "\xd8\xac"); /* چ -> ج */
    CHECK_STR(norm("\xda\x98", D), "\xd8\xb2"); /* ژ -> ز */
    CHECK_STR(norm("\xda\xa4", D), "\xd9\x81"); /* ڤ -> ف */
    CHECK_STR(norm("\xda\xa9\xdb\x8c", SYRIA_NORM_PERSIAN), "\xd9\x83\xd9\x8a");
    CHECK_STR(norm("\xda\xa9", D & ~SYRIA_NORM_PERSIAN), "\xda\xa9");
}

static void test_digits(void)
{
    CHECK_STR(norm("\xd9\xa0\xd9\xa1\xd9\xa2\xd9\xa3\xd9\xa4\xd9\xa5\xd9\xa6\xd9\xa7\xd9\xa8\xd9\xa9", D), "0123456789");
    CHECK_STR(norm("\xdb\xb0\xdb\xb1\xdb\xb2\xdb\xb3\xdb\xb4\xdb\xb5\xdb\xb6\xdb\xb7\xdb\xb8\xdb\xb9", D), "0123456789");
    CHECK_STR(norm("\xd9\xa3\xd9\xab\xd9\xa5", D), "3.5"); /* ٣٫٥ */
    CHECK_STR(norm("\xd9\xa3\xd9\xab\xd9\xa5", SYRIA_NORM_DIGITS), "3.5");
    CHECK_STR(norm("\xd9\xa3", D & ~SYRIA_NORM_DIGITS), "\xd9\xa3");
    CHECK_STR(norm("2020", D), "2020");
}

static void test_invisible_marks(void)
{
    /* ZWSP ZWNJ ZWJ LRM RLM LRE RLE PDF LRO RLO LRI RLI FSI PDI BOM ALM */
    const char *s = "a\xe2\x80\x8b" "b\xe2\x80\x8c\xe2\x80\x8d\xe2\x80\x8e\xe2\x80\x8f\xe2\x80\xaa\xe2\x80\xab"
                    "\xe2\x80\xac\xe2\x80\xad\xe2\x80\xae\xe2\x81\xa6\xe2\x81\xa7\xe2\x81\xa8\xe2\x81\xa9"
                    "\xef\xbb\xbf\xd8\x9c" "c";
    CHECK_STR(norm(s, D), "abc");
    CHECK_STR(norm(s, SYRIA_NORM_INVISIBLE), "abc");
    CHECK_STR(norm("a\xe2\x80\x8f" "b", D & ~SYRIA_NORM_INVISIBLE), "a\xe2\x80\x8f" "b");
    CHECK_STR(norm("\xe2\x80\x8e\xe2\x80\x8f", D), "");
}

static void test_optional_folds_off_by_default(void)
{
    CHECK_STR(norm("\xd9\x85\xd8\xaf\xd8\xb1\xd8\xb3\xd8\xa9", D), "\xd9\x85\xd8\xaf\xd8\xb1\xd8\xb3\xd8\xa9"); /* مدرسة */
    CHECK_STR(norm("\xd9\x85\xd8\xa4\xd8\xb3\xd8\xb3\xd8\xa9", D), "\xd9\x85\xd8\xa4\xd8\xb3\xd8\xb3\xd8\xa9"); /* مؤسسة */
    CHECK_STR(norm("\xd8\xb1\xd8\xa6\xd9\x8a\xd8\xb3", D), "\xd8\xb1\xd8\xa6\xd9\x8a\xd8\xb3");                 /* رئيس */
    CHECK_STR(norm("\xd9\x85\xd8\xa7\xd8\xa1", D), "\xd9\x85\xd8\xa7\xd8\xa1");                                 /* ماء */
    CHECK_STR(norm("Reuters \xc3\x84", D), "Reuters \xc3\x84");
}

static void test_ta_marbuta(void)
{
    CHECK_STR(norm("\xd9\x85\xd8\xaf\xd8\xb1\xd8\xb3\xd8\xa9", D | SYRIA_NORM_TA_MARBUTA), "\xd9\x85\xd8\xaf\xd8\xb1\xd8\xb3\xd9\x87");
    CHECK_STR(norm("\xd8\xa9", SYRIA_NORM_TA_MARBUTA), "\xd9\x87");
}

static void test_hamza(void)
{
    CHECK_STR(norm("\xd9\x85\xd8\xa4\xd8\xb3\xd8\xb3\xd8\xa9", D | SYRIA_NORM_HAMZA), "\xd9\x85\xd9\x88\xd8\xb3\xd8\xb3\xd8\xa9"); /* ؤ -> و */
    CHECK_STR(norm("\xd8\xb1\xd8\xa6\xd9\x8a\xd8\xb3", D | SYRIA_NORM_HAMZA), "\xd8\xb1\xd9\x8a\xd9\x8a\xd8\xb3");                 /* ئ -> ي */
    CHECK_STR(norm("\xd9\x85\xd8\xa7\xd8\xa1", D | SYRIA_NORM_HAMZA), "\xd9\x85\xd8\xa7");                                         /* lone ء dropped */
    /* HAMZA leaves ة alone, TA_MARBUTA leaves ؤ alone: the flags are independent. */
    CHECK_STR(norm("\xd8\xa4\xd8\xa9", SYRIA_NORM_HAMZA), "\xd9\x88\xd8\xa9");
    CHECK_STR(norm("\xd8\xa4\xd8\xa9", SYRIA_NORM_TA_MARBUTA), "\xd8\xa4\xd9\x87");
}

static void test_casefold(void)
{
    CHECK_STR(norm("Reuters AFP", D | SYRIA_NORM_CASEFOLD), "reuters afp");
    CHECK_STR(norm("\xc3\x84", SYRIA_NORM_CASEFOLD), "\xc3\xa4");                           /* Ä -> ä */
    CHECK_STR(norm("\xc3\x84", D | SYRIA_NORM_CASEFOLD), "\xc3\xa4");
    CHECK_STR(norm("\xce\xa3\xce\x91\xce\xa3", SYRIA_NORM_CASEFOLD), "\xcf\x83\xce\xb1\xcf\x83"); /* ΣΑΣ -> σασ */
    CHECK_STR(norm("\xd0\x9c\xd0\x98\xd0\xa0", SYRIA_NORM_CASEFOLD), "\xd0\xbc\xd0\xb8\xd1\x80"); /* МИР -> мир */
    /* İ (U+0130) has only a full case folding: i + U+0307 (CaseFolding.txt
     * status F; ICU u_strFoldCase). Left unchanged it never matches any
     * lower-case spelling. */
    CHECK_STR(norm("\xc4\xb0", SYRIA_NORM_CASEFOLD), "i\xcc\x87");
    /* Arabic is untouched by case folding. */
    CHECK_STR(norm("\xd8\xb1\xd9\x88\xd8\xb3\xd9\x8a\xd8\xa7", SYRIA_NORM_CASEFOLD), "\xd8\xb1\xd9\x88\xd8\xb3\xd9\x8a\xd8\xa7");
}

/* One string with a case for every fold. */
static const char everything[] =
    "\xef\xbb\xb7 \xd9\x83\xd9\x80\xd8\xa8\xd9\x8a\xd8\xb1 \xd9\x85\xd9\x8f\xd8\xad\xd9\x8e\xd9\x85\xd9\x8e\xd9\x91\xd8\xaf\xd9\x8c "
    "\xd8\xa3\xd8\xa5\xd8\xa2\xd9\xb1 \xd8\xb9\xd9\x84\xd9\x89 \xda\xa9\xdb\x8c\xda\xaf\xd9\xbe\xda\x86\xda\x98\xda\xa4 "
    "\xd9\xa3\xd9\xab\xd9\xa5 \xdb\xb1\xdb\xb2 a\xe2\x80\x8f" "b \xd9\x85\xd8\xaf\xd8\xb1\xd8\xb3\xd8\xa9 \xd8\xa4\xd8\xa6\xd8\xa1 "
    "Reuters \xc3\x84\xc4\xb0 \xef\xac\x81";

static void test_flags_zero_is_identity(void)
{
    CHECK_STR(norm(everything, 0), everything);
    CHECK_STR(norm_internal(everything, strlen(everything), 0), everything);
    /* ...and the default folds do change it (so the check above is not vacuous). */
    CHECK(strcmp(norm(everything, D), everything) != 0, "default normalisation left the text unchanged");
}

static void test_public_matches_internal(void)
{
    unsigned flag_sets[] = {0, D, D | SYRIA_NORM_TA_MARBUTA | SYRIA_NORM_HAMZA | SYRIA_NORM_CASEFOLD,
                            SYRIA_NORM_DIGITS, SYRIA_NORM_INVISIBLE | SYRIA_NORM_ALEF};
    for (size_t k = 0; k < sizeof flag_sets / sizeof *flag_sets; k++) {
        char pub[1024];
        snprintf(pub, sizeof pub, "%s", norm(everything, flag_sets[k]));
        const char *in = norm_internal(everything, strlen(everything), flag_sets[k]);
        CHECK(strcmp(pub, in) == 0, "flags 0x%x: syria_normalize \"%s\" != norm_append \"%s\"", flag_sets[k], pub, in);
    }
}

/* The per-document table (Arabic block fast path) must give exactly what the
 * general path gives, for every code point of the block and around it. */
static void test_fast_table_matches(void)
{
    char text[4096];
    size_t n = 0;
    for (uint32_t cp = 0x0600; cp <= 0x06FF; cp++) {
        if (cp == 0x0600 + 0x40 || cp % 16 == 0) text[n++] = ' ';
        text[n++] = (char)(0xC0 | cp >> 6);
        text[n++] = (char)(0x80 | (cp & 0x3F));
    }
    memcpy(text + n, everything, sizeof everything - 1);
    n += sizeof everything - 1;
    text[n] = '\0';
    unsigned flag_sets[] = {0, D, D | NORM_DEOBFUSCATE, D | SYRIA_NORM_TA_MARBUTA | SYRIA_NORM_HAMZA | SYRIA_NORM_CASEFOLD,
                            SYRIA_NORM_COMPAT, SYRIA_NORM_TATWEEL, SYRIA_NORM_DIACRITICS, SYRIA_NORM_ALEF,
                            SYRIA_NORM_ALEF_MAQSURA, SYRIA_NORM_PERSIAN, SYRIA_NORM_DIGITS, SYRIA_NORM_INVISIBLE,
                            SYRIA_NORM_TA_MARBUTA, SYRIA_NORM_HAMZA};
    for (size_t k = 0; k < sizeof flag_sets / sizeof *flag_sets; k++) {
        norm_table t;
        norm_table_init(&t, flag_sets[k]);
        strbuf slow = {0}, fast = {0};
        norm_append(&slow, text, n, flag_sets[k]);
        norm_append_fast(&fast, text, n, &t);
        int same = slow.len == fast.len && (slow.len == 0 || memcmp(slow.data, fast.data, slow.len) == 0);
        size_t at = 0;
        while (!same && at < slow.len && at < fast.len && slow.data[at] == fast.data[at]) at++;
        CHECK(same, "flags 0x%x: the table path differs from norm_append at output byte %zu", flag_sets[k], at);
        /* Again with room reserved, as the tokeniser calls it: the inline
         * fast path runs before the table path takes over. */
        strbuf roomy = {0}, pieces = {0};
        strbuf_grow(&roomy, 2 * n + 1);
        for (size_t a = 0, b; a < n; a = b + 1) { /* token by token: the runs between spaces */
            for (b = a; b < n && text[b] != ' ';) b++;
            norm_append_fast(&roomy, text + a, b - a, &t);
            norm_append(&pieces, text + a, b - a, flag_sets[k]);
        }
        CHECK(roomy.len == pieces.len && (pieces.len == 0 || memcmp(pieces.data, roomy.data, pieces.len) == 0),
              "flags 0x%x: the inline path differs from norm_append", flag_sets[k]);
        strbuf_free(&roomy);
        strbuf_free(&pieces);
        strbuf_free(&slow);
        strbuf_free(&fast);
    }
}

static void test_public_errors(void)
{
    char *out = (char *)"sentinel";
    size_t len = 99;
    CHECK_INT(syria_normalize(NULL, &len, "abc", 3, D), SYRIA_EINVAL);
    CHECK(syria_error_last()[0] != '\0', "no message for a NULL out");
    CHECK_INT(syria_normalize(&out, &len, NULL, 3, D), SYRIA_EINVAL);
    CHECK(out == NULL && len == 0, "out/out_len not reset on failure (out %p, len %zu)", (void *)out, len);

    /* Invalid UTF-8: overlong, surrogate, lone continuation, truncated. */
    const char *bad[] = {"\xc0\x80", "\xed\xa0\x80", "\x80", "ab\xd8", "\xff", "\xf4\x90\x80\x80"};
    for (size_t k = 0; k < sizeof bad / sizeof *bad; k++) {
        out = (char *)"sentinel";
        CHECK_INT(syria_normalize(&out, NULL, bad[k], strlen(bad[k]), D), SYRIA_EUTF8);
        CHECK(out == NULL, "out not NULL after SYRIA_EUTF8");
    }
    CHECK_INT(syria_normalize(&out, &len, "a\0b", 3, D), SYRIA_ENUL);
    CHECK_INT(syria_normalize(&out, &len, "abc", 3, 0x0800u), SYRIA_EINVAL);
    CHECK_INT(syria_normalize(&out, &len, "abc", 3, NORM_DEOBFUSCATE), SYRIA_EINVAL); /* internal flag is not public */
    CHECK_INT(syria_normalize(&out, &len, "abc", 3, 0x80000000u), SYRIA_EINVAL);
    CHECK(strstr(syria_error_last(), "flag") != NULL, "message \"%s\" does not name the flags", syria_error_last());

    /* Successes: explicit length stops early, NULL out_len, empty text. */
    REQUIRE(syria_normalize(&out, &len, "\xd8\xa3\xd8\xa8\xd8\xa7", 2, D) == SYRIA_OK, "%s", syria_error_last());
    CHECK_STR(out, "\xd8\xa7");
    CHECK_INT(len, 2);
    syria_free(out);
    REQUIRE(syria_normalize(&out, NULL, "", SYRIA_NUL_TERMINATED, D) == SYRIA_OK, "%s", syria_error_last());
    CHECK_STR(out, "");
    syria_free(out);
}

/* Byte offsets where the first k normalised characters end, on words with
 * marks: the prefix before the offset normalises to k characters and the
 * rest to the remainder. */
static size_t cps(const char *s)
{
    size_t c = 0;
    for (; *s; s++) c += ((unsigned char)*s & 0xC0) != 0x80;
    return c;
}

static void check_offsets_split(const char *w, unsigned flags)
{
    size_t n = strlen(w);
    char whole[1024];
    snprintf(whole, sizeof whole, "%s", norm_internal(w, n, flags));
    size_t total = cps(whole), prev = 0;
    REQUIRE(total > 1, "\"%s\" normalised to \"%s\"", w, whole);
    for (size_t k = 0; k <= total; k++) {
        size_t off = norm_surface_offset(w, n, flags, k);
        CHECK(off <= n && off >= prev, "\"%s\" chars %zu: offset %zu (previous %zu, length %zu)", w, k, off, prev, n);
        if (off > n) return;
        char head[1024], tail[1024];
        snprintf(head, sizeof head, "%s", norm_internal(w, off, flags));
        snprintf(tail, sizeof tail, "%s", norm_internal(w + off, n - off, flags));
        CHECK(cps(head) == k, "\"%s\": the first %zu bytes normalise to %zu characters, expected %zu", w, off, cps(head), k);
        char joined[2100];
        snprintf(joined, sizeof joined, "%s%s", head, tail);
        CHECK(strcmp(joined, whole) == 0, "\"%s\" split at %zu: \"%s\" + \"%s\" != \"%s\"", w, off, head, tail, whole);
        prev = off;
    }
    CHECK_INT(norm_surface_offset(w, n, flags, total), n); /* trailing marks belong to the last letter */
}

static void test_surface_offset(void)
{
    /* مُحَمَّدٌ: م ُ ح َ م َ ّ د ٌ */
    const char *m = "\xd9\x85\xd9\x8f\xd8\xad\xd9\x8e\xd9\x85\xd9\x8e\xd9\x91\xd8\xaf\xd9\x8c";
    CHECK_INT(norm_surface_offset(m, strlen(m), D, 0), 0);
    CHECK_INT(norm_surface_offset(m, strlen(m), D, 1), 4);  /* after م and its damma */
    CHECK_INT(norm_surface_offset(m, strlen(m), D, 2), 8);
    CHECK_INT(norm_surface_offset(m, strlen(m), D, 3), 14); /* after م, fatha, shadda */
    CHECK_INT(norm_surface_offset(m, strlen(m), D, 4), 18);
    /* وَرُوسْيَا: the proclitic و ends after its fatha */
    const char *w = "\xd9\x88\xd9\x8e\xd8\xb1\xd9\x8f\xd9\x88\xd8\xb3\xd9\x92\xd9\x8a\xd9\x8e\xd8\xa7";
    CHECK_INT(norm_surface_offset(w, strlen(w), D, 1), 4);
    /* بِالْمَنْطِقَةِ: ب + kasra | ا ل + sukun | منطقة */
    const char *b = "\xd8\xa8\xd9\x90\xd8\xa7\xd9\x84\xd9\x92\xd9\x85\xd9\x8e\xd9\x86\xd9\x92\xd8\xb7\xd9\x90\xd9\x82\xd9\x8e\xd8\xa9\xd9\x90";
    CHECK_INT(norm_surface_offset(b, strlen(b), D, 1), 4);
    CHECK_INT(norm_surface_offset(b, strlen(b), D, 3), 10);
    /* A tatweel after the letter belongs to it. */
    const char *t = "\xd9\x88\xd9\x80\xd8\xb1\xd9\x88\xd8\xb3\xd9\x8a\xd8\xa7"; /* وـروسيا */
    CHECK_INT(norm_surface_offset(t, strlen(t), D, 1), 4);

    check_offsets_split(m, D);
    check_offsets_split(w, D);
    check_offsets_split(b, D);
    check_offsets_split(t, D);
    /* An obfuscated word with the internal de-obfuscation flag: العسكـ.ـرية */
    check_offsets_split("\xd8\xa7\xd9\x84\xd8\xb9\xd8\xb3\xd9\x83\xd9\x80.\xd9\x80\xd8\xb1\xd9\x8a\xd8\xa9", D | NORM_DEOBFUSCATE);
}

static void test_codepoint_classes(void)
{
    uint32_t out[NORM_MAX_OUT];
    CHECK_INT(norm_codepoint(0x0640, D, out), 0);  /* tatweel dropped */
    CHECK_INT(norm_codepoint(0x064E, D, out), 0);  /* fatha dropped */
    CHECK_INT(norm_codepoint(0x200F, D, out), 0);  /* RLM dropped */
    REQUIRE(norm_codepoint(0x0623, D, out) == 1, "أ should give one code point");
    CHECK_INT(out[0], 0x0627);
    CHECK_INT(norm_codepoint('.', D | NORM_DEOBFUSCATE, out), 0);
    CHECK_INT(norm_codepoint('.', D, out), 1);
    CHECK(norm_is_arabic_letter(0x0628) && !norm_is_arabic_letter('b'), "letter class");
    CHECK(norm_is_arabic_mark(0x0651) && !norm_is_arabic_mark(0x0628), "mark class");
    CHECK(norm_is_invisible(0x200E) && !norm_is_invisible(' '), "invisible class");
}

int main(void)
{
    static const tu_test tests[] = {
        {"default: presentation forms via NFKC", test_compat_presentation_forms},
        {"default: tatweel", test_tatweel},
        {"default: harakat, shadda, tanwin", test_diacritics},
        {"default: alef forms and alef maqsura", test_alef_and_maqsura},
        {"default: Persian letters", test_persian_letters},
        {"default: digits and decimal separator", test_digits},
        {"default: zero-width and bidi marks", test_invisible_marks},
        {"optional folds are off by default", test_optional_folds_off_by_default},
        {"optional: ta marbuta", test_ta_marbuta},
        {"optional: hamza", test_hamza},
        {"optional: case folding", test_casefold},
        {"flags 0 is the identity", test_flags_zero_is_identity},
        {"syria_normalize agrees with norm_append", test_public_matches_internal},
        {"the Arabic-block table agrees with the general path", test_fast_table_matches},
        {"syria_normalize errors", test_public_errors},
        {"norm_surface_offset with diacritics", test_surface_offset},
        {"norm_codepoint and classes", test_codepoint_classes},
        {NULL, NULL},
    };
    return tu_run("normalize", tests);
}
