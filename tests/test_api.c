/* The public API's contract: misuse, bad input, limits, ownership, errors. */
#define _POSIX_C_SOURCE 200809L
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "support/default_model.h"
#include "support/testutil.h"
#include "syria/syria.h"

static syria_model *model;

#define RUSSIA "\xd8\xb1\xd9\x88\xd8\xb3\xd9\x8a\xd8\xa7"            /* روسيا */
#define AND_TURKEY "\xd9\x88\xd8\xaa\xd8\xb1\xd9\x83\xd9\x8a\xd8\xa7" /* وتركيا */

static void check_coverage(const syria_doc *doc, const char *what)
{
    size_t n = syria_doc_token_count(doc), len;
    const char *text = syria_doc_text(doc, &len);
    size_t *st = calloc(n + 1, sizeof *st), *ln = calloc(n + 1, sizeof *ln);
    REQUIRE(st && ln, "out of memory");
    for (size_t k = 0; k < n; k++) {
        st[k] = syria_doc_token(doc, k)->start;
        ln[k] = syria_doc_token(doc, k)->length;
    }
    char msg[256];
    CHECK(tu_check_coverage(text, len, st, ln, n, msg, sizeof msg), "%s: %s", what, msg);
    free(st);
    free(ln);
}

static void test_null_arguments(void)
{
    syria_doc *doc = (syria_doc *)(uintptr_t)1;
    CHECK_INT(syria_analyze(NULL, model, "a", 1, NULL), SYRIA_EINVAL);
    CHECK(syria_error_last()[0] != '\0', "no message for a NULL out");
    CHECK_INT(syria_error_last_code(), SYRIA_EINVAL);
    CHECK_INT(syria_analyze(&doc, NULL, "a", 1, NULL), SYRIA_EINVAL);
    CHECK(doc == NULL, "*out not NULL after a failure");
    CHECK(strstr(syria_error_last(), "model") != NULL, "message \"%s\" does not name the model", syria_error_last());
    doc = (syria_doc *)(uintptr_t)1;
    CHECK_INT(syria_analyze(&doc, model, NULL, 1, NULL), SYRIA_EINVAL);
    CHECK(doc == NULL, "*out not NULL after a failure");
    CHECK(strstr(syria_error_last(), "text") != NULL, "message \"%s\" does not name the text", syria_error_last());
    CHECK_INT(syria_analyze(&doc, model, NULL, 0, NULL), SYRIA_EINVAL);
}

static void test_options(void)
{
    syria_doc *doc = NULL;
    syria_options opt = SYRIA_OPTIONS_INIT;
    unsigned versions[] = {0, 2, 99, UINT_MAX};
    for (size_t k = 0; k < 4; k++) {
        opt.version = versions[k];
        CHECK(syria_analyze(&doc, model, "a", 1, &opt) == SYRIA_EINVAL, "options version %u accepted", versions[k]);
        CHECK(syria_error_last()[0] != '\0', "no message");
    }
    opt.version = SYRIA_OPTIONS_VERSION;
    unsigned flags[] = {0x20u, 0x100u, 0x80000000u};
    for (size_t k = 0; k < 3; k++) {
        opt.flags = flags[k];
        CHECK(syria_analyze(&doc, model, "a", 1, &opt) == SYRIA_EINVAL, "option flags 0x%x accepted", flags[k]);
    }
    opt.flags = 0;
    unsigned norm_flags[] = {0x800u, 0x10000u, 0x80000000u};
    for (size_t k = 0; k < 3; k++) {
        opt.norm_flags = norm_flags[k];
        CHECK(syria_analyze(&doc, model, "a", 1, &opt) == SYRIA_EINVAL, "norm flags 0x%x accepted", norm_flags[k]);
    }
    /* Every known flag is accepted. */
    opt.flags = SYRIA_OPT_REPLACE_INVALID | SYRIA_OPT_NO_CLITICS;
    opt.norm_flags = 0x07ffu;
    REQUIRE(syria_analyze(&doc, model, "A " RUSSIA, SYRIA_NUL_TERMINATED, &opt) == SYRIA_OK, "%s", syria_error_last());
    CHECK_STR(syria_doc_token(doc, 0)->norm, "a"); /* user norm flags apply to norms */
    syria_doc_free(doc);
}

