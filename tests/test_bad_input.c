/* The bad-input matrix (issue 6): every kind of malformed, extreme or
 * misused input, each with its exact, documented result.
 *
 *  - invalid UTF-8 of every kind (overlong forms, surrogates, truncated
 *    sequences, stray continuation bytes, above U+10FFFF, bytes never valid)
 *    and NUL bytes: SYRIA_EUTF8 / SYRIA_ENUL in strict mode, from
 *    syria_analyze and syria_normalize alike; with SYRIA_OPT_REPLACE_INVALID
 *    one "symbol" token per run of bad bytes whose norm is one U+FFFD per
 *    byte;
 *  - empty input, only white space, 100,000 empty lines, only direction
 *    marks, mixed scripts and emoji;
 *  - big inputs: a 50 MB single line and a 1 MB one, a 1 MB single word (Arabic, Latin, digits,
 *    dots, emoji), 2 MB of one-letter tokens: analysed in bounded time with the
 *    peak memory bounded by a documented multiple of the input size
 *    (README, "Limits"): syria_analyze <= 40 x input + 16 MB on news text,
 *    <= 160 x input + 16 MB in the worst case (one-letter tokens); the JSON
 *    export <= 32 x input + 16 MB more on news text. The peak is the
 *    process's resident high-water mark (Linux /proc/self/status VmHWM,
 *    reset through /proc/self/clear_refs before each call); sanitizer
 *    builds only print it (their shadow memory and quarantine are not the
 *    library's);
 *  - truncated and corrupted model files and blobs: SYRIA_EMODEL; missing
 *    files and directories: SYRIA_EIO;
 *  - NULL and out-of-range arguments to every public function of syria.h.
 *
 * Leaks: the ASan build of this test (.ci/run) fails on any. */
#define _DEFAULT_SOURCE
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

#include "support/default_model.h"
#include "support/testutil.h"
#include "syria/syria.h"

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer) || __has_feature(memory_sanitizer)
#define SANITIZED 1
#endif
#endif
#ifndef SANITIZED
#define SANITIZED 0
#endif

/* The documented bounds (README, "Limits"), in bytes per input byte, plus a
 * constant for the ICU iterator clone and allocator granularity. */
#define MEM_NEWS_FACTOR 40.0
#define MEM_WORST_FACTOR 160.0
#define MEM_JSON_FACTOR 32.0
#define MEM_CONST (16.0 * 1024 * 1024)

static syria_model *model;

/* ------------------------------------------------------------------ */
/* Peak memory: the resident high-water mark, reset before the call. */

static long status_kb(const char *field)
{
    FILE *f = fopen("/proc/self/status", "r");
    if (!f) return -1;
    char line[256];
    long v = -1;
    size_t n = strlen(field);
    while (fgets(line, sizeof line, f))
        if (strncmp(line, field, n) == 0 && line[n] == ':') v = atol(line + n + 1);
    fclose(f);
    return v;
}

/* Starts a measurement: returns the resident size in bytes with the
 * high-water mark reset to it, or -1 when the platform cannot do this. */
static double mem_begin(void)
{
#if defined(__GLIBC__)
    malloc_trim(0); /* memory freed earlier must not hide new growth */
#endif
    FILE *f = fopen("/proc/self/clear_refs", "w");
    if (!f) return -1;
    int ok = fputs("5", f) >= 0;
    if (fclose(f) != 0 || !ok) return -1;
    long rss = status_kb("VmRSS");
    return rss < 0 ? -1 : rss * 1024.0;
}

/* The growth of the peak since mem_begin, in bytes (-1 if unknown). */
static double mem_peak_since(double base)
{
    long hwm = status_kb("VmHWM");
    return base < 0 || hwm < 0 ? -1 : hwm * 1024.0 - base;
}

/* Checks a measured peak against factor x len + MEM_CONST (not under sanitizers). */
static void check_mem(const char *what, double peak, size_t len, double factor)
{
    double limit = factor * (double)len + MEM_CONST;
    fprintf(stderr, "\n    %s: %zu bytes, peak +%.1f MB (%.1f x input; limit %.0f x + 16 MB)%s", what, len,
            peak / 1e6, peak / (double)(len ? len : 1), factor, SANITIZED ? " [sanitizer build: not asserted]" : "");
    if (SANITIZED) return;
    if (peak < 0) {
        fprintf(stderr, " [cannot measure here: /proc/self/clear_refs]");
        return;
    }
    CHECK(peak <= limit, "%s: peak %.1f MB exceeds %.1f MB", what, peak / 1e6, limit / 1e6);
}

/* ------------------------------------------------------------------ */

static int analyze(syria_doc **doc, const char *text, size_t len, unsigned flags)
{
    syria_options o = SYRIA_OPTIONS_INIT;
    o.flags = flags;
    return syria_analyze(doc, model, text, len, &o);
}

/* Tokens in order, inside the text, sentences covering them: the invariants
 * every accepted document keeps. */
static void check_doc(const syria_doc *doc, size_t n)
{
    size_t nt = syria_doc_token_count(doc), ns = syria_doc_sentence_count(doc), prev = 0, covered = 0;
    for (size_t i = 0; i < nt; i++) {
        const syria_token *t = syria_doc_token(doc, i);
        REQUIRE(t != NULL, "token %zu", i);
        CHECK(t->length > 0 && t->start >= prev && t->start + t->length <= n && t->sentence < ns,
              "token %zu [%zu,+%zu) sentence %zu", i, t->start, t->length, t->sentence);
        prev = t->start + t->length;
    }
    for (size_t s = 0; s < ns; s++) covered += syria_doc_sentence(doc, s)->token_count;
    CHECK_INT(covered, nt);
}

/* ------------------------------------------------------------------ */
/* Invalid UTF-8 and NUL bytes. */

