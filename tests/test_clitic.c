/* Clitic segmentation through the public API: prefix/stem/suffix strings and
 * the surface spans stem_start/stem_length/article_start. */
#include <stdlib.h>
#include <string.h>

#include "support/default_model.h"
#include "support/testutil.h"
#include "syria/syria.h"

static syria_model *model;

/* Analyses one word (with options) and returns a copy of its only token. */
static int one_token(const char *word, unsigned flags, syria_token *out)
{
    syria_options opt = SYRIA_OPTIONS_INIT;
    opt.flags = flags;
    syria_doc *doc = NULL;
    int rc = syria_analyze(&doc, model, word, strlen(word), &opt);
    CHECK(rc == SYRIA_OK, "analyze \"%s\": %s", word, syria_error_last());
    if (rc) return 0;
    CHECK(syria_doc_token_count(doc) == 1, "\"%s\" gave %zu tokens", word, syria_doc_token_count(doc));
    int ok = syria_doc_token_count(doc) == 1;
    if (ok) {
        static char strings[4][256];
        *out = *syria_doc_token(doc, 0);
        /* The strings die with the document: keep copies. */
        snprintf(strings[0], 256, "%s", out->norm);
        snprintf(strings[1], 256, "%s", out->prefix);
        snprintf(strings[2], 256, "%s", out->stem);
        snprintf(strings[3], 256, "%s", out->suffix);
        out->norm = strings[0], out->prefix = strings[1], out->stem = strings[2], out->suffix = strings[3];
    }
    syria_doc_free(doc);
    return ok;
}

/* Expects word -> prefix + stem, with spans relative to the token start. */
static void expect_split(const char *word, const char *prefix, const char *stem, size_t article_off, size_t stem_off)
{
    syria_token t;
    if (!one_token(word, 0, &t)) return;
    CHECK(strcmp(t.prefix, prefix) == 0, "%s: prefix \"%s\", expected \"%s\"", word, t.prefix, prefix);
    CHECK(strcmp(t.stem, stem) == 0, "%s: stem \"%s\", expected \"%s\"", word, t.stem, stem);
    CHECK(strcmp(t.suffix, "") == 0, "%s: suffix \"%s\", expected none", word, t.suffix);
    CHECK(t.article_start == t.start + article_off, "%s: article_start = start + %zu, expected + %zu", word,
          t.article_start - t.start, article_off);
    CHECK(t.stem_start == t.start + stem_off, "%s: stem_start = start + %zu, expected + %zu", word,
          t.stem_start - t.start, stem_off);
    CHECK(t.stem_start + t.stem_length == t.start + t.length, "%s: stem ends at %zu, the word at %zu", word,
          t.stem_start + t.stem_length, t.start + t.length);
}

static void expect_whole(const char *word)
{
    syria_token t;
    if (!one_token(word, 0, &t)) return;
    CHECK(t.prefix[0] == 0 && t.suffix[0] == 0, "%s split as \"%s\" + \"%s\" + \"%s\"", word, t.prefix, t.stem, t.suffix);
    CHECK(strcmp(t.stem, t.norm) == 0, "%s: stem \"%s\" != norm \"%s\"", word, t.stem, t.norm);
    CHECK(t.stem_start == t.start && t.stem_length == t.length && t.article_start == t.start,
          "%s: spans moved (stem +%zu/%zu, article +%zu)", word, t.stem_start - t.start, t.stem_length,
          t.article_start - t.start);
}

#define RUSSIA "\xd8\xb1\xd9\x88\xd8\xb3\xd9\x8a\xd8\xa7"     /* روسيا */
#define MINTAQA "\xd9\x85\xd9\x86\xd8\xb7\xd9\x82\xd8\xa9"    /* منطقة */
#define NIZAM "\xd9\x86\xd8\xb8\xd8\xa7\xd9\x85"              /* نظام */
#define ALMANIA "\xd8\xa3\xd9\x84\xd9\x85\xd8\xa7\xd9\x86\xd9\x8a\xd8\xa7"    /* ألمانيا */
#define ALMANIA_N "\xd8\xa7\xd9\x84\xd9\x85\xd8\xa7\xd9\x86\xd9\x8a\xd8\xa7"  /* المانيا (normalised) */