/* Every kind of invalid UTF-8. */
static const struct {
    const char *bytes;
    const char *what;
} invalid[] = {
    {"\xc0\x80", "overlong C0 80"},
    {"\xc1\xbf", "overlong C1 BF"},
    {"\xe0\x80\x80", "overlong E0 80 80"},
    {"\xe0\x9f\xbf", "overlong E0 9F BF"},
    {"\xf0\x80\x80\x80", "overlong F0 80 80 80"},
    {"\xf0\x8f\xbf\xbf", "overlong F0 8F BF BF"},
    {"\xed\xa0\x80", "surrogate ED A0 80"},
    {"\xed\xbf\xbf", "surrogate ED BF BF"},
    {"\xf4\x90\x80\x80", "above U+10FFFF F4 90 80 80"},
    {"\xf5\x80\x80\x80", "lead F5"},
    {RUSSIA "\xd8", "truncated 2-byte at the end"},
    {"abc\xe2\x80", "truncated 3-byte at the end"},
    {"abc\xf0\x9f\x98", "truncated 4-byte at the end"},
    {"\xd8 " RUSSIA, "truncated 2-byte before a space"},
    {RUSSIA "\xd9\n" AND_TURKEY, "truncated 2-byte before a line break"},
    {"\xd9\x85\xd8\xd9\x85", "truncated 2-byte before a lead byte"},
    {"ab\xe2\x80 cd", "truncated 3-byte in the middle"},
    {"ab\xf0\x9f\x98 cd", "truncated 4-byte in the middle"},
    {"\x80", "stray continuation"},
    {"ab\xbf" "cd", "stray continuation in the middle"},
    {"\xd9\x85\x80", "extra continuation after a letter"},
    {"\xff", "lone FF"},
    {"\xfe", "lone FE"},
    {RUSSIA " \xff\xfe " AND_TURKEY, "FF FE between words"},
};
#define N_INVALID (sizeof invalid / sizeof *invalid)

static void test_invalid_utf8(void)
{
    for (size_t k = 0; k < N_INVALID; k++) {
        syria_doc *doc = (syria_doc *)(uintptr_t)1;
        int rc = syria_analyze(&doc, model, invalid[k].bytes, strlen(invalid[k].bytes), NULL);
        CHECK(rc == SYRIA_EUTF8, "%s: got %d, expected SYRIA_EUTF8", invalid[k].what, rc);
        CHECK(syria_error_last_code() == SYRIA_EUTF8, "%s: last code %d", invalid[k].what, syria_error_last_code());
        CHECK(doc == NULL, "%s: *out not NULL", invalid[k].what);
        CHECK(syria_error_last()[0] != '\0', "%s: no message", invalid[k].what);
        if (rc == SYRIA_OK) syria_doc_free(doc);
        /* Embedded in a longer valid text, too. */
        char buf[256];
        snprintf(buf, sizeof buf, RUSSIA " %s " AND_TURKEY, invalid[k].bytes);
        CHECK(syria_analyze(&doc, model, buf, strlen(buf), NULL) == SYRIA_EUTF8, "%s (embedded) accepted", invalid[k].what);
        char *out = NULL;
        CHECK(syria_normalize(&out, NULL, buf, strlen(buf), SYRIA_NORM_DEFAULT) == SYRIA_EUTF8,
              "%s: syria_normalize accepted it", invalid[k].what);
    }
}

static void test_nul_byte(void)
{
    syria_doc *doc = (syria_doc *)(uintptr_t)1;
    CHECK_INT(syria_analyze(&doc, model, RUSSIA "\0" AND_TURKEY, 10 + 1 + 12, NULL), SYRIA_ENUL);
    CHECK(doc == NULL, "*out not NULL");
    CHECK_INT(syria_error_last_code(), SYRIA_ENUL);
    CHECK_INT(syria_analyze(&doc, model, "\0", 1, NULL), SYRIA_ENUL);
    CHECK_INT(syria_analyze(&doc, model, "abc\0", 4, NULL), SYRIA_ENUL);
}