typedef struct bad_case {
    const char *name;
    const char *text;
    size_t len;
    size_t bad_at; /* offset of the first invalid byte */
    size_t run_start, run_len; /* the bad run in replacement mode: one symbol token */
} bad_case;

#define BAD(name, s, at, rs, rl) {name, s, sizeof(s) - 1, at, rs, rl}
static const bad_case bad_cases[] = {
    BAD("overlong 2-byte NUL", "a \xc0\x80 b", 2, 2, 2),
    BAD("overlong 2-byte '/'", "a \xc1\xaf b", 2, 2, 2),
    BAD("overlong 3-byte", "a\xe0\x80\xafz", 1, 1, 3),
    BAD("overlong 4-byte", "a\xf0\x80\x80\xafz", 1, 1, 4),
    BAD("high surrogate", "x\xed\xa0\x80y", 1, 1, 3),
    BAD("low surrogate", "x\xed\xbf\xbfy", 1, 1, 3),
    BAD("truncated 2-byte at end", "ab \xd8", 3, 3, 1),
    BAD("truncated 3-byte at end", "\xe2\x80", 0, 0, 2),
    BAD("truncated 4-byte at end", "z \xf0\x9f\x87", 2, 2, 3),
    BAD("truncated 2-byte before space", "\xd8 \xd9\x88", 0, 0, 1),
    BAD("stray continuation bytes", "\x80\x80x", 0, 0, 2),
    BAD("continuation after a letter", "\xd9\x88\xbf", 2, 0, 0),
    BAD("above U+10FFFF (F4 90)", "\xf4\x90\x80\x80", 0, 0, 4),
    BAD("lead byte F5", "\xf5\x80\x80\x80", 0, 0, 4),
    BAD("byte FE", "a\xfe", 1, 1, 1),
    BAD("byte FF", "\xff", 0, 0, 1),
};

static void test_invalid_utf8_strict(void)
{
    for (size_t k = 0; k < sizeof bad_cases / sizeof *bad_cases; k++) {
        const bad_case *c = &bad_cases[k];
        syria_doc *doc = (syria_doc *)&doc; /* must be set to NULL */
        CHECK_INT(analyze(&doc, c->text, c->len, 0), SYRIA_EUTF8);
        CHECK(doc == NULL, "%s: *out not NULL on failure", c->name);
        CHECK_INT(syria_error_last_code(), SYRIA_EUTF8);
        char want[64];
        snprintf(want, sizeof want, "at byte %zu", c->bad_at);
        CHECK(strstr(syria_error_last(), want) != NULL, "%s: message \"%s\" lacks \"%s\"", c->name,
              syria_error_last(), want);
        char *norm = (char *)&norm;
        size_t nl = 99;
        CHECK_INT(syria_normalize(&norm, &nl, c->text, c->len, SYRIA_NORM_DEFAULT), SYRIA_EUTF8);
        CHECK(norm == NULL && nl == 0, "%s: syria_normalize output not cleared", c->name);
    }
}

static void test_invalid_utf8_replaced(void)
{
    for (size_t k = 0; k < sizeof bad_cases / sizeof *bad_cases; k++) {
        const bad_case *c = &bad_cases[k];
        syria_doc *doc = NULL;
        int rc = analyze(&doc, c->text, c->len, SYRIA_OPT_REPLACE_INVALID);
        CHECK(rc == SYRIA_OK, "%s: %d %s", c->name, rc, syria_error_last());
        if (rc) continue;
        check_doc(doc, c->len);
        if (c->run_len) { /* the bad run is one symbol token, one U+FFFD per byte */
            int found = 0;
            for (size_t i = 0; i < syria_doc_token_count(doc); i++) {
                const syria_token *t = syria_doc_token(doc, i);
                if (t->start != c->run_start) continue;
                found = 1;
                CHECK(t->length == c->run_len && t->kind == SYRIA_TOKEN_SYMBOL, "%s: token [%zu,+%zu) kind %d",
                      c->name, t->start, t->length, t->kind);
                CHECK(strlen(t->norm) == 3 * c->run_len, "%s: norm of %zu bytes", c->name, strlen(t->norm));
                for (size_t b = 0; b + 3 <= strlen(t->norm); b += 3)
                    CHECK(memcmp(t->norm + b, "\xef\xbf\xbd", 3) == 0, "%s: norm byte %zu", c->name, b);
            }
            CHECK(found, "%s: no token at %zu", c->name, c->run_start);
        }
        char *json = NULL;
        size_t jl = 0;
        CHECK_INT(syria_doc_to_json(&json, &jl, doc, 0), SYRIA_OK);
        CHECK(json && tu_utf8_valid(json, jl), "%s: JSON not valid UTF-8", c->name);
        syria_free(json);
        syria_doc_free(doc);
    }
}

static void test_nul_bytes(void)
{
    static const struct {
        const char *text;
        size_t len, at;
    } cases[] = {{"\0", 1, 0}, {"a\0b", 3, 1}, {"\xd9\x88\0", 3, 2}, {"abc\0\0\0", 6, 3}};
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        syria_doc *doc = NULL;
        CHECK_INT(analyze(&doc, cases[k].text, cases[k].len, 0), SYRIA_ENUL);
        CHECK(doc == NULL, "case %zu", k);
        char want[48];
        snprintf(want, sizeof want, "offset %zu", cases[k].at);
        CHECK(strstr(syria_error_last(), want) != NULL, "message \"%s\"", syria_error_last());
        char *norm = NULL;
        CHECK_INT(syria_normalize(&norm, NULL, cases[k].text, cases[k].len, 0), SYRIA_ENUL);
        CHECK(norm == NULL, "normalize output");
        /* Replacement: the NULs are one symbol token of U+FFFDs. */
        CHECK_INT(analyze(&doc, cases[k].text, cases[k].len, SYRIA_OPT_REPLACE_INVALID), SYRIA_OK);
        if (doc) check_doc(doc, cases[k].len);
        const syria_token *t = NULL;
        for (size_t i = 0; doc && i < syria_doc_token_count(doc); i++)
            if (syria_doc_token(doc, i)->start == cases[k].at) t = syria_doc_token(doc, i);
        CHECK(t && t->kind == SYRIA_TOKEN_SYMBOL && strncmp(t->norm, "\xef\xbf\xbd", 3) == 0, "case %zu: NUL token", k);
        syria_doc_free(doc);
    }
    /* With SYRIA_NUL_TERMINATED the text ends at the first NUL: no error. */
    syria_doc *doc = NULL;
    CHECK_INT(analyze(&doc, "ab\0cd", SYRIA_NUL_TERMINATED, 0), SYRIA_OK);
    CHECK_INT(syria_doc_token_count(doc), 1);
    syria_doc_free(doc);
}

