/* Tokenisation through the public API: kinds, spans, norms, de-obfuscation
 * and coverage of the text. */
#include <stdlib.h>
#include <string.h>

#include "support/default_model.h"
#include "support/testutil.h"
#include "syria/syria.h"

static syria_model *model;

static syria_doc *analyze(const char *text)
{
    syria_doc *doc = NULL;
    int rc = syria_analyze(&doc, model, text, strlen(text), NULL);
    CHECK(rc == SYRIA_OK && doc, "syria_analyze failed: %d %s", rc, syria_error_last());
    return doc;
}

/* The n-th (0-based) token whose surface is exactly `surface`, or NULL. */
static const syria_token *find(const syria_doc *doc, const char *surface, int nth)
{
    size_t len = strlen(surface), n = syria_doc_token_count(doc);
    const char *text = syria_doc_text(doc, NULL);
    for (size_t k = 0; k < n; k++) {
        const syria_token *t = syria_doc_token(doc, k);
        if (t->length == len && memcmp(text + t->start, surface, len) == 0 && nth-- == 0) return t;
    }
    return NULL;
}

static void dump(const syria_doc *doc)
{
    const char *text = syria_doc_text(doc, NULL);
    fprintf(stderr, "    tokens:");
    for (size_t k = 0; k < syria_doc_token_count(doc); k++) {
        const syria_token *t = syria_doc_token(doc, k);
        fprintf(stderr, " [%.*s|%s]", (int)t->length, text + t->start, syria_token_kind_name(t->kind));
    }
    fputc('\n', stderr);
}

/* The token `surface` exists as one token of `kind`, with `norm` (if not NULL). */
static void expect_token(const syria_doc *doc, const char *surface, int kind, const char *norm)
{
    const syria_token *t = find(doc, surface, 0);
    CHECK(t != NULL, "no single token \"%s\"", surface);
    if (!t) {
        dump(doc);
        return;
    }
    CHECK(t->kind == kind, "\"%s\" is %s, expected %s", surface, syria_token_kind_name(t->kind),
          syria_token_kind_name(kind));
    if (norm) CHECK(strcmp(t->norm, norm) == 0, "\"%s\" norm \"%s\", expected \"%s\"", surface, t->norm, norm);
}

static void check_coverage(const syria_doc *doc)
{
    size_t n = syria_doc_token_count(doc), len;
    const char *text = syria_doc_text(doc, &len);
    size_t *st = calloc(n + 1, sizeof *st), *ln = calloc(n + 1, sizeof *ln);
    for (size_t k = 0; k < n; k++) {
        st[k] = syria_doc_token(doc, k)->start;
        ln[k] = syria_doc_token(doc, k)->length;
    }
    char msg[256];
    CHECK(tu_check_coverage(text, len, st, ln, n, msg, sizeof msg), "%s", msg);
    free(st);
    free(ln);
}

static void test_words(void)
{
    syria_doc *doc = analyze("\xd9\x82\xd8\xa7\xd9\x84\xd8\xaa \xd8\xb1\xd9\x88\xd8\xb3\xd9\x8a\xd8\xa7 Reuters Erdo\xc4\x9f" "an's");
    if (!doc) return;
    expect_token(doc, "\xd9\x82\xd8\xa7\xd9\x84\xd8\xaa", SYRIA_TOKEN_WORD, "\xd9\x82\xd8\xa7\xd9\x84\xd8\xaa");
    expect_token(doc, "\xd8\xb1\xd9\x88\xd8\xb3\xd9\x8a\xd8\xa7", SYRIA_TOKEN_WORD, NULL);
    expect_token(doc, "Reuters", SYRIA_TOKEN_LATIN, "Reuters");
    expect_token(doc, "Erdo\xc4\x9f" "an's", SYRIA_TOKEN_LATIN, NULL); /* non-ASCII Latin, inner apostrophe */
    CHECK_INT(syria_doc_token_count(doc), 4);
    syria_doc_free(doc);
}