static void test_replace_invalid(void)
{
    syria_options opt = SYRIA_OPTIONS_INIT;
    opt.flags = SYRIA_OPT_REPLACE_INVALID;
    for (size_t k = 0; k < N_INVALID + 2; k++) {
        const char *bytes = k < N_INVALID ? invalid[k].bytes : k == N_INVALID ? "a\0b" : RUSSIA "\0\0 " AND_TURKEY;
        size_t len = k < N_INVALID ? strlen(bytes) : k == N_INVALID ? 3 : 10 + 3 + 12;
        const char *what = k < N_INVALID ? invalid[k].what : "NUL bytes";
        syria_doc *doc = NULL;
        int rc = syria_analyze(&doc, model, bytes, len, &opt);
        CHECK(rc == SYRIA_OK, "%s: %d %s", what, rc, syria_error_last());
        if (rc) continue;
        CHECK(syria_doc_token_count(doc) > 0, "%s: no tokens", what);
        check_coverage(doc, what);
        int replaced = 0;
        for (size_t t = 0; t < syria_doc_token_count(doc); t++) {
            const char *norm = syria_doc_token(doc, t)->norm;
            CHECK(tu_utf8_valid(norm, strlen(norm)), "%s: token %zu norm is not valid UTF-8", what, t);
            replaced |= strstr(norm, "\xef\xbf\xbd") != NULL;
        }
        CHECK(replaced, "%s: no U+FFFD in any norm", what);
        CHECK(syria_doc_sentence_count(doc) > 0, "%s: no sentence", what);
        syria_doc_free(doc);
    }
}

static void test_empty_and_lengths(void)
{
    syria_doc *doc = NULL;
    REQUIRE(syria_analyze(&doc, model, "", 0, NULL) == SYRIA_OK, "%s", syria_error_last());
    CHECK_INT(syria_doc_token_count(doc), 0);
    CHECK_INT(syria_doc_sentence_count(doc), 0);
    size_t len = 99;
    CHECK_STR(syria_doc_text(doc, &len), "");
    CHECK_INT(len, 0);
    syria_doc_free(doc);
    REQUIRE(syria_analyze(&doc, model, "", SYRIA_NUL_TERMINATED, NULL) == SYRIA_OK, "%s", syria_error_last());
    CHECK_INT(syria_doc_token_count(doc), 0);
    syria_doc_free(doc);
    /* A zero length with a non-empty buffer reads nothing. */
    REQUIRE(syria_analyze(&doc, model, RUSSIA, 0, NULL) == SYRIA_OK, "%s", syria_error_last());
    CHECK_INT(syria_doc_token_count(doc), 0);
    syria_doc_free(doc);

    /* SYRIA_NUL_TERMINATED means strlen; an explicit length stops early. */
    REQUIRE(syria_analyze(&doc, model, RUSSIA " " AND_TURKEY, SYRIA_NUL_TERMINATED, NULL) == SYRIA_OK, "%s", syria_error_last());
    CHECK_INT(syria_doc_token_count(doc), 2);
    syria_doc_text(doc, &len);
    CHECK_INT(len, strlen(RUSSIA " " AND_TURKEY));
    syria_doc_free(doc);
    REQUIRE(syria_analyze(&doc, model, RUSSIA " " AND_TURKEY, 10, NULL) == SYRIA_OK, "%s", syria_error_last());
    CHECK_INT(syria_doc_token_count(doc), 1);
    CHECK_STR(syria_doc_text(doc, NULL), RUSSIA);
    syria_doc_free(doc);
}

static void test_too_big(void)
{
    /* Refused on the length alone: the buffer is never read. */
    syria_doc *doc = (syria_doc *)(uintptr_t)1;
    CHECK_INT(syria_analyze(&doc, model, "abc", SYRIA_MAX_TEXT + (size_t)1, NULL), SYRIA_ETOOBIG);
    CHECK_INT(syria_error_last_code(), SYRIA_ETOOBIG);
    CHECK(doc == NULL, "*out not NULL");
}