/* ------------------------------------------------------------------ */
/* Degenerate but valid texts. */

static void test_empty_and_blank(void)
{
    static const char *const blank[] = {"", " ", "\n", "\t\r\n \f\v", "\xc2\xa0\xe2\x80\x83\xe3\x80\x80", NULL};
    for (const char *const *b = blank; *b; b++) {
        syria_doc *doc = NULL;
        CHECK_INT(analyze(&doc, *b, strlen(*b), 0), SYRIA_OK);
        CHECK_INT(syria_doc_token_count(doc), 0);
        CHECK_INT(syria_doc_sentence_count(doc), 0);
        CHECK(syria_doc_token(doc, 0) == NULL && syria_error_last_code() == SYRIA_ERANGE, "token 0 of none");
        char *json = NULL;
        CHECK_INT(syria_doc_to_json(&json, NULL, doc, SYRIA_JSON_PRETTY), SYRIA_OK);
        CHECK(json && strstr(json, "\"tokens\": []"), "empty JSON: %s", json ? json : "(null)");
        syria_free(json);
        syria_doc_free(doc);
        char *norm = NULL;
        size_t nl = 99;
        CHECK_INT(syria_normalize(&norm, &nl, *b, strlen(*b), SYRIA_NORM_DEFAULT), SYRIA_OK);
        CHECK(norm != NULL && nl == strlen(norm), "normalize blank");
        syria_free(norm);
    }
    /* A non-NULL pointer with length 0, even to invalid bytes, is the empty text. */
    syria_doc *doc = NULL;
    CHECK_INT(analyze(&doc, "\xff", 0, 0), SYRIA_OK);
    CHECK_INT(syria_doc_token_count(doc), 0);
    syria_doc_free(doc);
}

static void test_empty_lines(void)
{
    size_t n = 100000;
    char *text = malloc(n + 64);
    REQUIRE(text != NULL, "malloc");
    memset(text, '\n', n);
    syria_doc *doc = NULL;
    double t0 = tu_now();
    CHECK_INT(analyze(&doc, text, n, 0), SYRIA_OK);
    CHECK_INT(syria_doc_token_count(doc), 0);
    CHECK_INT(syria_doc_sentence_count(doc), 0);
    syria_doc_free(doc);
    /* A word in the middle: one token, one sentence, at the right offset. */
    memcpy(text + n / 2, "\xd9\x88\xd8\xb1\xd9\x88\xd8\xb3\xd9\x8a\xd8\xa7", 12); /* وروسيا */
    CHECK_INT(analyze(&doc, text, n, 0), SYRIA_OK);
    CHECK_INT(syria_doc_token_count(doc), 1);
    CHECK_INT(syria_doc_sentence_count(doc), 1);
    const syria_token *t = syria_doc_token(doc, 0);
    CHECK(t && t->start == n / 2 && t->length == 12, "token at %zu", t ? t->start : 0);
    if (t) CHECK_STR(t->prefix, "\xd9\x88");
    syria_doc_free(doc);
    /* CRLF lines, 100,000 of them, each with a word: 100,000 sentences. */
    free(text);
    text = malloc(100000 * 4);
    REQUIRE(text != NULL, "malloc");
    for (size_t i = 0; i < 100000; i++) memcpy(text + 4 * i, "ab\r\n", 4);
    CHECK_INT(analyze(&doc, text, 400000, 0), SYRIA_OK);
    CHECK_INT(syria_doc_token_count(doc), 100000);
    CHECK_INT(syria_doc_sentence_count(doc), 100000);
    syria_doc_free(doc);
    free(text);
    CHECK(tu_now() - t0 < 120.0, "100,000 lines took %.1f s", tu_now() - t0);
}

static void test_direction_marks_only(void)
{
    /* RLM LRM ALM ZWJ ZWNJ LRE..RLO isolates BOM: one symbol token with an empty norm. */
    static const char marks[] = "\xe2\x80\x8f\xe2\x80\x8e\xd8\x9c\xe2\x80\x8d\xe2\x80\x8c\xe2\x80\xaa\xe2\x80\xab"
                                "\xe2\x80\xac\xe2\x80\xad\xe2\x80\xae\xe2\x81\xa6\xe2\x81\xa7\xe2\x81\xa8\xe2\x81\xa9\xef\xbb\xbf";
    syria_doc *doc = NULL;
    CHECK_INT(analyze(&doc, marks, sizeof marks - 1, 0), SYRIA_OK);
    check_doc(doc, sizeof marks - 1);
    CHECK_INT(syria_doc_token_count(doc), 1);
    const syria_token *t = syria_doc_token(doc, 0);
    CHECK(t && t->start == 0 && t->length == sizeof marks - 1 && t->kind == SYRIA_TOKEN_SYMBOL && t->norm[0] == 0,
          "marks token");
    syria_doc_free(doc);
    /* Marks separated by spaces: one token each. */
    CHECK_INT(analyze(&doc, "\xe2\x80\x8f \xe2\x80\x8e", 7, 0), SYRIA_OK);
    CHECK_INT(syria_doc_token_count(doc), 2);
    syria_doc_free(doc);
    char *norm = NULL;
    size_t nl = 99;
    CHECK_INT(syria_normalize(&norm, &nl, marks, sizeof marks - 1, SYRIA_NORM_DEFAULT), SYRIA_OK);
    CHECK(norm && nl == 0 && norm[0] == 0, "marks normalise to nothing");
    syria_free(norm);
    /* Marks glued to an Arabic word belong to it; its norm drops them. */
    CHECK_INT(analyze(&doc, "\xe2\x80\x8f\xd8\xb3\xd9\x88\xd8\xb1\xd9\x8a\xd8\xa7\xe2\x80\x8e", 16, 0), SYRIA_OK);
    CHECK_INT(syria_doc_token_count(doc), 1);
    if (syria_doc_token_count(doc) == 1) {
        CHECK_INT(syria_doc_token(doc, 0)->length, 16);
        CHECK_STR(syria_doc_token(doc, 0)->norm, "\xd8\xb3\xd9\x88\xd8\xb1\xd9\x8a\xd8\xa7");
    }
    syria_doc_free(doc);
}

