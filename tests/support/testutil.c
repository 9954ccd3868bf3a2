#define _POSIX_C_SOURCE 200809L
#include "testutil.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

int tu_run(const char *suite, const tu_test *tests)
{
    if (CU_initialize_registry() != CUE_SUCCESS) {
        fprintf(stderr, "CUnit: cannot initialise the registry: %s\n", CU_get_error_msg());
        return 2;
    }
    CU_pSuite s = CU_add_suite(suite, NULL, NULL);
    if (!s) {
        fprintf(stderr, "CUnit: cannot add suite %s: %s\n", suite, CU_get_error_msg());
        CU_cleanup_registry();
        return 2;
    }
    for (const tu_test *t = tests; t->name; t++) {
        if (!CU_add_test(s, t->name, t->fn)) {
            fprintf(stderr, "CUnit: cannot add test %s: %s\n", t->name, CU_get_error_msg());
            CU_cleanup_registry();
            return 2;
        }
    }
    CU_basic_set_mode(CU_BRM_VERBOSE);
    if (CU_basic_run_tests() != CUE_SUCCESS) {
        fprintf(stderr, "CUnit: run failed: %s\n", CU_get_error_msg());
        CU_cleanup_registry();
        return 2;
    }
    unsigned failures = CU_get_number_of_failures();
    unsigned ran = CU_get_number_of_tests_run();
    CU_cleanup_registry();
    printf("\n");
    if (ran == 0) {
        fprintf(stderr, "no test ran\n");
        return 2;
    }
    return failures > 0 ? 1 : 0;
}

int tu_utf8_decode(const unsigned char *s, size_t n, uint32_t *cp)
{
    unsigned char c = s[0];
    *cp = 0xFFFD;
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    int len;
    uint32_t v, min;
    if (c >= 0xC2 && c <= 0xDF) len = 2, v = c & 0x1F, min = 0x80;
    else if (c >= 0xE0 && c <= 0xEF) len = 3, v = c & 0x0F, min = 0x800;
    else if (c >= 0xF0 && c <= 0xF4) len = 4, v = c & 0x07, min = 0x10000;
    else return 0;
    if (n < (size_t)len) return 0;
    for (int i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80) return 0;
        v = v << 6 | (s[i] & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) return 0;
    *cp = v;
    return len;
}

int tu_utf8_valid(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
        uint32_t cp;
        int k = tu_utf8_decode(u + i, n - i, &cp);
        if (!k) return 0;
        i += (size_t)k;
    }
    return 1;
}

int tu_is_space(uint32_t cp)
{
    return (cp >= 0x09 && cp <= 0x0D) || (cp >= 0x1C && cp <= 0x20) || cp == 0x85 || cp == 0xA0 ||
           cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 ||
           cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

int tu_check_coverage(const char *text, size_t n, const size_t *starts, const size_t *lens,
                      size_t count, char *msg, size_t msgcap)
{
    unsigned char *cov = calloc(n + 1, 1);
    if (!cov) {
        snprintf(msg, msgcap, "out of memory");
        return 0;
    }
    int ok = 1;
    for (size_t k = 0; k < count && ok; k++) {
        if (lens[k] == 0) {
            snprintf(msg, msgcap, "token %zu at byte %zu is empty", k, starts[k]);
            ok = 0;
        } else if (starts[k] > n || lens[k] > n - starts[k]) {
            snprintf(msg, msgcap, "token %zu [%zu,+%zu) is outside the text (%zu bytes)", k, starts[k],
                     lens[k], n);
            ok = 0;
        } else if (k > 0 && starts[k] < starts[k - 1] + lens[k - 1]) {
            snprintf(msg, msgcap, "token %zu at byte %zu overlaps or precedes token %zu", k, starts[k],
                     k - 1);
            ok = 0;
        } else {
            for (size_t i = starts[k]; i < starts[k] + lens[k]; i++) cov[i]++;
        }
    }
    const unsigned char *u = (const unsigned char *)text;
    size_t i = 0;
    while (ok && i < n) {
        uint32_t cp;
        int k = tu_utf8_decode(u + i, n - i, &cp);
        int space = k > 0 && tu_is_space(cp);
        if (!k) k = 1; /* an invalid byte: one non-space unit */
        for (size_t j = i; j < i + (size_t)k; j++) {
            if (space && cov[j]) {
                snprintf(msg, msgcap, "white space U+%04X at byte %zu is inside a token", (unsigned)cp, i);
                ok = 0;
                break;
            }
            if (!space && cov[j] != 1) {
                snprintf(msg, msgcap, "byte %zu (0x%02x, of U+%04X) is covered %d times, expected once", j,
                         u[j], (unsigned)cp, cov[j]);
                ok = 0;
                break;
            }
        }
        i += (size_t)k;
    }
    free(cov);
    return ok;
}

char *tu_read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    while (buf) {
        if (n + 1 >= cap) {
            char *p = realloc(buf, cap * 2);
            if (!p) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = p;
            cap *= 2;
        }
        size_t got = fread(buf + n, 1, cap - n - 1, f);
        n += got;
        if (got == 0) break;
    }
    int err = ferror(f);
    fclose(f);
    if (!buf || err) {
        free(buf);
        return NULL;
    }
    buf[n] = '\0';
    if (len) *len = n;
    return buf;
}

uint64_t tu_fnv1a64(const unsigned char *p, size_t n)
{
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < n; i++) {
        h ^= p[i];
        h *= 1099511628211ull;
    }
    return h;
}

double tu_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}