static void test_dates(void)
{
    const char *bad[] = {"2020-02-30", "2021-02-29", "2020-13-01", "2020-1-01", "", "1900-02-29", "2020-00-10",
                         "2020-04-31", "2020-01-00", "2020-02-18x", "2020/02/18", " 2020-02-18", "20-02-2020", "garbage"};
    syria_options opt = SYRIA_OPTIONS_INIT;
    for (size_t k = 0; k < sizeof bad / sizeof *bad; k++) {
        syria_doc *doc = (syria_doc *)(uintptr_t)1;
        opt.doc_date = bad[k];
        int rc = syria_analyze(&doc, model, RUSSIA, SYRIA_NUL_TERMINATED, &opt);
        CHECK(rc == SYRIA_EDATE, "date \"%s\": got %d, expected SYRIA_EDATE", bad[k], rc);
        CHECK_INT(syria_error_last_code(), SYRIA_EDATE);
        CHECK(doc == NULL, "date \"%s\": *out not NULL", bad[k]);
        if (rc == SYRIA_OK) syria_doc_free(doc);
    }
    CHECK(syria_error_last()[0] != '\0', "no message");
    const char *good[] = {"2020-02-29", "2000-02-29", "2024-12-31", "2020-02-18"};
    for (size_t k = 0; k < sizeof good / sizeof *good; k++) {
        syria_doc *doc = NULL;
        opt.doc_date = good[k];
        int rc = syria_analyze(&doc, model, RUSSIA, SYRIA_NUL_TERMINATED, &opt);
        CHECK(rc == SYRIA_OK, "date \"%s\": %d %s", good[k], rc, syria_error_last());
        if (rc) continue;
        CHECK_STR(syria_doc_date(doc), good[k]);
        syria_doc_free(doc);
    }
    /* No date: "" (exported as null). */
    syria_doc *doc = NULL;
    REQUIRE(syria_analyze(&doc, model, RUSSIA, SYRIA_NUL_TERMINATED, NULL) == SYRIA_OK, "%s", syria_error_last());
    CHECK_STR(syria_doc_date(doc), "");
    CHECK_STR(syria_doc_name(doc), "");
    syria_doc_free(doc);
}