static void test_mixed_scripts_and_emoji(void)
{
    static const char text[] = "\xd8\xb3\xd9\x88\xd8\xb1\xd9\x8a\xd8\xa7 \xf0\x9f\x87\xb8\xf0\x9f\x87\xbe abc "
                               "\xe4\xb8\xad\xe6\x96\x87 \xd0\x9c\xd0\xbe\xd1\x81\xd0\xba\xd0\xb2\xd0\xb0 "
                               "\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9 \xf0\x9f\x91\x8d\xf0\x9f\x8f\xbd "
                               "\xce\x91\xce\xb8\xce\xae\xce\xbd\xce\xb1 \xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d";
    static const struct {
        size_t start, len;
        int kind;
    } want[] = {{0, 10, SYRIA_TOKEN_WORD},  {11, 8, SYRIA_TOKEN_SYMBOL},  {20, 3, SYRIA_TOKEN_LATIN},
                {24, 6, SYRIA_TOKEN_LATIN}, {31, 12, SYRIA_TOKEN_LATIN},  {44, 11, SYRIA_TOKEN_SYMBOL},
                {56, 8, SYRIA_TOKEN_SYMBOL}, {65, 10, SYRIA_TOKEN_LATIN}, {76, 8, SYRIA_TOKEN_LATIN}};
    syria_doc *doc = NULL;
    CHECK_INT(analyze(&doc, text, sizeof text - 1, 0), SYRIA_OK);
    check_doc(doc, sizeof text - 1);
    CHECK_INT(syria_doc_token_count(doc), sizeof want / sizeof *want);
    for (size_t i = 0; i < sizeof want / sizeof *want && i < syria_doc_token_count(doc); i++) {
        const syria_token *t = syria_doc_token(doc, i);
        CHECK(t->start == want[i].start && t->length == want[i].len && t->kind == want[i].kind,
              "token %zu: [%zu,+%zu) %s", i, t->start, t->length, syria_token_kind_name(t->kind));
    }
    char *json = NULL;
    size_t jl = 0;
    CHECK_INT(syria_doc_to_json(&json, &jl, doc, 0), SYRIA_OK);
    CHECK(json && tu_utf8_valid(json, jl), "JSON");
    syria_free(json);
    syria_doc_free(doc);
}

/* ------------------------------------------------------------------ */
/* Big inputs: time and peak memory. */

/* A news-like Arabic line (with a number, Latin name and punctuation) repeated
 * to n bytes with spaces, no line break. */
static char *news_line(size_t n)
{
    static const char piece[] =
        "\xd9\x88\xd9\x82\xd8\xa7\xd9\x84 \xd9\x88\xd8\xb2\xd9\x8a\xd8\xb1 \xd8\xa7\xd9\x84\xd8\xae\xd8\xa7\xd8\xb1\xd8\xac\xd9\x8a\xd8\xa9 "
        "\xd9\x84\xd8\xa7\xd9\x81\xd8\xb1\xd9\x88\xd9\x81 \xd8\xa5\xd9\x86 \xd8\xb1\xd9\x88\xd8\xb3\xd9\x8a\xd8\xa7 "
        "\xd9\x88\xd8\xaa\xd8\xb1\xd9\x83\xd9\x8a\xd8\xa7 \xd8\xa7\xd8\xaa\xd9\x81\xd9\x82\xd8\xaa\xd8\xa7 "
        "\xd8\xb9\xd9\x84\xd9\x89 \xd9\x88\xd9\x82\xd9\x81 \xd8\xa5\xd8\xb7\xd9\x84\xd8\xa7\xd9\x82 "
        "\xd8\xa7\xd9\x84\xd9\x86\xd8\xa7\xd8\xb1 \xd9\x81\xd9\x8a \xd8\xa5\xd8\xaf\xd9\x84\xd8\xa8 "
        "\xd8\xa8\xd8\xaf\xd8\xa1\xd8\xa7\xd9\x8b \xd9\x85\xd9\x86 12 (Lavrov) \xd8\x8c "
        "\xd8\xa8\xd8\xad\xd8\xb3\xd8\xa8 \xc2\xab\xd8\xb3\xd8\xa7\xd9\x86\xd8\xa7\xc2\xbb. ";
    char *s = malloc(n + 1);
    if (!s) return NULL;
    size_t pl = sizeof piece - 1, i = 0;
    while (i + pl <= n) memcpy(s + i, piece, pl), i += pl;
    while (i < n) s[i++] = ' ';
    s[n] = 0;
    return s;
}

/* Analyses text[0..n) measuring the peak, checks it against factor, exports
 * JSON (when json_factor > 0) measuring that too. Returns the token count. */
