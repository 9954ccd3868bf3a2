/* Sentence splitting through the public API. */
#include <stdlib.h>
#include <string.h>

#include "support/default_model.h"
#include "support/testutil.h"
#include "syria/syria.h"

static syria_model *model;

/* Checks the invariants every split must satisfy: token ranges partition the
 * tokens in order, spans run from the first token's start to the last
 * token's end, tokens know their sentence. */
static void check_partition(const syria_doc *doc)
{
    size_t ns = syria_doc_sentence_count(doc), nt = syria_doc_token_count(doc), next = 0, prev_end = 0;
    if (nt > 0) CHECK(ns > 0, "%zu tokens but no sentence", nt);
    for (size_t i = 0; i < ns; i++) {
        const syria_sentence *s = syria_doc_sentence(doc, i);
        REQUIRE(s != NULL, "sentence %zu missing", i);
        CHECK(s->token_first == next, "sentence %zu starts at token %zu, expected %zu", i, s->token_first, next);
        CHECK(s->token_count > 0, "sentence %zu has no tokens", i);
        if (s->token_count == 0 || s->token_first + s->token_count > nt) {
            CHECK(0, "sentence %zu token range [%zu,+%zu) out of %zu", i, s->token_first, s->token_count, nt);
            return;
        }
        const syria_token *a = syria_doc_token(doc, s->token_first);
        const syria_token *z = syria_doc_token(doc, s->token_first + s->token_count - 1);
        CHECK(s->start == a->start, "sentence %zu starts at %zu, its first token at %zu", i, s->start, a->start);
        CHECK(s->start + s->length == z->start + z->length, "sentence %zu ends at %zu, its last token at %zu", i,
              s->start + s->length, z->start + z->length);
        CHECK(i == 0 || s->start >= prev_end, "sentence %zu overlaps the previous one", i);
        for (size_t k = s->token_first; k < s->token_first + s->token_count; k++)
            CHECK(syria_doc_token(doc, k)->sentence == i, "token %zu says sentence %zu, expected %zu", k,
                  syria_doc_token(doc, k)->sentence, i);
        next = s->token_first + s->token_count;
        prev_end = s->start + s->length;
    }
    CHECK(next == nt, "sentences cover %zu of %zu tokens", next, nt);
}

static void dump(const syria_doc *doc)
{
    const char *text = syria_doc_text(doc, NULL);
    for (size_t i = 0; i < syria_doc_sentence_count(doc); i++) {
        const syria_sentence *s = syria_doc_sentence(doc, i);
        fprintf(stderr, "    sentence %zu: [%.*s]\n", i, (int)s->length, text + s->start);
    }
}

/* Analyses text and checks it splits into exactly the sentences listed
 * (their surface text, from first to last token). */
static void expect_sentences(const char *text, const char *const *expected, size_t count)
{
    syria_doc *doc = NULL;
    int rc = syria_analyze(&doc, model, text, strlen(text), NULL);
    CHECK(rc == SYRIA_OK, "analyze: %s", syria_error_last());
    if (rc) return;
    check_partition(doc);
    size_t ns = syria_doc_sentence_count(doc);
    int ok = ns == count;
    for (size_t i = 0; ok && i < count; i++) {
        const syria_sentence *s = syria_doc_sentence(doc, i);
        ok = s->length == strlen(expected[i]) && memcmp(text + s->start, expected[i], s->length) == 0;
    }
    CHECK(ok, "\"%s\": %zu sentences, expected %zu as listed", text, ns, count);
    if (!ok) dump(doc);
    syria_doc_free(doc);
}

#define EXPECT(text, ...)                                                           \
    do {                                                                            \
        const char *const exp_[] = {__VA_ARGS__};                            \
        expect_sentences(text, exp_, sizeof exp_ / sizeof *exp_);                   \
    } while (0)

/* Arabic words used below. */
#define HAL "\xd9\x87\xd9\x84"                        /* هل */
#define HADAR "\xd8\xad\xd8\xb6\xd8\xb1"              /* حضر */
#define NAAM "\xd9\x86\xd8\xb9\xd9\x85"               /* نعم */
#define THUMMA "\xd8\xab\xd9\x85"                     /* ثم */
#define GHADAR "\xd8\xba\xd8\xa7\xd8\xaf\xd8\xb1"     /* غادر */
#define QAL "\xd9\x82\xd8\xa7\xd9\x84"                /* قال */
#define HADHA "\xd9\x87\xd8\xb0\xd8\xa7"              /* هذا */
#define DHAK "\xd8\xb0\xd8\xa7\xd9\x83"               /* ذاك */
#define MADA "\xd9\x85\xd8\xb6\xd9\x89"               /* مضى */
#define MUHAMMAD "\xd9\x85\xd8\xad\xd9\x85\xd8\xaf"   /* محمد */
#define ITTAQA "\xd8\xa7\xd9\x84\xd8\xaa\xd9\x82\xd9\x89" /* التقى */
#define QM "\xd8\x9f"                                 /* ؟ */
#define SEMI "\xd8\x9b"                               /* ؛ */

static void test_terminators(void)
{
    EXPECT(HAL " " HADAR QM " " NAAM " " HADAR "! " THUMMA " " GHADAR ". " QAL " " HADHA SEMI " " THUMMA " " MADA,
           HAL " " HADAR QM, NAAM " " HADAR "!", THUMMA " " GHADAR ".", QAL " " HADHA SEMI, THUMMA " " MADA);
    /* A sentence without a terminator at the end of the text is still one. */
    EXPECT(QAL " " HADHA, QAL " " HADHA);
}