static void test_getters_out_of_range(void)
{
    syria_doc *doc = NULL;
    REQUIRE(syria_analyze(&doc, model, RUSSIA " " AND_TURKEY ".", SYRIA_NUL_TERMINATED, NULL) == SYRIA_OK, "%s",
            syria_error_last());
    size_t nt = syria_doc_token_count(doc), ns = syria_doc_sentence_count(doc);
    CHECK_INT(nt, 3);
    CHECK_INT(ns, 1);
    CHECK(syria_doc_token(doc, nt - 1) != NULL && syria_doc_sentence(doc, ns - 1) != NULL, "last records missing");
    struct {
        const void *p;
        const char *what;
    } calls[8];
    size_t n = 0;
#define OUT_OF_RANGE(expr)                                                        \
    do {                                                                          \
        syria_doc *tmp_ = NULL;                                                   \
        syria_analyze(&tmp_, NULL, "", 0, NULL); /* leaves another message */     \
        calls[n].p = (expr);                                                      \
        calls[n].what = #expr;                                                    \
        CHECK(strstr(syria_error_last(), "range") != NULL, "%s: last error \"%s\"", #expr, syria_error_last()); \
        CHECK(syria_error_last_code() == SYRIA_ERANGE, "%s: last code %d, expected SYRIA_ERANGE", #expr, syria_error_last_code()); \
        n++;                                                                      \
    } while (0)
    OUT_OF_RANGE(syria_doc_token(doc, nt));
    OUT_OF_RANGE(syria_doc_token(doc, SIZE_MAX));
    OUT_OF_RANGE(syria_doc_sentence(doc, ns));
    OUT_OF_RANGE(syria_doc_sentence(doc, SIZE_MAX));
    OUT_OF_RANGE(syria_doc_entity(doc, syria_doc_entity_count(doc)));
    OUT_OF_RANGE(syria_doc_event(doc, syria_doc_event_count(doc)));
#undef OUT_OF_RANGE
    for (size_t k = 0; k < n; k++) CHECK(calls[k].p == NULL, "%s is not NULL", calls[k].what);
    syria_doc_free(doc);
}

static void test_null_document(void)
{
    CHECK_INT(syria_doc_token_count(NULL), 0);
    CHECK_INT(syria_doc_sentence_count(NULL), 0);
    CHECK_INT(syria_doc_entity_count(NULL), 0);
    CHECK_INT(syria_doc_event_count(NULL), 0);
    CHECK(syria_doc_token(NULL, 0) == NULL, "token of NULL");
    CHECK(syria_doc_sentence(NULL, 0) == NULL, "sentence of NULL");
    CHECK(syria_doc_entity(NULL, 0) == NULL, "entity of NULL");
    CHECK(syria_doc_event(NULL, 0) == NULL, "event of NULL");
    size_t len = 99;
    const char *t = syria_doc_text(NULL, &len);
    CHECK((t == NULL || t[0] == 0) && len == 0, "text of NULL: %p, len %zu", (const void *)t, len);
    const char *name = syria_doc_name(NULL), *date = syria_doc_date(NULL);
    CHECK(name == NULL || name[0] == 0, "name of NULL");
    CHECK(date == NULL || date[0] == 0, "date of NULL");
    const char *d = syria_model_description(NULL);
    CHECK(d == NULL || d[0] == 0, "description of NULL");
    syria_doc_free(NULL);
    syria_free(NULL);
    syria_model_free(NULL);
}

static void test_strerror(void)
{
    int codes[] = {SYRIA_OK, SYRIA_EINVAL, SYRIA_ENOMEM, SYRIA_EUTF8, SYRIA_ENUL, SYRIA_EMODEL,
                   SYRIA_EIO, SYRIA_ERANGE, SYRIA_EDATE, SYRIA_ETOOBIG, SYRIA_EINTERNAL};
    size_t n = sizeof codes / sizeof *codes;
    const char *unknown = syria_strerror(-9999);
    CHECK(unknown && strcmp(unknown, "unknown error") == 0, "unknown code gives \"%s\"", unknown ? unknown : "(null)");
    for (size_t k = 0; k < n; k++) {
        const char *s = syria_strerror(codes[k]);
        CHECK(s && s[0] && strcmp(s, unknown) != 0, "code %d: \"%s\"", codes[k], s ? s : "(null)");
        for (size_t j = 0; j < k; j++)
            CHECK(s && strcmp(s, syria_strerror(codes[j])) != 0, "codes %d and %d share \"%s\"", codes[k], codes[j], s);
    }
    int odd[] = {1, -11, 42, INT_MIN, INT_MAX};
    for (size_t k = 0; k < 5; k++) CHECK_STR(syria_strerror(odd[k]), "unknown error");
}

static void *error_in_thread(void *arg)
{
    const char *e = syria_error_last();
    *(int *)arg = e != NULL && e[0] == '\0' && syria_error_last_code() == SYRIA_OK;
    return NULL;
}

static void test_error_last(void)
{
    CHECK(syria_error_last() != NULL, "NULL");
    syria_doc *doc = NULL;
    syria_analyze(&doc, model, "\xff", 1, NULL);
    const char *e = syria_error_last();
    CHECK(e != NULL && strstr(e, "UTF-8") != NULL, "message \"%s\"", e ? e : "(null)");
    CHECK_INT(syria_error_last_code(), SYRIA_EUTF8);
    /* Thread-local: a new thread has seen no failure yet. */
    pthread_t th;
    int fresh = 0;
    REQUIRE(pthread_create(&th, NULL, error_in_thread, &fresh) == 0, "pthread_create");
    pthread_join(th, NULL);
    CHECK(fresh, "a new thread does not start with an empty message and SYRIA_OK");
    CHECK(strstr(syria_error_last(), "UTF-8") != NULL, "this thread's message was changed by another");
    CHECK_INT(syria_error_last_code(), SYRIA_EUTF8);
    /* A success does not clear the last failure. */
    syria_doc *ok = NULL;
    REQUIRE(syria_analyze(&ok, model, "a", 1, NULL) == SYRIA_OK, "%s", syria_error_last());
    syria_doc_free(ok);
    CHECK_INT(syria_error_last_code(), SYRIA_EUTF8);
}

static void test_version(void)
{
    char expected[64];
    snprintf(expected, sizeof expected, "%d.%d.%d", SYRIA_VERSION_MAJOR, SYRIA_VERSION_MINOR, SYRIA_VERSION_PATCH);
    CHECK_STR(syria_version(), expected);
    CHECK_INT(syria_version_number(), SYRIA_VERSION_NUMBER);
    CHECK_INT(SYRIA_VERSION_NUMBER, SYRIA_VERSION_MAJOR * 10000 + SYRIA_VERSION_MINOR * 100 + SYRIA_VERSION_PATCH);
}

static void test_names(void)
{
    const char *kinds[] = {"word", "latin", "number", "punct", "url", "email", "hashtag", "mention", "file", "symbol"};
    for (int k = 0; k < 10; k++) CHECK_STR(syria_token_kind_name(k), kinds[k]);
    CHECK_INT(SYRIA_TOKEN_SYMBOL, 9);
    const char *types[] = {"PER", "ORG", "GPE", "LOC", "NORP", "DATE", "MISC"};
    for (int k = 0; k < 7; k++) CHECK_STR(syria_entity_type_name(k), types[k]);
    const char *statuses[] = {"asserted", "negated", "future"};
    for (int k = 0; k < 3; k++) CHECK_STR(syria_event_status_name(k), statuses[k]);
    int bad[] = {-1, INT_MIN, INT_MAX, 100};
    for (int k = 0; k < 4; k++) {
        CHECK_STR(syria_token_kind_name(bad[k]), "unknown");
        CHECK_STR(syria_entity_type_name(bad[k]), "unknown");
        CHECK_STR(syria_event_status_name(bad[k]), "unknown");
    }
    CHECK_STR(syria_token_kind_name(10), "unknown");
    CHECK_STR(syria_entity_type_name(7), "unknown");
    CHECK_STR(syria_event_status_name(3), "unknown");
}

/* Runs fn in a child process with a deadline, so that a library that is
 * too slow fails this check instead of hanging the suite. fn returns 0 when
 * its own checks pass (it prints why not). */
static void run_with_deadline(int (*fn)(void), double seconds, const char *what)
{
    fflush(NULL);
    pid_t pid = fork();
    REQUIRE(pid >= 0, "fork failed");
    if (pid == 0) _exit(fn());
    double t0 = tu_now();
    int status = 0;
    pid_t done = 0;
    while ((done = waitpid(pid, &status, WNOHANG)) == 0 && tu_now() - t0 < seconds) {
        struct timespec ts = {0, 5000000};
        nanosleep(&ts, NULL);
    }
    if (done == 0) {
        kill(pid, SIGKILL);
        waitpid(pid, &status, 0);
        CHECK(0, "%s: not done after %.0f s (killed)", what, seconds);
        return;
    }
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "%s: failed (status 0x%x) after %.2f s", what, status, tu_now() - t0);
    printf("(%s: %.2f s) ", what, tu_now() - t0);
}

#define CHILD_CHECK(cond, ...)                                               \
    do {                                                                     \
        if (!(cond)) {                                                       \
            fprintf(stderr, "\n    FAILED %s:%d: ", __FILE__, __LINE__);      \
            fprintf(stderr, __VA_ARGS__);                                    \
            fputc('\n', stderr);                                             \
            return 1;                                                        \
        }                                                                    \
    } while (0)

static int child_coverage(const syria_doc *doc)
{
    size_t n = syria_doc_token_count(doc), len;
    const char *text = syria_doc_text(doc, &len);
    size_t *st = calloc(n + 1, sizeof *st), *ln = calloc(n + 1, sizeof *ln);
    CHILD_CHECK(st && ln, "out of memory");
    for (size_t k = 0; k < n; k++) {
        st[k] = syria_doc_token(doc, k)->start;
        ln[k] = syria_doc_token(doc, k)->length;
    }
    char msg[256];
    int ok = tu_check_coverage(text, len, st, ln, n, msg, sizeof msg);
    free(st);
    free(ln);
    CHILD_CHECK(ok, "%s", msg);
    return 0;
}

/* 5 MB of news-like text on a single line (no line break at all). */
static int five_mb_line(void)
{
    const char unit[] = RUSSIA " " AND_TURKEY " 3.5\xd8\x8c \xd8\xa8\xd8\xa7\xd9\x84\xd9\x85\xd9\x86\xd8\xb7\xd9\x82\xd8\xa9. ";
    size_t ul = sizeof unit - 1, target = 5u << 20, n = 0;
    char *big = malloc(target + ul + 1);
    CHILD_CHECK(big != NULL, "out of memory");
    while (n < target) {
        memcpy(big + n, unit, ul);
        n += ul;
    }
    big[n] = '\0';
    syria_doc *doc = NULL;
    int rc = syria_analyze(&doc, model, big, n, NULL);
    CHILD_CHECK(rc == SYRIA_OK, "5 MB line: %d %s", rc, syria_error_last());
    CHILD_CHECK(syria_doc_token_count(doc) == 6 * (n / ul), "%zu tokens, expected %zu", syria_doc_token_count(doc), 6 * (n / ul));
    CHILD_CHECK(syria_doc_sentence_count(doc) == n / ul, "%zu sentences, expected %zu", syria_doc_sentence_count(doc), n / ul);
    if (child_coverage(doc)) return 1;
    char *json = NULL;
    CHILD_CHECK(syria_doc_to_json(&json, NULL, doc, 0) == SYRIA_OK, "export: %s", syria_error_last());
    syria_free(json);
    syria_doc_free(doc);
    free(big);
    return 0;
}

/* A long hyphenated ASCII run ("ab-ab-ab-...", like a URL slug without a
 * scheme): 1.5 MB must take time linear in its length. The scanner was once
 * quadratic here (minutes); linear takes about a second in the release
 * build and a few under ASan, so the deadline below is a hang guard with
 * room for a loaded machine and sanitizers, not a speed target (that is
 * bench/'s job). */
static int long_ascii_run(void)
{
    size_t reps = 500000;
    char *s = malloc(3 * reps + 1);
    CHILD_CHECK(s != NULL, "out of memory");
    for (size_t k = 0; k < reps; k++) memcpy(s + 3 * k, "ab-", 3);
    s[3 * reps] = '\0';
    syria_doc *doc = NULL;
    int rc = syria_analyze(&doc, model, s, 3 * reps, NULL);
    CHILD_CHECK(rc == SYRIA_OK, "%s", syria_error_last());
    CHILD_CHECK(syria_doc_token_count(doc) == 2 * reps, "%zu tokens, expected %zu", syria_doc_token_count(doc), 2 * reps);
    syria_doc_free(doc);
    free(s);
    return 0;
}

static void test_large_inputs(void)
{
    /* A linear implementation takes about a second; allow twenty (sanitizer builds). */
    run_with_deadline(five_mb_line, 120.0, "5 MB single line");

    /* 100,000 empty lines; then with one word after them. */
    syria_doc *doc = NULL;
    size_t lines = 100000;
    char *nl = malloc(lines + 16);
    REQUIRE(nl != NULL, "out of memory");
    memset(nl, '\n', lines);
    REQUIRE(syria_analyze(&doc, model, nl, lines, NULL) == SYRIA_OK, "%s", syria_error_last());
    CHECK_INT(syria_doc_token_count(doc), 0);
    CHECK_INT(syria_doc_sentence_count(doc), 0);
    syria_doc_free(doc);
    memcpy(nl + lines, RUSSIA, 10);
    REQUIRE(syria_analyze(&doc, model, nl, lines + 10, NULL) == SYRIA_OK, "%s", syria_error_last());
    CHECK_INT(syria_doc_token_count(doc), 1);
    CHECK_INT(syria_doc_sentence_count(doc), 1);
    CHECK_INT(syria_doc_token(doc, 0)->start, lines);
    syria_doc_free(doc);
    free(nl);

    /* Only direction marks (LRM RLM RLE PDF LRI PDI), glued and spaced. */
    const char marks[] = "\xe2\x80\x8e\xe2\x80\x8f\xe2\x80\xab\xe2\x80\xac\xe2\x81\xa6\xe2\x81\xa9";
    char buf[4096] = "";
    for (int k = 0; k < 50; k++) {
        strcat(buf, marks);
        if (k % 5 == 4) strcat(buf, " ");
    }
    REQUIRE(syria_analyze(&doc, model, buf, strlen(buf), NULL) == SYRIA_OK, "%s", syria_error_last());
    CHECK_INT(syria_doc_token_count(doc), 10);
    check_coverage(doc, "direction marks");
    for (size_t k = 0; k < syria_doc_token_count(doc); k++)
        CHECK(strcmp(syria_doc_token(doc, k)->norm, "") == 0, "token %zu norm \"%s\"", k, syria_doc_token(doc, k)->norm);
    syria_doc_free(doc);
}

static void test_linear_time(void)
{
    run_with_deadline(long_ascii_run, 30.0, "1.5 MB of \"ab-\"");
}

static void test_document_owns_its_text(void)
{
    char buf[] = RUSSIA " " AND_TURKEY;
    syria_options opt = SYRIA_OPTIONS_INIT;
    char name[] = "name.txt", date[] = "2020-02-18";
    opt.doc_name = name;
    opt.doc_date = date;
    syria_doc *doc = NULL;
    REQUIRE(syria_analyze(&doc, model, buf, strlen(buf), &opt) == SYRIA_OK, "%s", syria_error_last());
    memset(buf, 'x', strlen(buf));
    memset(name, 'y', strlen(name));
    memset(date, 'z', strlen(date));
    CHECK_STR(syria_doc_text(doc, NULL), RUSSIA " " AND_TURKEY);
    CHECK_STR(syria_doc_name(doc), "name.txt");
    CHECK_STR(syria_doc_date(doc), "2020-02-18");
    CHECK_STR(syria_doc_token(doc, 0)->norm, RUSSIA);
    syria_doc_free(doc);
}

/* A shared model analysed from several threads gives the same results. */
typedef struct job {
    const char *text;
    char *json;
    int failures;
} job;

static void *analyse_many(void *arg)
{
    job *j = arg;
    for (int k = 0; k < 20; k++) {
        syria_doc *doc = NULL;
        char *json = NULL;
        if (syria_analyze(&doc, model, j->text, strlen(j->text), NULL) != SYRIA_OK ||
            syria_doc_to_json(&json, NULL, doc, 0) != SYRIA_OK) {
            j->failures++;
        } else if (!j->json) {
            j->json = json;
            json = NULL;
        } else if (strcmp(json, j->json) != 0) {
            j->failures++;
        }
        syria_free(json);
        syria_doc_free(doc);
    }
    return NULL;
}

static void test_threads(void)
{
    const char *text = RUSSIA " " AND_TURKEY " \xd8\xa8\xd8\xa7\xd9\x84\xd9\x85\xd9\x86\xd8\xb7\xd9\x82\xd8\xa9. \xd8\xaf. \xd9\x85\xd8\xad\xd9\x85\xd8\xaf\n3.5";
    job jobs[4] = {{text, NULL, 0}, {text, NULL, 0}, {text, NULL, 0}, {text, NULL, 0}};
    pthread_t th[4];
    for (int k = 0; k < 4; k++) REQUIRE(pthread_create(&th[k], NULL, analyse_many, &jobs[k]) == 0, "pthread_create");
    for (int k = 0; k < 4; k++) pthread_join(th[k], NULL);
    for (int k = 0; k < 4; k++) {
        CHECK(jobs[k].failures == 0 && jobs[k].json, "thread %d: %d failures", k, jobs[k].failures);
        if (k && jobs[k].json && jobs[0].json) CHECK(strcmp(jobs[k].json, jobs[0].json) == 0, "thread %d differs", k);
    }
    for (int k = 0; k < 4; k++) syria_free(jobs[k].json);
}

int main(void)
{
    if (tu_load_default_model(&model)) return 1;
    static const tu_test tests[] = {
        {"NULL arguments", test_null_arguments},
        {"options: version and flags", test_options},
        {"invalid UTF-8 of every kind", test_invalid_utf8},
        {"NUL bytes", test_nul_byte},
        {"SYRIA_OPT_REPLACE_INVALID still covers the text", test_replace_invalid},
        {"empty text and lengths", test_empty_and_lengths},
        {"larger than SYRIA_MAX_TEXT", test_too_big},
        {"document dates", test_dates},
        {"getters out of range", test_getters_out_of_range},
        {"getters on a NULL document, NULL frees", test_null_document},
        {"syria_strerror", test_strerror},
        {"syria_error_last and syria_error_last_code", test_error_last},
        {"version", test_version},
        {"kind, type and status names", test_names},
        {"5 MB line, 100,000 empty lines, only marks", test_large_inputs},
        {"linear time on a long ASCII run", test_linear_time},
        {"the document owns its text", test_document_owns_its_text},
        {"threads sharing a model", test_threads},
        {NULL, NULL},
    };
    int rc = tu_run("api", tests);
    syria_model_free(model);
    return rc;
}