static size_t big_case(const char *what, const char *text, size_t n, unsigned flags, double factor, double json_factor,
                       size_t *sentences)
{
    syria_doc *doc = NULL;
    double base = mem_begin();
    double t0 = tu_now();
    int rc = analyze(&doc, text, n, flags);
    double dt = tu_now() - t0;
    double peak = mem_peak_since(base);
    CHECK(rc == SYRIA_OK, "%s: %d %s", what, rc, syria_error_last());
    if (rc) return 0;
    check_mem(what, peak, n, factor);
    fprintf(stderr, " [%.2f s]", dt);
    size_t tokens = syria_doc_token_count(doc);
    if (sentences) *sentences = syria_doc_sentence_count(doc);
    if (json_factor > 0) {
        char *json = NULL;
        size_t jl = 0;
        base = mem_begin();
        CHECK_INT(syria_doc_to_json(&json, &jl, doc, 0), SYRIA_OK);
        peak = mem_peak_since(base);
        char label[96];
        snprintf(label, sizeof label, "%s, JSON export", what);
        check_mem(label, peak, n, json_factor);
        CHECK(json && jl > n && json[jl - 1] == '}', "%s: JSON of %zu bytes", what, jl);
        syria_free(json);
    }
    syria_doc_free(doc);
    return tokens;
}

static void test_50mb_single_line(void)
{
    size_t n = (size_t)50 * 1000 * 1000;
    char *text = news_line(n);
    REQUIRE(text != NULL, "malloc");
    size_t sentences = 0;
    double t0 = tu_now();
    /* The full pipeline, events included (extract_stage was superlinear on
     * one long line until 2026-11-23: 4 MB took 11.4 s). */
    size_t tokens = big_case("50 MB single line", text, n, 0, MEM_NEWS_FACTOR, MEM_JSON_FACTOR, &sentences);
    CHECK(tokens > n / 12 && tokens < n / 4, "%zu tokens", tokens);
    CHECK(sentences > 100000, "%zu sentences", sentences); /* the '.' ends each piece */
    /* A hang guard, not a speed target (bench/ measures speed): linear takes
     * 8 s in the release build and about a minute under ASan on a loaded
     * machine; a quadratic stage would take hours. */
    CHECK(tu_now() - t0 < 600.0, "50 MB took %.1f s", tu_now() - t0);
    free(text);
    /* And on a 1 MB line. */
    n = (size_t)1 << 20;
    text = news_line(n);
    REQUIRE(text != NULL, "malloc");
    t0 = tu_now();
    tokens = big_case("1 MB single line, full pipeline", text, n, 0, MEM_NEWS_FACTOR, MEM_JSON_FACTOR, NULL);
    CHECK(tokens > n / 12 && tokens < n / 4, "%zu tokens", tokens);
    CHECK(tu_now() - t0 < 120.0, "1 MB took %.1f s", tu_now() - t0);
    free(text);
}

static void test_1mb_single_word(void)
{
    size_t n = (size_t)1 << 20;
    char *text = malloc(n + 1);
    REQUIRE(text != NULL, "malloc");
    static const struct {
        const char *what, *unit;
        int kind;
    } words[] = {{"1 MB Arabic word", "\xd8\xb3", SYRIA_TOKEN_WORD},
                 {"1 MB Arabic word with tatweel", "\xd8\xb3\xd9\x80", SYRIA_TOKEN_WORD},
                 {"1 MB Latin word", "a", SYRIA_TOKEN_LATIN},
                 {"1 MB number", "7", SYRIA_TOKEN_NUMBER},
                 {"1 MB of dots", ".", SYRIA_TOKEN_PUNCT},
                 {"1 MB emoji run", "\xf0\x9f\x91\x8d\xf0\x9f\x8f\xbd", SYRIA_TOKEN_SYMBOL}};
    /* Glued emoji stay apart, each with its modifier: one token per 8 bytes. */
    for (size_t w = 0; w < sizeof words / sizeof *words; w++) {
        size_t ul = strlen(words[w].unit), len = n - n % ul;
        for (size_t i = 0; i < len; i += ul) memcpy(text + i, words[w].unit, ul);
        syria_doc *doc = NULL;
        double base = mem_begin(), t0 = tu_now();
        int rc = analyze(&doc, text, len, 0);
        double peak = mem_peak_since(base);
        CHECK(rc == SYRIA_OK, "%s: %s", words[w].what, syria_error_last());
        if (rc) continue;
        check_mem(words[w].what, peak, len, MEM_NEWS_FACTOR);
        CHECK(tu_now() - t0 < 80.0, "%s took %.1f s", words[w].what, tu_now() - t0);
        size_t want = words[w].kind == SYRIA_TOKEN_SYMBOL ? len / ul : 1;
        CHECK_INT(syria_doc_token_count(doc), want);
        const syria_token *t = syria_doc_token(doc, want - 1);
        CHECK(t && t->start == len - len / want && t->length == len / want && t->kind == words[w].kind,
              "%s: tokens of the kind", words[w].what);
        if (t && words[w].kind == SYRIA_TOKEN_WORD) {
            CHECK(strlen(t->norm) == n - n % 2 - (ul == 4 ? len / 2 : 0), "%s: norm length %zu", words[w].what, strlen(t->norm));
            CHECK_STR(t->prefix, "");
            CHECK_STR(t->suffix, "");
        }
        char *json = NULL;
        CHECK_INT(syria_doc_to_json(&json, NULL, doc, SYRIA_JSON_PRETTY), SYRIA_OK);
        syria_free(json);
        syria_doc_free(doc);
    }
    free(text);
}