static void test_presentation_forms(void)
{
    /* A word typed in presentation forms (ﺑﺴﻢ, ﻷ) is one word whose norm is
     * the plain spelling (default NFKC fold). */
    syria_doc *doc = analyze("\xef\xba\x91\xef\xba\xb4\xef\xbb\xa2 \xef\xbb\xb7\xd9\x86");
    if (!doc) return;
    CHECK_INT(syria_doc_token_count(doc), 2);
    expect_token(doc, "\xef\xba\x91\xef\xba\xb4\xef\xbb\xa2", SYRIA_TOKEN_WORD, "\xd8\xa8\xd8\xb3\xd9\x85");
    expect_token(doc, "\xef\xbb\xb7\xd9\x86", SYRIA_TOKEN_WORD, "\xd9\x84\xd8\xa7\xd9\x86"); /* ﻷن -> لان */
    syria_doc_free(doc);
}

static void test_numbers(void)
{
    syria_doc *doc = analyze("\xd9\x82\xd8\xaa\xd9\x84 69,062 \xd9\x88 3.5 \xd9\x88 \xd9\xa3\xd9\xab\xd9\xa5 \xd9\x88 \xd9\xa1\xd9\xa2\xd9\xa3 2020");
    if (!doc) return;
    expect_token(doc, "69,062", SYRIA_TOKEN_NUMBER, "69,062");
    expect_token(doc, "3.5", SYRIA_TOKEN_NUMBER, "3.5");
    expect_token(doc, "\xd9\xa3\xd9\xab\xd9\xa5", SYRIA_TOKEN_NUMBER, "3.5"); /* ٣٫٥ */
    expect_token(doc, "\xd9\xa1\xd9\xa2\xd9\xa3", SYRIA_TOKEN_NUMBER, "123"); /* ١٢٣ */
    expect_token(doc, "2020", SYRIA_TOKEN_NUMBER, "2020");
    syria_doc_free(doc);
    /* A number glued to a following comma or full stop keeps them apart. */
    doc = analyze("\xd8\xa8\xd9\x84\xd8\xba 69,062. \xd9\x88 12\xd8\x8c");
    if (!doc) return;
    expect_token(doc, "69,062", SYRIA_TOKEN_NUMBER, NULL);
    expect_token(doc, ".", SYRIA_TOKEN_PUNCT, ".");
    expect_token(doc, "12", SYRIA_TOKEN_NUMBER, NULL);
    expect_token(doc, "\xd8\x8c", SYRIA_TOKEN_PUNCT, NULL);
    syria_doc_free(doc);
}

static void test_punctuation(void)
{
    /* Each mark glued to words still is its own token. */
    syria_doc *doc = analyze("\xd9\x82\xd8\xa7\xd9\x84\xd8\x8c \xd8\xab\xd9\x85\xd8\x9b \xd9\x87\xd9\x84\xd8\x9f "
                             "\xc2\xab\xd9\x86\xd8\xb9\xd9\x85\xc2\xbb \xe2\x80\x9c\xd9\x84\xd8\xa7\xe2\x80\x9d "
                             "\"\xd8\xb1\xd8\xa8\xd9\x85\xd8\xa7\"! \xd9\x86\xd8\xb9\xd9\x85");
    if (!doc) return;
    const char *marks[] = {"\xd8\x8c", "\xd8\x9b", "\xd8\x9f", "\xc2\xab", "\xc2\xbb", "\xe2\x80\x9c", "\xe2\x80\x9d", "\"", "!"};
    for (size_t k = 0; k < sizeof marks / sizeof *marks; k++) expect_token(doc, marks[k], SYRIA_TOKEN_PUNCT, marks[k]);
    CHECK(find(doc, "\"", 1) != NULL, "the closing ASCII quote is not its own token");
    expect_token(doc, "\xd9\x86\xd8\xb9\xd9\x85", SYRIA_TOKEN_WORD, NULL);
    check_coverage(doc);
    syria_doc_free(doc);
}