static void test_conjunction_and_preposition(void)
{
    expect_split("\xd9\x88" RUSSIA, "\xd9\x88", RUSSIA, 2, 2); /* وروسيا */
    expect_split("\xd9\x84" RUSSIA, "\xd9\x84", RUSSIA, 2, 2); /* لروسيا */
}

static void test_article(void)
{
    /* بالمنطقة: ب + ال + منطقة; the entity starts at the article. */
    expect_split("\xd8\xa8\xd8\xa7\xd9\x84" MINTAQA, "\xd8\xa8+\xd8\xa7\xd9\x84", MINTAQA, 2, 6);
}

static void test_lam_lam(void)
{
    /* للنظام: ل + (ا)ل + نظام, the article's alef dropped after ل; the
     * entity span starts at the second ل (SCHEMA.md: للنظام السوري). */
    expect_split("\xd9\x84\xd9\x84" NIZAM, "\xd9\x84+\xd8\xa7\xd9\x84", NIZAM, 2, 4);
}

static void test_lexicalised_words_stay_whole(void)
{
    expect_whole("\xd9\x88\xd8\xb2\xd9\x8a\xd8\xb1");                 /* وزير */
    expect_whole("\xd9\x84\xd8\xa7\xd9\x81\xd8\xb1\xd9\x88\xd9\x81"); /* لافروف */
    expect_whole("\xd9\x81\xd9\x8a\xd8\xb5\xd9\x84");                 /* فيصل */
    expect_whole("\xd9\x83\xd8\xa8\xd9\x8a\xd8\xb1");                 /* كبير */
    expect_whole("\xd8\xa8\xd8\xb4\xd8\xa7\xd8\xb1");                 /* بشار */
    expect_whole("\xd9\x88\xd9\x83\xd8\xa7\xd9\x84\xd8\xa9");         /* وكالة */
}

/* A headword's dual or plural keeps its first letter (وفدان, two
 * delegations; كتابين, two books), but not where the base is itself the
 * clitic on a word (بدورات = ب + دورات) or the clitic is the future
 * particle before a verb (سيرون = س + يرون). */
static void test_inflected_headwords(void)
{
    expect_whole("\xd9\x88\xd9\x81\xd8\xaf\xd8\xa7\xd9\x86");         /* وفدان */
    expect_whole("\xd9\x83\xd8\xaa\xd8\xa7\xd8\xa8\xd9\x8a\xd9\x86"); /* كتابين */
    expect_split("\xd8\xa8\xd8\xaf\xd9\x88\xd8\xb1\xd8\xa7\xd8\xaa", "\xd8\xa8", /* بدورات */
                 "\xd8\xaf\xd9\x88\xd8\xb1\xd8\xa7\xd8\xaa", 2, 2);
    expect_split("\xd8\xb3\xd9\x8a\xd8\xb1\xd9\x88\xd9\x86", "\xd8\xb3", /* سيرون */
                 "\xd9\x8a\xd8\xb1\xd9\x88\xd9\x86", 2, 2);
}

static void test_hamza_alef_is_no_article(void)
{
    /* ألمانيا: أل is no article, with or without proclitics. */
    const char *words[][2] = {{ALMANIA, ""},
                              {"\xd9\x88" ALMANIA, "\xd9\x88"},
                              {"\xd9\x84" ALMANIA, "\xd9\x84"},
                              {"\xd8\xa8" ALMANIA, "\xd8\xa8"}};
    for (size_t k = 0; k < 4; k++) {
        syria_token t;
        if (!one_token(words[k][0], 0, &t)) continue;
        CHECK(strstr(t.prefix, "\xd8\xa7\xd9\x84") == NULL, "%s: prefix \"%s\" has the article", words[k][0], t.prefix);
        CHECK(strcmp(t.stem, ALMANIA_N) == 0, "%s: stem \"%s\", expected \"%s\"", words[k][0], t.stem, ALMANIA_N);
        CHECK(strcmp(t.prefix, words[k][1]) == 0, "%s: prefix \"%s\", expected \"%s\"", words[k][0], t.prefix, words[k][1]);
        CHECK(t.article_start == t.stem_start, "%s: an article span where there is none", words[k][0]);
    }
}

