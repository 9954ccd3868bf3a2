#include "core/buf.h"
#include "core/utf8.h"

#include <stdarg.h>
#include <stdio.h>

int strbuf_grow(strbuf *b, size_t extra)
{
    if (b->failed) return 0;
    if (b->fixed) {
        b->failed = 1;
        return 0;
    }
    size_t need = b->len + extra;
    if (need <= b->cap) return 1;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < need) {
        if (cap > SIZE_MAX / 2) {
            b->failed = 1;
            return 0;
        }
        cap *= 2;
    }
    char *p = realloc(b->data, cap);
    if (!p) {
        b->failed = 1;
        return 0;
    }
    b->data = p;
    b->cap = cap;
    return 1;
}

void strbuf_printf(strbuf *b, const char *fmt, ...)
{
    char tmp[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n < 0) {
        b->failed = 1;
        return;
    }
    if ((size_t)n < sizeof tmp) {
        strbuf_append(b, tmp, (size_t)n);
        return;
    }
    if (!strbuf_grow(b, (size_t)n + 1)) return;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

void *array_grow_(void **items, size_t *cap, size_t count, size_t elem)
{
    size_t ncap = *cap ? *cap * 2 : 16;
    if (ncap < count + 1) ncap = count + 1;
    if (ncap > SIZE_MAX / elem) return NULL;
    void *p = realloc(*items, ncap * elem);
    if (!p) return NULL;
    *items = p;
    *cap = ncap;
    return p;
}

size_t utf8_validate(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    const uint64_t b7 = 0x8080808080808080ull;
    while (i < n) {
        /* Eight bytes at a time while they are ASCII and complete two-byte
         * sequences (Arabic): per byte, lead = 110xxxxx, cont = 10xxxxxx
         * (bits 7 and 6 moved to bit 7 of each byte); every continuation
         * byte must follow a lead, no lead may be C0 or C1 (overlong), a
         * lead in the last byte is left for the next block. Anything else
         * (three- and four-byte sequences, errors) goes the byte-wise way. */
        while (i + 8 <= n) {
            uint64_t w;
            memcpy(&w, u + i, 8);
            uint64_t hi = w & b7;
            if (!hi) {
                i += 8;
                continue;
            }
            uint64_t bit6 = (w << 1) & b7, bit5 = (w << 2) & b7;
            if (hi & bit6 & bit5) break; /* a byte >= 0xE0 */
            uint64_t lead = hi & bit6, cont = hi & ~bit6;
            if (cont != lead << 8) break;
            if ((((w & 0x1E1E1E1E1E1E1E1Eull) + 0x7F7F7F7F7F7F7F7Full) & lead) != lead) break; /* C0, C1 */
            i += lead >> 63 ? 7 : 8;
        }
        if (i >= n) break;
        if (u[i] < 0x80) {
            i++;
            continue;
        }
        /* Two-byte sequences (Arabic, most of a news text): a lead C2..DF
         * and one continuation byte are always valid. */
        while (i + 1 < n && (unsigned char)(u[i] - 0xC2) <= 0xDF - 0xC2 && (u[i + 1] & 0xC0) == 0x80) {
            i += 2;
            while (i < n && u[i] < 0x80) i++;
        }
        if (i >= n || u[i] < 0x80) continue;
        uint32_t cp;
        int k = utf8_decode(u + i, n - i, &cp);
        if (!k) return i;
        i += (size_t)k;
    }
    return n;
}
