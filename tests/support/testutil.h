/* Helpers shared by the CUnit test programs. They do not call libsyria, so
 * the same code serves tests linked to the shared library and tests linked
 * to the internal static one. */
#ifndef SYRIA_TESTUTIL_H
#define SYRIA_TESTUTIL_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <CUnit/Basic.h>

/* A failed check records a CUnit failure and prints why, with the values:
 * CUnit itself only shows the expression text. */
#define CHECK(cond, ...)                                                              \
    do {                                                                              \
        int ok_ = !!(cond);                                                           \
        if (!ok_) {                                                                   \
            fprintf(stderr, "\n    FAILED %s:%d: %s: ", __FILE__, __LINE__, #cond);    \
            fprintf(stderr, __VA_ARGS__);                                             \
            fputc('\n', stderr);                                                      \
        }                                                                             \
        CU_assertImplementation(ok_ ? CU_TRUE : CU_FALSE, __LINE__, #cond, __FILE__, "", \
                                CU_FALSE);                                            \
    } while (0)

/* Like CHECK, but stops the current test (for preconditions). */
#define REQUIRE(cond, ...)                                                            \
    do {                                                                              \
        int ok_ = !!(cond);                                                           \
        if (!ok_) {                                                                   \
            fprintf(stderr, "\n    FAILED %s:%d: %s: ", __FILE__, __LINE__, #cond);    \
            fprintf(stderr, __VA_ARGS__);                                             \
            fputc('\n', stderr);                                                      \
        }                                                                             \
        CU_assertImplementation(ok_ ? CU_TRUE : CU_FALSE, __LINE__, #cond, __FILE__, "", \
                                CU_TRUE);                                             \
    } while (0)

#define CHECK_STR(actual, expected)                                                   \
    do {                                                                              \
        const char *a_ = (actual), *e_ = (expected);                                  \
        CHECK(a_ && strcmp(a_, e_) == 0, "got \"%s\", expected \"%s\"", a_ ? a_ : "(null)", e_); \
    } while (0)

#define CHECK_INT(actual, expected)                                                   \
    do {                                                                              \
        long long a_ = (long long)(actual), e_ = (long long)(expected);               \
        CHECK(a_ == e_, "got %lld, expected %lld", a_, e_);                           \
    } while (0)

typedef struct tu_test {
    const char *name;
    void (*fn)(void);
} tu_test;

/* Registers `tests` (ended by {NULL, NULL}) as one suite, runs it with the
 * verbose basic interface and returns the process exit status: 0 when every
 * assertion passed, 1 on failures, 2 on a CUnit registry error. */
int tu_run(const char *suite, const tu_test *tests);

/* Strict UTF-8 decoding (RFC 3629). Returns the length (1..4) or 0 for an
 * invalid byte (then *cp is U+FFFD). */
int tu_utf8_decode(const unsigned char *s, size_t n, uint32_t *cp);

/* Is every byte of s[0..n) valid UTF-8? */
int tu_utf8_valid(const char *s, size_t n);

/* White space as Python's str.isspace() sees it. */
int tu_is_space(uint32_t cp);

/* Checks that the spans [start, start+len) cover every non-space character of
 * text exactly once and no white space (invalid bytes count as non-space),
 * that no span is empty and that spans are in order. Returns 1 if so; else 0
 * with a description in msg. */
int tu_check_coverage(const char *text, size_t n, const size_t *starts, const size_t *lens,
                      size_t count, char *msg, size_t msgcap);

/* Reads a whole file (binary). Returns malloc'ed bytes (NUL-terminated) or NULL. */
char *tu_read_file(const char *path, size_t *len);

/* FNV-1a 64, as the model format's checksum uses. */
uint64_t tu_fnv1a64(const unsigned char *p, size_t n);

/* Seconds from a monotonic clock. */
double tu_now(void);

#endif