static void test_diacritics_map_back(void)
{
    /* وَرُوسْيَا: و + fatha | رُوسْيَا */
    const char *w = "\xd9\x88\xd9\x8e\xd8\xb1\xd9\x8f\xd9\x88\xd8\xb3\xd9\x92\xd9\x8a\xd9\x8e\xd8\xa7";
    expect_split(w, "\xd9\x88", RUSSIA, 4, 4);
    /* بِالْمَنْطِقَةِ: ب + kasra | ا ل + sukun | مَنْطِقَةِ */
    const char *b = "\xd8\xa8\xd9\x90\xd8\xa7\xd9\x84\xd9\x92\xd9\x85\xd9\x8e\xd9\x86\xd9\x92\xd8\xb7\xd9\x90\xd9\x82\xd9\x8e\xd8\xa9\xd9\x90";
    expect_split(b, "\xd8\xa8+\xd8\xa7\xd9\x84", MINTAQA, 4, 10);
    /* A tatweel after the proclitic: وـروسيا */
    expect_split("\xd9\x88\xd9\x80" RUSSIA, "\xd9\x88", RUSSIA, 4, 4);
}

/* On a whole text: the stem span normalises to the stem, the enclitic span to
 * the suffix, and the spans nest inside the token. */
static void test_spans_normalise_to_pieces(void)
{
    const char *text =
        "\xd9\x88\xd8\xa3\xd9\x83\xd8\xaf \xd9\x88\xd8\xb2\xd9\x8a\xd8\xb1 \xd8\xa7\xd9\x84\xd8\xae\xd8\xa7\xd8\xb1\xd8\xac\xd9\x8a\xd8\xa9 "
        "\xd8\xa7\xd9\x84\xd8\xb1\xd9\x88\xd8\xb3\xd9\x8a \xd9\x84\xd8\xa7\xd9\x81\xd8\xb1\xd9\x88\xd9\x81 \xd8\xa3\xd9\x86 \xd9\x88\xd9\x8e\xd8\xb1\xd9\x8f\xd9\x88\xd8\xb3\xd9\x92\xd9\x8a\xd9\x8e\xd8\xa7 "
        "\xd9\x88\xd8\xaa\xd8\xb1\xd9\x83\xd9\x8a\xd8\xa7 \xd8\xb3\xd8\xaa\xd8\xb9\xd9\x85\xd9\x84\xd8\xa7\xd9\x86 \xd8\xa8\xd8\xa7\xd9\x84\xd9\x85\xd9\x86\xd8\xb7\xd9\x82\xd8\xa9 "
        "\xd9\x84\xd9\x84\xd9\x86\xd8\xb8\xd8\xa7\xd9\x85 \xd9\x88\xd8\xa8\xd8\xa7\xd9\x84\xd8\xaa\xd8\xb9\xd8\xa7\xd9\x88\xd9\x86 "
        "\xd9\x88\xd8\xad\xd9\x83\xd9\x88\xd9\x85\xd8\xaa\xd9\x87 \xd9\x81\xd9\x8a \xd8\xa7\xd9\x84\xd8\xb9\xd8\xb3\xd9\x83\xd9\x80.\xd9\x80\xd8\xb1\xd9\x8a\xd8\xa9 "
        "\xd9\x84\xd9\x84\xd9\x85\xd9\x86\xd8\xb7\xd9\x82\xd8\xa9 \xd9\x88\xd8\xb3\xd9\x8a\xd8\xac\xd8\xaa\xd9\x85\xd8\xb9 \xd9\x88\xd8\xa3\xd9\x84\xd9\x85\xd8\xa7\xd9\x86\xd9\x8a\xd8\xa7.";
    syria_doc *doc = NULL;
    REQUIRE(syria_analyze(&doc, model, text, strlen(text), NULL) == SYRIA_OK, "%s", syria_error_last());
    size_t n = syria_doc_token_count(doc), splits = 0;
    CHECK(n >= 18, "%zu tokens", n);
    for (size_t k = 0; k < n; k++) {
        const syria_token *t = syria_doc_token(doc, k);
        size_t end = t->start + t->length;
        CHECK(t->start <= t->article_start && t->article_start <= t->stem_start && t->stem_start + t->stem_length <= end,
              "token %zu: spans do not nest (start %zu article %zu stem %zu+%zu end %zu)", k, t->start,
              t->article_start, t->stem_start, t->stem_length, end);
        if (t->kind != SYRIA_TOKEN_WORD) continue;
        if (t->prefix[0] || t->suffix[0]) splits++;
        char *s = NULL;
        REQUIRE(syria_normalize(&s, NULL, text + t->stem_start, t->stem_length, SYRIA_NORM_DEFAULT) == SYRIA_OK, "%s",
                syria_error_last());
        /* Obfuscated words keep their joiners in the surface; compare only the others. */
        if (!strchr(t->norm, '.') && memchr(text + t->start, '.', t->length) == NULL)
            CHECK(strcmp(s, t->stem) == 0, "token %zu (%s): stem span normalises to \"%s\", stem is \"%s\"", k, t->norm, s, t->stem);
        syria_free(s);
        REQUIRE(syria_normalize(&s, NULL, text + t->stem_start + t->stem_length, end - t->stem_start - t->stem_length,
                                SYRIA_NORM_DEFAULT) == SYRIA_OK, "%s", syria_error_last());
        CHECK(strcmp(s, t->suffix) == 0, "token %zu (%s): suffix span \"%s\", suffix \"%s\"", k, t->norm, s, t->suffix);
        syria_free(s);
        /* Joining the pieces gives the norm back (the article of لل aside). */
        if (!strstr(t->prefix, "\xd9\x84+\xd8\xa7\xd9\x84")) {
            char joined[512] = "";
            for (const char *p = t->prefix; *p; p++)
                if (*p != '+') strncat(joined, p, 1);
            strcat(joined, t->stem);
            strcat(joined, t->suffix);
            CHECK(strcmp(joined, t->norm) == 0, "token %zu: pieces \"%s\" != norm \"%s\"", k, joined, t->norm);
        }
    }
    CHECK(splits >= 6, "only %zu words were split", splits);
    syria_doc_free(doc);
}