static void test_one_letter_tokens(void)
{
    /* The worst case for memory per input byte: a record per two bytes. */
    size_t n = (size_t)2 << 20;
    char *text = malloc(n + 1);
    REQUIRE(text != NULL, "malloc");
    for (size_t i = 0; i < n; i += 2) text[i] = "a.,7!"[(i / 2) % 5], text[i + 1] = ' ';
    size_t tokens = big_case("2 MB of one-letter tokens", text, n, 0, MEM_WORST_FACTOR, 0, NULL);
    CHECK_INT(tokens, n / 2);
    free(text);
}

/* ------------------------------------------------------------------ */
/* Models: truncated, corrupted, missing. */

static unsigned char *read_default_model(size_t *len)
{
    return (unsigned char *)tu_read_file(SYRIA_DEFAULT_MODEL_PATH, len);
}

static void expect_model_rc(const char *what, const void *data, size_t len, int want)
{
    syria_model *m = (syria_model *)&m;
    int rc = syria_model_load_memory(&m, data, len);
    CHECK(rc == want, "%s: got %d (%s), expected %d", what, rc, syria_error_last(), want);
    CHECK(m == NULL || rc == SYRIA_OK, "%s: *out not NULL on failure", what);
    CHECK(rc == SYRIA_OK || syria_error_last_code() == want, "%s: last code %d", what, syria_error_last_code());
    syria_model_free(rc == SYRIA_OK ? m : NULL);
}

static void test_truncated_models(void)
{
    size_t len = 0;
    unsigned char *blob = read_default_model(&len);
    REQUIRE(blob != NULL && len > 4096, "cannot read %s", SYRIA_DEFAULT_MODEL_PATH);
    size_t cuts[] = {0, 1, 7, 8, 12, 16, 24, 31, 32, 33, 56, 100, 4096, len / 3, len / 2, len - 4096, len - 1};
    for (size_t k = 0; k < sizeof cuts / sizeof *cuts; k++) {
        char what[64];
        snprintf(what, sizeof what, "model cut to %zu of %zu bytes", cuts[k], len);
        expect_model_rc(what, blob, cuts[k], SYRIA_EMODEL);
    }
    /* The same through a file. */
    char path[512];
    snprintf(path, sizeof path, "%s/bad_input_model.smdl", SYRIA_TEST_TMPDIR);
    size_t file_cuts[] = {0, 31, len / 2, len - 1};
    for (size_t k = 0; k < sizeof file_cuts / sizeof *file_cuts; k++) {
        FILE *f = fopen(path, "wb");
        REQUIRE(f != NULL, "cannot write %s", path);
        CHECK_INT(fwrite(blob, 1, file_cuts[k], f), file_cuts[k]);
        fclose(f);
        syria_model *m = NULL;
        CHECK_INT(syria_model_load_file(&m, path), SYRIA_EMODEL);
        CHECK(m == NULL, "truncated file");
    }
    remove(path);
    free(blob);
}

static void test_corrupted_models(void)
{
    size_t len = 0;
    unsigned char *blob = read_default_model(&len);
    REQUIRE(blob != NULL && len > 4096, "cannot read the model");
    /* One flipped byte anywhere: the magic, version, counts, length,
     * checksum, section table, section data. Caught by the structure checks
     * or the checksum. */
    size_t at[] = {0, 7, 8, 12, 16, 24, 31, 32, 36, 40, 48, 55, 60, 100, 1000, len / 2, len - 1};
    for (size_t k = 0; k < sizeof at / sizeof *at; k++) {
        for (int bit = 0; bit < 8; bit += 7) {
            blob[at[k]] ^= (unsigned char)(1u << bit);
            char what[64];
            snprintf(what, sizeof what, "bit %d of byte %zu flipped", bit, at[k]);
            expect_model_rc(what, blob, len, SYRIA_EMODEL);
            blob[at[k]] ^= (unsigned char)(1u << bit);
        }
    }
    /* Appended garbage: the length no longer matches. */
    unsigned char *longer = malloc(len + 16);
    REQUIRE(longer != NULL, "malloc");
    memcpy(longer, blob, len);
    memset(longer + len, 0xAB, 16);
    expect_model_rc("16 bytes appended", longer, len + 16, SYRIA_EMODEL);
    free(longer);
    /* Not a model at all. */
    expect_model_rc("text", "hello, world", 12, SYRIA_EMODEL);
    static const unsigned char zeros[64] = {0};
    expect_model_rc("zeros", zeros, sizeof zeros, SYRIA_EMODEL);
    expect_model_rc("magic only", "SYRIAMDL", 8, SYRIA_EMODEL);
    /* The intact copy still loads (the flips were undone). */
    expect_model_rc("intact copy", blob, len, SYRIA_OK);
    free(blob);
}

static void test_model_files_missing(void)
{
    syria_model *m = (syria_model *)&m;
    CHECK_INT(syria_model_load_file(&m, "/nonexistent/libsyria/model.smdl"), SYRIA_EIO);
    CHECK(m == NULL, "missing file");
    CHECK_INT(syria_error_last_code(), SYRIA_EIO);
    m = (syria_model *)&m;
    CHECK_INT(syria_model_load_file(&m, SYRIA_TEST_TMPDIR), SYRIA_EIO); /* a directory */
    CHECK(m == NULL, "directory");
    CHECK_INT(syria_model_load_file(&m, ""), SYRIA_EIO);
}

/* ------------------------------------------------------------------ */
/* NULL and out-of-range arguments: every public function of syria.h. */