static void test_line_breaks(void)
{
    /* Headline, then body: no punctuation needed. */
    EXPECT(HADHA " " QAL "\n" THUMMA " " MADA " " MUHAMMAD ".", HADHA " " QAL, THUMMA " " MADA " " MUHAMMAD ".");
    EXPECT(HADHA "\r\n\r\n" THUMMA, HADHA, THUMMA);
    EXPECT(HADHA "\xe2\x80\xa9" THUMMA, HADHA, THUMMA); /* U+2029 paragraph separator */
}

static void test_numbers_do_not_split(void)
{
    EXPECT("\xd8\xa8\xd9\x84\xd8\xba 3.5 \xd9\x85\xd9\x84\xd9\x8a\xd8\xa7\xd8\xb1 \xd9\x88 69,062 \xd9\x88 \xd9\xa3\xd9\xab\xd9\xa5 " THUMMA ".",
           "\xd8\xa8\xd9\x84\xd8\xba 3.5 \xd9\x85\xd9\x84\xd9\x8a\xd8\xa7\xd8\xb1 \xd9\x88 69,062 \xd9\x88 \xd9\xa3\xd9\xab\xd9\xa5 " THUMMA ".");
}

static void test_abbreviations(void)
{
    /* د. محمد: a one-letter abbreviation, not a sentence end. */
    EXPECT(ITTAQA " \xd8\xaf. " MUHAMMAD " " HADHA ". " THUMMA " " GHADAR,
           ITTAQA " \xd8\xaf. " MUHAMMAD " " HADHA ".", THUMMA " " GHADAR);
}

static void test_quotations(void)
{
    EXPECT(QAL " \xc2\xab" HADHA " . " DHAK "\xc2\xbb " THUMMA " " MADA ". " GHADAR,
           QAL " \xc2\xab" HADHA " . " DHAK "\xc2\xbb " THUMMA " " MADA ".", GHADAR);
    EXPECT(QAL " \"" HADHA " . " DHAK "\" " THUMMA " " MADA ". " GHADAR,
           QAL " \"" HADHA " . " DHAK "\" " THUMMA " " MADA ".", GHADAR);
    EXPECT(QAL " \xe2\x80\x9c" HADHA ". " DHAK "\xe2\x80\x9d " THUMMA " " MADA ".",
           QAL " \xe2\x80\x9c" HADHA ". " DHAK "\xe2\x80\x9d " THUMMA " " MADA ".");
    /* A quotation left open on its line does not hold the sentence open. */
    EXPECT(QAL ": \xc2\xab" HADHA ". " THUMMA " " MADA, QAL ": \xc2\xab" HADHA ".", THUMMA " " MADA);
}

static void test_addresses_do_not_split(void)
{
    EXPECT(QAL " www.x.com info@example.org " THUMMA " " MADA ".", QAL " www.x.com info@example.org " THUMMA " " MADA ".");
}

static void test_obfuscated_word_does_not_split(void)
{
    /* العسكـ.ـرية and الحديـ.ـث are single words: their inner '.' ends nothing. */
    const char *s = QAL " \xd8\xa7\xd9\x84\xd8\xb9\xd8\xb3\xd9\x83\xd9\x80.\xd9\x80\xd8\xb1\xd9\x8a\xd8\xa9 "
                    "\xd8\xa7\xd9\x84\xd8\xad\xd8\xaf\xd9\x8a\xd9\x80.\xd9\x80\xd8\xab " MADA ".";
    EXPECT(s, s);
}

static void test_mark_after_terminator(void)
{
    /* A right-to-left mark glued to the next word (common in web text) must
     * not move the boundary after ؟ to the end of that word. */
    EXPECT(HAL " " HADAR QM " \xe2\x80\x8f" NAAM " " HADAR ".", HAL " " HADAR QM, "\xe2\x80\x8f" NAAM " " HADAR ".");
}

static void test_partition_on_long_text(void)
{
    char text[8192] = "";
    for (int k = 0; k < 20; k++)
        strcat(text, HADHA " \xd8\xaf. " MUHAMMAD " \xc2\xab" QAL ". " DHAK "\xc2\xbb 3.5" QM " " THUMMA "!\n" HAL SEMI " ");
    syria_doc *doc = NULL;
    REQUIRE(syria_analyze(&doc, model, text, strlen(text), NULL) == SYRIA_OK, "%s", syria_error_last());
    CHECK(syria_doc_sentence_count(doc) >= 40, "%zu sentences", syria_doc_sentence_count(doc));
    check_partition(doc);
    syria_doc_free(doc);
}

static void test_empty(void)
{
    syria_doc *doc = NULL;
    REQUIRE(syria_analyze(&doc, model, " \n\n ", 4, NULL) == SYRIA_OK, "%s", syria_error_last());
    CHECK_INT(syria_doc_sentence_count(doc), 0);
    syria_doc_free(doc);
}

int main(void)
{
    if (tu_load_default_model(&model)) return 1;
    static const tu_test tests[] = {
        {"? ! . and Arabic ; end sentences", test_terminators},
        {"line breaks are boundaries", test_line_breaks},
        {"no split inside numbers", test_numbers_do_not_split},
        {"no split after a one-letter abbreviation", test_abbreviations},
        {"no split inside a closed quotation", test_quotations},
        {"no split inside web addresses", test_addresses_do_not_split},
        {"no split inside an obfuscated word", test_obfuscated_word_does_not_split},
        {"boundary after ? before a word with a direction mark", test_mark_after_terminator},
        {"partition invariants on a long text", test_partition_on_long_text},
        {"white space only: no sentence", test_empty},
        {NULL, NULL},
    };
    int rc = tu_run("sentence", tests);
    syria_model_free(model);
    return rc;
}