static void test_urls_and_addresses(void)
{
    const char *url = "https://www.alarabiya.net/ar/arab-and-world/syria/2020/02/18/"
                      "\xd8\xb1\xd9\x88\xd8\xb3\xd9\x8a\xd8\xa7-\xd8\xaa\xd8\xb1\xd9\x83\xd9\x8a\xd8\xa7-\xd8\xa5\xd8\xaf\xd9\x84\xd8\xa8";
    char text[1024];
    snprintf(text, sizeof text,
             "\xd9\x86\xd9\x82\xd9\x84\xd8\xaa %s\xd8\x8c \xd9\x88 www.x.com. (http://example.org/a) "
             "\xd8\xb1\xd8\xa7\xd8\xb3\xd9\x84\xd9\x88\xd8\xa7 info@example.org \xd8\xa3\xd9\x88 "
             "#\xd8\xb9\xd8\xa7\xd8\xb5\xd9\x8a_\xd8\xa7\xd9\x84\xd8\xad\xd9\x84\xd8\xa7\xd9\x86\xd9\x8a @user_1 "
             "b2c55502-1679-43f8-b580-1ebaa3c37bd5_16x9_1200x676.jpg",
             url);
    syria_doc *doc = analyze(text);
    if (!doc) return;
    expect_token(doc, url, SYRIA_TOKEN_URL, NULL);       /* the Arabic comma after it is not part of it */
    expect_token(doc, "\xd8\x8c", SYRIA_TOKEN_PUNCT, NULL);
    expect_token(doc, "www.x.com", SYRIA_TOKEN_URL, "www.x.com");
    expect_token(doc, ".", SYRIA_TOKEN_PUNCT, NULL);
    expect_token(doc, "http://example.org/a", SYRIA_TOKEN_URL, NULL);
    expect_token(doc, "(", SYRIA_TOKEN_PUNCT, NULL);
    expect_token(doc, ")", SYRIA_TOKEN_PUNCT, NULL);
    expect_token(doc, "info@example.org", SYRIA_TOKEN_EMAIL, NULL);
    expect_token(doc, "#\xd8\xb9\xd8\xa7\xd8\xb5\xd9\x8a_\xd8\xa7\xd9\x84\xd8\xad\xd9\x84\xd8\xa7\xd9\x86\xd9\x8a",
                 SYRIA_TOKEN_HASHTAG, NULL);
    expect_token(doc, "@user_1", SYRIA_TOKEN_MENTION, "@user_1");
    expect_token(doc, "b2c55502-1679-43f8-b580-1ebaa3c37bd5_16x9_1200x676.jpg", SYRIA_TOKEN_FILE, NULL);
    check_coverage(doc);
    syria_doc_free(doc);
}

static void test_emoji(void)
{
    const char *thumbs = "\xf0\x9f\x91\x8d\xf0\x9f\x8f\xbd";                                               /* 👍🏽 */
    const char *family = "\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa7";        /* 👨‍👩‍👧 */
    const char *flag = "\xf0\x9f\x87\xb8\xf0\x9f\x87\xbe";                                                 /* 🇸🇾 */
    const char *heart = "\xe2\x9d\xa4\xef\xb8\x8f";                                                        /* ❤️ */
    const char *rainbow = "\xf0\x9f\x8f\xb3\xef\xb8\x8f\xe2\x80\x8d\xf0\x9f\x8c\x88";                      /* 🏳️‍🌈 */
    char text[512];
    snprintf(text, sizeof text, "\xd8\xb4\xd9\x83\xd8\xb1\xd8\xa7 %s %s %s %s %s", thumbs, family, flag, heart, rainbow);
    syria_doc *doc = analyze(text);
    if (!doc) return;
    expect_token(doc, thumbs, SYRIA_TOKEN_SYMBOL, NULL);
    expect_token(doc, family, SYRIA_TOKEN_SYMBOL, NULL);
    expect_token(doc, flag, SYRIA_TOKEN_SYMBOL, NULL);
    expect_token(doc, heart, SYRIA_TOKEN_SYMBOL, NULL);
    expect_token(doc, rainbow, SYRIA_TOKEN_SYMBOL, NULL);
    CHECK_INT(syria_doc_token_count(doc), 6);
    syria_doc_free(doc);
    /* Two flags, two emoji glued together: two tokens each. */
    doc = analyze("\xf0\x9f\x87\xb8\xf0\x9f\x87\xbe\xf0\x9f\x87\xb9\xf0\x9f\x87\xb7 \xf0\x9f\x91\x8d\xf0\x9f\x91\x8d");
    if (!doc) return;
    CHECK_INT(syria_doc_token_count(doc), 4);
    expect_token(doc, "\xf0\x9f\x87\xb9\xf0\x9f\x87\xb7", SYRIA_TOKEN_SYMBOL, NULL);
    syria_doc_free(doc);
}