static void test_every_function_bad_arguments(void)
{
    /* Version and errors: no arguments, or any int. */
    CHECK_STR(syria_version(), "1.0.0");
    CHECK_INT(syria_version_number(), SYRIA_VERSION_NUMBER);
    static const int codes[] = {INT_MIN, -11, -100, 1, 2, INT_MAX};
    for (size_t k = 0; k < sizeof codes / sizeof *codes; k++) CHECK_STR(syria_strerror(codes[k]), "unknown error");
    for (int c = SYRIA_EINTERNAL; c <= SYRIA_OK; c++)
        CHECK(strcmp(syria_strerror(c), "unknown error") != 0, "code %d has a description", c);
    CHECK(syria_error_last() != NULL, "error_last never NULL");
    syria_free(NULL);

    /* syria_normalize */
    char *s = (char *)&s;
    size_t sl = 99;
    CHECK_INT(syria_normalize(NULL, &sl, "x", 1, 0), SYRIA_EINVAL);
    CHECK_INT(syria_error_last_code(), SYRIA_EINVAL);
    CHECK_INT(syria_normalize(&s, &sl, NULL, 1, 0), SYRIA_EINVAL);
    CHECK(s == NULL && sl == 0, "outputs cleared");
    CHECK_INT(syria_normalize(&s, NULL, NULL, 0, 0), SYRIA_EINVAL);
    CHECK_INT(syria_normalize(&s, &sl, "x", 1, 0x0800u), SYRIA_EINVAL);
    CHECK_INT(syria_normalize(&s, &sl, "x", 1, 0xFFFFFFFFu), SYRIA_EINVAL);
    CHECK(s == NULL, "no output on bad flags");
    CHECK_INT(syria_normalize(&s, NULL, "x", 1, 0x07ffu), SYRIA_OK); /* every known flag */
    syria_free(s);

    /* Models */
    CHECK_INT(syria_model_load_default(NULL), SYRIA_EINVAL);
    CHECK_INT(syria_model_load_file(NULL, SYRIA_DEFAULT_MODEL_PATH), SYRIA_EINVAL);
    syria_model *m = (syria_model *)&m;
    CHECK_INT(syria_model_load_file(&m, NULL), SYRIA_EINVAL);
    CHECK(m == NULL, "load_file out cleared");
    CHECK_INT(syria_model_load_memory(NULL, "x", 1), SYRIA_EINVAL);
    m = (syria_model *)&m;
    CHECK_INT(syria_model_load_memory(&m, NULL, 10), SYRIA_EINVAL);
    CHECK(m == NULL, "load_memory out cleared");
    CHECK_INT(syria_model_load_memory(&m, NULL, 0), SYRIA_EINVAL);
    CHECK_INT(syria_model_load_memory(&m, "x", 0), SYRIA_EMODEL);
    syria_model_free(NULL);
    CHECK_STR(syria_model_description(NULL), "");

    /* Names of enumerations: out of range is "unknown". */
    static const int ints[] = {-1, INT_MIN, INT_MAX, 10, 7, 3};
    for (size_t k = 0; k < sizeof ints / sizeof *ints; k++) {
        if (ints[k] >= 10 || ints[k] < 0) CHECK_STR(syria_token_kind_name(ints[k]), "unknown");
        if (ints[k] >= 7 || ints[k] < 0) CHECK_STR(syria_entity_type_name(ints[k]), "unknown");
        if (ints[k] >= 3 || ints[k] < 0) CHECK_STR(syria_event_status_name(ints[k]), "unknown");
    }
    CHECK_STR(syria_token_kind_name(SYRIA_TOKEN_SYMBOL), "symbol");
    CHECK_STR(syria_entity_type_name(SYRIA_ENTITY_MISC), "MISC");
    CHECK_STR(syria_event_status_name(SYRIA_STATUS_FUTURE), "future");

    /* syria_analyze */
    syria_doc *doc = (syria_doc *)&doc;
    syria_options o = SYRIA_OPTIONS_INIT;
    CHECK_INT(syria_analyze(NULL, model, "x", 1, NULL), SYRIA_EINVAL);
    CHECK_INT(syria_analyze(&doc, NULL, "x", 1, NULL), SYRIA_EINVAL);
    CHECK(doc == NULL, "analyze out cleared");
    CHECK_INT(syria_analyze(&doc, model, NULL, 1, NULL), SYRIA_EINVAL);
    CHECK_INT(syria_analyze(&doc, model, NULL, 0, NULL), SYRIA_EINVAL);
    CHECK_INT(syria_analyze(&doc, model, NULL, SYRIA_NUL_TERMINATED, NULL), SYRIA_EINVAL);
    static const unsigned versions[] = {0, SYRIA_OPTIONS_VERSION + 1, 0xFFFFFFFFu};
    for (size_t k = 0; k < sizeof versions / sizeof *versions; k++) {
        o = (syria_options)SYRIA_OPTIONS_INIT;
        o.version = versions[k];
        CHECK_INT(syria_analyze(&doc, model, "x", 1, &o), SYRIA_EINVAL);
    }
    o = (syria_options)SYRIA_OPTIONS_INIT;
    o.flags = 0x40000000u;
    CHECK_INT(syria_analyze(&doc, model, "x", 1, &o), SYRIA_EINVAL);
    o.flags = 0x80000000u;
    CHECK_INT(syria_analyze(&doc, model, "x", 1, &o), SYRIA_EINVAL);
    o = (syria_options)SYRIA_OPTIONS_INIT;
    o.norm_flags = 0x0800u;
    CHECK_INT(syria_analyze(&doc, model, "x", 1, &o), SYRIA_EINVAL);
    static const char *const dates[] = {"", "2020-2-18", "2020-02-30", "2019-02-29", "2020-13-01", "2020-00-10",
                                        "2020-01-00", "20200218", "2020-02-18T00", "abcd-ef-gh", "2020/02/18",
                                        "\xd9\xa2\xd9\xa0\xd9\xa2\xd9\xa0-02-18", NULL};
    for (const char *const *d = dates; *d; d++) {
        o = (syria_options)SYRIA_OPTIONS_INIT;
        o.doc_date = *d;
        doc = (syria_doc *)&doc;
        CHECK(syria_analyze(&doc, model, "x", 1, &o) == SYRIA_EDATE, "date \"%s\" accepted", *d);
        CHECK(doc == NULL, "date: out cleared");
    }
    o = (syria_options)SYRIA_OPTIONS_INIT;
    o.doc_date = "2000-02-29"; /* a leap day */
    CHECK_INT(syria_analyze(&doc, model, "x", 1, &o), SYRIA_OK);
    syria_doc_free(doc);
    /* Sizes beyond the limit are refused before the text is read. */
    CHECK_INT(syria_analyze(&doc, model, "x", SYRIA_MAX_TEXT + 1, NULL), SYRIA_ETOOBIG);
    CHECK_INT(syria_analyze(&doc, model, "x", SYRIA_NUL_TERMINATED - 1, NULL), SYRIA_ETOOBIG);
    CHECK(doc == NULL, "too big: out cleared");

    /* Documents: NULL everywhere. */
    syria_doc_free(NULL);
    size_t len = 99;
    CHECK_STR(syria_doc_text(NULL, &len), "");
    CHECK_INT(len, 0);
    CHECK_STR(syria_doc_text(NULL, NULL), "");
    CHECK_STR(syria_doc_name(NULL), "");
    CHECK_STR(syria_doc_date(NULL), "");
    CHECK_INT(syria_doc_sentence_count(NULL), 0);
    CHECK_INT(syria_doc_token_count(NULL), 0);
    CHECK_INT(syria_doc_entity_count(NULL), 0);
    CHECK_INT(syria_doc_event_count(NULL), 0);
    CHECK(syria_doc_sentence(NULL, 0) == NULL && syria_error_last_code() == SYRIA_EINVAL, "sentence of NULL");
    CHECK(syria_doc_token(NULL, 0) == NULL && syria_error_last_code() == SYRIA_EINVAL, "token of NULL");
    CHECK(syria_doc_entity(NULL, 0) == NULL && syria_error_last_code() == SYRIA_EINVAL, "entity of NULL");
    CHECK(syria_doc_event(NULL, 0) == NULL && syria_error_last_code() == SYRIA_EINVAL, "event of NULL");
    char *json = (char *)&json;
    size_t jl = 99;
    CHECK_INT(syria_doc_to_json(NULL, &jl, NULL, 0), SYRIA_EINVAL);
    CHECK_INT(syria_doc_to_json(&json, &jl, NULL, 0), SYRIA_EINVAL);
    CHECK(json == NULL && jl == 0, "to_json outputs cleared");

    /* Documents: indices out of range, including SIZE_MAX. */
    CHECK_INT(analyze(&doc, "\xd9\x88\xd8\xb1\xd9\x88\xd8\xb3\xd9\x8a\xd8\xa7 x.", 15, 0), SYRIA_OK);
    REQUIRE(doc != NULL, "doc");
    CHECK_STR(syria_doc_text(doc, NULL), "\xd9\x88\xd8\xb1\xd9\x88\xd8\xb3\xd9\x8a\xd8\xa7 x.");
    size_t nt = syria_doc_token_count(doc), ns = syria_doc_sentence_count(doc);
    size_t ne = syria_doc_entity_count(doc), nv = syria_doc_event_count(doc);
    CHECK_INT(nt, 3);
    CHECK_INT(ns, 1);
    size_t idx[] = {nt, nt + 1, SIZE_MAX, SIZE_MAX / 2};
    for (size_t k = 0; k < sizeof idx / sizeof *idx; k++) {
        CHECK(syria_doc_token(doc, idx[k]) == NULL && syria_error_last_code() == SYRIA_ERANGE, "token %zu", idx[k]);
        CHECK(syria_doc_sentence(doc, idx[k] - nt + ns) == NULL && syria_error_last_code() == SYRIA_ERANGE,
              "sentence");
        CHECK(syria_doc_entity(doc, idx[k] - nt + ne) == NULL && syria_error_last_code() == SYRIA_ERANGE, "entity");
        CHECK(syria_doc_event(doc, idx[k] - nt + nv) == NULL && syria_error_last_code() == SYRIA_ERANGE, "event");
    }
    CHECK(syria_doc_token(doc, nt - 1) != NULL && syria_doc_sentence(doc, ns - 1) != NULL, "last in range");
    CHECK_INT(syria_doc_to_json(NULL, NULL, doc, 0), SYRIA_EINVAL);
    json = (char *)&json;
    CHECK_INT(syria_doc_to_json(&json, NULL, doc, 0x0004u), SYRIA_EINVAL);
    CHECK(json == NULL, "to_json bad flags: out cleared");
    CHECK_INT(syria_doc_to_json(&json, NULL, doc, 0xFFFFFFFFu), SYRIA_EINVAL);
    CHECK_INT(syria_doc_to_json(&json, NULL, doc, SYRIA_JSON_PRETTY | SYRIA_JSON_NO_TOKENS), SYRIA_OK);
    syria_free(json);
    syria_doc_free(doc);
}

int main(void)
{
    if (tu_load_default_model(&model)) return 1;
    static const tu_test tests[] = {{"invalid UTF-8, strict", test_invalid_utf8_strict},
                                    {"invalid UTF-8, replaced", test_invalid_utf8_replaced},
                                    {"NUL bytes", test_nul_bytes},
                                    {"empty and blank input", test_empty_and_blank},
                                    {"100,000 empty lines", test_empty_lines},
                                    {"only direction marks", test_direction_marks_only},
                                    {"mixed scripts and emoji", test_mixed_scripts_and_emoji},
                                    {"50 MB single line", test_50mb_single_line},
                                    {"1 MB single word", test_1mb_single_word},
                                    {"one-letter tokens", test_one_letter_tokens},
                                    {"truncated models", test_truncated_models},
                                    {"corrupted models", test_corrupted_models},
                                    {"missing model files", test_model_files_missing},
                                    {"every function, bad arguments", test_every_function_bad_arguments},
                                    {NULL, NULL}};
    int rc = tu_run("bad input", tests);
    syria_model_free(model);
    return rc;
}