static void test_no_clitics_option(void)
{
    const char *text = "\xd9\x88" RUSSIA " \xd8\xa8\xd8\xa7\xd9\x84" MINTAQA " \xd9\x84\xd9\x84" NIZAM " \xd9\x84" RUSSIA
                       " \xd8\xa7\xd9\x84\xd8\xb9\xd8\xb3\xd9\x83\xd8\xb1\xd9\x8a\xd8\xa9";
    syria_options opt = SYRIA_OPTIONS_INIT;
    opt.flags = SYRIA_OPT_NO_CLITICS;
    syria_doc *doc = NULL, *split = NULL;
    REQUIRE(syria_analyze(&doc, model, text, strlen(text), &opt) == SYRIA_OK, "%s", syria_error_last());
    REQUIRE(syria_analyze(&split, model, text, strlen(text), NULL) == SYRIA_OK, "%s", syria_error_last());
    size_t n = syria_doc_token_count(doc);
    CHECK_INT(n, 5);
    CHECK_INT(syria_doc_token_count(split), n);
    size_t were_split = 0;
    for (size_t k = 0; k < n; k++) {
        const syria_token *t = syria_doc_token(doc, k), *u = syria_doc_token(split, k);
        CHECK(t->prefix[0] == 0 && t->suffix[0] == 0 && strcmp(t->stem, t->norm) == 0,
              "token %zu split under SYRIA_OPT_NO_CLITICS: \"%s\" + \"%s\" + \"%s\"", k, t->prefix, t->stem, t->suffix);
        CHECK(t->stem_start == t->start && t->stem_length == t->length && t->article_start == t->start,
              "token %zu spans moved under SYRIA_OPT_NO_CLITICS", k);
        if (u && (u->prefix[0] || u->suffix[0])) were_split++;
    }
    /* Without the option the same words are split (the check above is not vacuous). */
    CHECK(were_split >= 3, "only %zu words split without the option", were_split);
    syria_doc_free(doc);
    syria_doc_free(split);
}

int main(void)
{
    if (tu_load_default_model(&model)) return 1;
    static const tu_test tests[] = {
        {"و and ل before a name", test_conjunction_and_preposition},
        {"ب + article", test_article},
        {"ل + article written لل", test_lam_lam},
        {"lexicalised words stay whole", test_lexicalised_words_stay_whole},
        {"inflected headwords stay whole", test_inflected_headwords},
        {"hamza alef is never the article", test_hamza_alef_is_no_article},
        {"spans with diacritics map back", test_diacritics_map_back},
        {"spans normalise to the pieces", test_spans_normalise_to_pieces},
        {"SYRIA_OPT_NO_CLITICS", test_no_clitics_option},
        {NULL, NULL},
    };
    int rc = tu_run("clitic", tests);
    syria_model_free(model);
    return rc;
}