static void test_invisible_marks(void)
{
    /* RLM before and LRM after a word belong to it; the norm drops them. */
    syria_doc *doc = analyze("\xe2\x80\x8f\xd9\x83\xd9\x84\xd9\x85\xd8\xa9\xe2\x80\x8e \xe2\x80\x8e\xe2\x80\x8f "
                             "\xd9\x86\xd8\xb5\xe2\x80\x8c\xd8\xb1");
    if (!doc) return;
    expect_token(doc, "\xe2\x80\x8f\xd9\x83\xd9\x84\xd9\x85\xd8\xa9\xe2\x80\x8e", SYRIA_TOKEN_WORD, "\xd9\x83\xd9\x84\xd9\x85\xd8\xa9");
    /* Marks on their own: one symbol token, with an empty norm. */
    expect_token(doc, "\xe2\x80\x8e\xe2\x80\x8f", SYRIA_TOKEN_SYMBOL, "");
    /* ZWNJ inside a word does not split it. */
    expect_token(doc, "\xd9\x86\xd8\xb5\xe2\x80\x8c\xd8\xb1", SYRIA_TOKEN_WORD, "\xd9\x86\xd8\xb5\xd8\xb1");
    CHECK_INT(syria_doc_token_count(doc), 3);
    check_coverage(doc);
    syria_doc_free(doc);
}

static void test_deobfuscation(void)
{
    static const char *const cases[][2] = {
        {"\xd8\xa7\xd9\x84\xd8\xb9\xd8\xb3\xd9\x83\xd9\x80.\xd9\x80\xd8\xb1\xd9\x8a\xd8\xa9", "\xd8\xa7\xd9\x84\xd8\xb9\xd8\xb3\xd9\x83\xd8\xb1\xd9\x8a\xd8\xa9"}, /* العسكـ.ـرية */
        {"\xd8\xa7\xd9\x84\xd8\xad\xd8\xaf\xd9\x8a\xd9\x80.\xd9\x80\xd8\xab", "\xd8\xa7\xd9\x84\xd8\xad\xd8\xaf\xd9\x8a\xd8\xab"},                                 /* الحديـ.ـث */
        {"\xd8\xa7\xd9\x84\xd8\xaa\xd9\x80.\xd9\x80\xd9\x82\xd9\x80.\xd9\x80\xd8\xa7\xd8\xb1\xd8\xa8", "\xd8\xa7\xd9\x84\xd8\xaa\xd9\x82\xd8\xa7\xd8\xb1\xd8\xa8"}, /* التـ.ـقـ.ـارب */
        {"\xd8\xaa\xd9\x81\xd9\x83\xd9\x80.\xd9\x80\xd9\x8a\xd9\x83", "\xd8\xaa\xd9\x81\xd9\x83\xd9\x8a\xd9\x83"},                                                 /* تفكـ.ـيك */
    };
    char text[1024] = "";
    for (size_t k = 0; k < 4; k++) {
        strcat(text, cases[k][0]);
        strcat(text, " ");
    }
    syria_doc *doc = analyze(text);
    if (!doc) return;
    CHECK_INT(syria_doc_token_count(doc), 4);
    for (size_t k = 0; k < 4; k++) expect_token(doc, cases[k][0], SYRIA_TOKEN_WORD, cases[k][1]);
    syria_doc_free(doc);
    /* A full stop between two ordinary words is not a joiner. */
    doc = analyze("\xd9\x82\xd8\xa7\xd9\x84.\xd8\xab\xd9\x85");
    if (!doc) return;
    CHECK_INT(syria_doc_token_count(doc), 3);
    syria_doc_free(doc);
}

