/* Seeded random inputs through syria_analyze and the JSON export: pieces
 * of Arabic, Latin, digits, marks, tatweel and dots, emoji, punctuation,
 * white space, invalid bytes and NULs. Strict mode must accept exactly the
 * valid UTF-8 without NUL; replacement mode must accept everything. Every
 * accepted document must have tokens inside the text, in order, covering
 * each sentence's span, and export valid-looking JSON. (A short, fixed
 * version of what a fuzzer does; run under the sanitizer build it also
 * checks memory.) */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "support/testutil.h"
#include "syria/syria.h"

static syria_model *model;

static uint64_t rng = 0x2026112300000001ull;
static uint32_t next(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (uint32_t)(rng >> 11);
}

static const char *const pieces[] = {
    "\xd9\x88\xd8\xb1\xd9\x88\xd8\xb3\xd9\x8a\xd8\xa7", /* وروسيا */
    "\xd8\xa7\xd9\x84\xd8\xb9\xd8\xb3\xd9\x83\xd9\x80.\xd9\x80\xd8\xb1\xd9\x8a\xd8\xa9", /* العسكـ.ـرية */
    "\xd8\xa8\xd8\xa7\xd9\x84\xd9\x85\xd9\x86\xd8\xb7\xd9\x82\xd8\xa9", /* بالمنطقة */
    "\xd9\x8e", "\xd9\x80", "\xd8\x9f", "\xd8\x8c", "\xd8\x9b", ".", "!", "?", "\"", "\xc2\xab", "\xc2\xbb",
    "\xe2\x80\x9c", "\xe2\x80\x9d", "(", ")", " ", " ", " ", "\n", "\n\n", "\t", "\xe2\x80\x8f", "\xe2\x80\x8d",
    "69,062", "3.5", "\xd9\xa3\xd9\xab\xd9\xa5", "https://www.example.com/a?b=1", "www.x.org", "a@b.co",
    "#\xd8\xb3\xd9\x88\xd8\xb1\xd9\x8a\xd8\xa7_2024", "@user_1", "photo_1200x676.jpg", "Xeber24.net", "ab-",
    "\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9", "\xf0\x9f\x87\xb8\xf0\x9f\x87\xbe", "\xef\xbb\xb7", "\xef\xb7\xba",
    "Erdo\xc4\x9f" "an's", "\xd9\x84\xd9\x84\xd8\xa3\xd8\xb3\xd8\xaf", /* للأسد */
    "\xc0\x80", "\xed\xa0\x80", "\xf4\x90\x80\x80", "\xd8", "\xe2\x80", "\x80", "\xff", "\x00", "\x01",
};

static int valid_utf8_no_nul(const char *s, size_t n)
{
    return tu_utf8_valid(s, n) && !memchr(s, 0, n);
}

static void check_doc(const syria_doc *doc, size_t n)
{
    size_t nt = syria_doc_token_count(doc), ns = syria_doc_sentence_count(doc);
    size_t prev_end = 0;
    for (size_t i = 0; i < nt; i++) {
        const syria_token *t = syria_doc_token(doc, i);
        CHECK(t && t->length > 0 && t->start >= prev_end && t->start + t->length <= n,
              "token %zu [%zu,+%zu) out of order or outside %zu bytes", i, t ? t->start : 0, t ? t->length : 0, n);
        CHECK(t->stem_start >= t->start && t->stem_start + t->stem_length <= t->start + t->length &&
                  t->article_start >= t->start && t->article_start <= t->stem_start,
              "token %zu: stem span outside the token", i);
        prev_end = t->start + t->length;
    }
    size_t covered = 0;
    for (size_t s = 0; s < ns; s++) covered += syria_doc_sentence(doc, s)->token_count;
    CHECK(covered == nt, "sentences hold %zu of %zu tokens", covered, nt);
    char *json = NULL;
    size_t len = 0;
    CHECK(syria_doc_to_json(&json, &len, doc, 0) == SYRIA_OK, "to_json: %s", syria_error_last());
    CHECK(json && len > 20 && json[0] == '{' && json[len - 1] == '}' && tu_utf8_valid(json, len) &&
              !memchr(json, 0, len),
          "JSON not a valid UTF-8 object");
    syria_free(json);
}

static void test_random_inputs(void)
{
    REQUIRE(model != NULL, "no model");
    char buf[4096];
    int strict_ok = 0, replaced = 0;
    for (int iter = 0; iter < 3000; iter++) {
        size_t n = 0, want = next() % 60;
        for (size_t k = 0; k < want; k++) {
            const char *p = pieces[next() % (sizeof pieces / sizeof *pieces)];
            size_t pl = p[0] ? strlen(p) : 1; /* the "\x00" piece is one NUL byte */
            if (n + pl > sizeof buf) break;
            memcpy(buf + n, p, pl);
            n += pl;
        }
        int valid = valid_utf8_no_nul(buf, n);
        syria_doc *doc = NULL;
        int rc = syria_analyze(&doc, model, buf, n, NULL);
        CHECK((rc == SYRIA_OK) == valid, "iteration %d: strict rc %d for %s input", iter, rc,
              valid ? "valid" : "invalid");
        CHECK(rc == SYRIA_OK || rc == SYRIA_EUTF8 || rc == SYRIA_ENUL, "iteration %d: rc %d", iter, rc);
        if (doc) {
            check_doc(doc, n);
            strict_ok++;
        }
        syria_doc_free(doc);
        syria_options opt = SYRIA_OPTIONS_INIT;
        opt.flags = SYRIA_OPT_REPLACE_INVALID;
        doc = NULL;
        rc = syria_analyze(&doc, model, buf, n, &opt);
        CHECK(rc == SYRIA_OK && doc, "iteration %d: replacement mode rc %d: %s", iter, rc, syria_error_last());
        if (doc) {
            check_doc(doc, n);
            replaced++;
        }
        syria_doc_free(doc);
    }
    CHECK(strict_ok > 100 && replaced == 3000, "strict %d, replaced %d", strict_ok, replaced);
}

int main(void)
{
    if (syria_model_load_default(&model) != SYRIA_OK) model = NULL;
    static const tu_test tests[] = {{"random inputs, strict and replacing", test_random_inputs}, {NULL, NULL}};
    int rc = tu_run("random_input", tests);
    syria_model_free(model);
    return rc;
}