/* A text with every kind of token, odd spaces and line ends. */
static const char varied[] =
    "\xe2\x80\x8f\xd8\xb9\xd8\xa7\xd8\xac\xd9\x84: \xd8\xa7\xd9\x84\xd8\xb9\xd8\xb3\xd9\x83\xd9\x80.\xd9\x80\xd8\xb1\xd9\x8a\xd8\xa9 "
    "\xd9\x88\xd8\xb1\xd9\x88\xd8\xb3\xd9\x8a\xd8\xa7\xc2\xa0\xd9\x88\xd8\xaa\xd8\xb1\xd9\x83\xd9\x8a\xd8\xa7\t69,062\r\n"
    "3.5 \xd9\xa3\xd9\xab\xd9\xa5 \xd9\xa1\xd9\xa2\xd9\xa3\xe2\x80\x83\xc2\xab\xd9\x83\xd9\x84\xd8\xa7\xd9\x85\xc2\xbb "
    "\xe2\x80\x9cquote\xe2\x80\x9d \"x\"! \xd8\x9f\xd8\x9b\xd8\x8c https://www.alarabiya.net/ar/\xd8\xb3\xd9\x88\xd8\xb1\xd9\x8a\xd8\xa7\xd8\x8c "
    "www.x.com info@example.org #\xd8\xb9\xd8\xa7\xd8\xb5\xd9\x8a_\xd8\xa7\xd9\x84\xd8\xad\xd9\x84\xd8\xa7\xd9\x86\xd9\x8a @user_1\n"
    "b2c55502-1679-43f8-b580-1ebaa3c37bd5_16x9_1200x676.jpg \xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa7"
    "\xf0\x9f\x87\xb8\xf0\x9f\x87\xbe \xe2\x80\x8e\xe2\x80\x8f \xd9\x85\xd9\x8f\xd8\xad\xd9\x8e\xd9\x85\xd9\x8e\xd9\x91\xd8\xaf\xd9\x8c"
    "\xe3\x80\x80\xef\xbb\xb7\xd8\xa8\xd9\x8a\xd8\xb1 Erdo\xc4\x9f" "an\xe2\x80\xa8...\xd8\x9f! \xe2\x80\x94 \xc2\xa7 $5 \\ a\x01" "b\n";

static void test_coverage_and_surfaces(void)
{
    syria_doc *doc = analyze(varied);
    if (!doc) return;
    size_t n = syria_doc_token_count(doc), len;
    const char *text = syria_doc_text(doc, &len);
    CHECK(n >= 40, "only %zu tokens in the varied text", n);
    CHECK_INT(len, strlen(varied));
    check_coverage(doc);
    /* Every token's surface is its own bytes of the caller's text, and its
     * norm is never longer than NFKC could make it, nor NULL. */
    for (size_t k = 0; k < n; k++) {
        const syria_token *t = syria_doc_token(doc, k);
        CHECK(t->start + t->length <= strlen(varied) && memcmp(varied + t->start, text + t->start, t->length) == 0,
              "token %zu surface differs from the original text", k);
        CHECK(t->norm && t->prefix && t->stem && t->suffix, "token %zu has a NULL string", k);
        CHECK(t->kind >= SYRIA_TOKEN_WORD && t->kind <= SYRIA_TOKEN_SYMBOL, "token %zu kind %d", k, t->kind);
        CHECK(t->sentence < syria_doc_sentence_count(doc), "token %zu sentence %zu", k, t->sentence);
    }
    syria_doc_free(doc);
}

static void test_spaces_are_not_tokens(void)
{
    /* Only spaces of every kind: no tokens. */
    syria_doc *doc = analyze(" \t\r\n\xc2\xa0\xe2\x80\x83\xe3\x80\x80\xe2\x80\xa8\xe2\x80\xa9\x0b\x0c ");
    if (!doc) return;
    CHECK_INT(syria_doc_token_count(doc), 0);
    syria_doc_free(doc);
}

int main(void)
{
    if (tu_load_default_model(&model)) return 1;
    static const tu_test tests[] = {
        {"Arabic and Latin words", test_words},
        {"words in presentation forms", test_presentation_forms},
        {"numbers", test_numbers},
        {"punctuation", test_punctuation},
        {"URL, e-mail, hashtag, mention, file name", test_urls_and_addresses},
        {"emoji sequences are one symbol each", test_emoji},
        {"invisible marks", test_invisible_marks},
        {"de-obfuscated words", test_deobfuscation},
        {"coverage and surfaces on a varied text", test_coverage_and_surfaces},
        {"white space alone gives no tokens", test_spaces_are_not_tokens},
        {NULL, NULL},
    };
    int rc = tu_run("tokenize", tests);
    syria_model_free(model);
    return rc;
}
