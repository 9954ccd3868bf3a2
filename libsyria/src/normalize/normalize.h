/* Stage 1: normalisation. Maps surface text to the normalised form that
 * every later stage (clitics, tagging, lexicon look-ups) compares. It works
 * code point by code point so that token offsets into the original text never
 * move: the tokeniser normalises each token's own bytes. */
#ifndef SYRIA_NORMALIZE_H
#define SYRIA_NORMALIZE_H

#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"

/* Internal flag: drop the joiners an obfuscated word is broken with
 * (العسكـ.ـرية): '.', '_', '-', '*', '·' and tatweel. The tokeniser sets it
 * only on tokens it recognised as obfuscated words. */
#define NORM_DEOBFUSCATE 0x10000u

/* Normalises one code point into out (at most NORM_MAX_OUT code points).
 * Returns how many were written; 0 means the code point is dropped. */
#define NORM_MAX_OUT 18
int norm_codepoint(uint32_t cp, unsigned flags, uint32_t *out);

/* Appends the normalisation of s[0..n) to out. Invalid UTF-8 bytes become
 * U+FFFD (callers validate first unless replacement was asked for); NUL
 * bytes also become U+FFFD so the result stays a C string. */
void norm_append(strbuf *out, const char *s, size_t n, unsigned flags);

/* The normalisation of U+0600..U+067F (two-byte UTF-8 leads D8, D9) under
 * one set of flags, computed once per document: most of an Arabic text. */
typedef struct norm_table {
    unsigned flags;
    uint16_t out[128]; /* the single code point it maps to; 0: dropped; 0xFFFF: use the general path */
    /* The same as the bytes norm_append_fast writes: plen[i] of pair[i]
     * (0, 1 or 2; 0xFF: the general path). */
    uint8_t plen[128];
    char pair[128][2];
    /* Bit i of same[i >> 6]: U+0600+i maps to itself (most letters), so a
     * run of such letters is copied as it is, eight bytes at a time. */
    uint64_t same[2];
} norm_table;

void norm_table_init(norm_table *t, unsigned flags);

/* norm_append with the table's flags, using the table for the Arabic block. */
void norm_append_table(strbuf *out, const char *s, size_t n, const norm_table *t);

/* norm_append_table, with its commonest case inline (it runs once per token):
 * letters of the Arabic block, four at a time while they map to themselves.
 * What follows anything else is left to norm_append_table; normalisation
 * is code point by code point, so it may take over at any code point. */
static inline void norm_append_fast(strbuf *out, const char *s, size_t n, const norm_table *t)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    if (out->len + n + 1 <= out->cap) {
        char *d = out->data + out->len;
        /* Byte patterns, so that the test holds whatever the byte order:
         * four leads D8/D9, each followed by a continuation byte. */
        static const unsigned char mask_b[8] = {0xFE, 0xC0, 0xFE, 0xC0, 0xFE, 0xC0, 0xFE, 0xC0};
        static const unsigned char want_b[8] = {0xD8, 0x80, 0xD8, 0x80, 0xD8, 0x80, 0xD8, 0x80};
        uint64_t mask8, want8;
        memcpy(&mask8, mask_b, 8);
        memcpy(&want8, want_b, 8);
        while (i + 8 <= n) {
            uint64_t v;
            memcpy(&v, u + i, 8);
            if ((v & mask8) != want8) break;
            const unsigned char *p = u + i;
            if (!((t->same[p[0] & 1] >> (p[1] & 0x3F)) & (t->same[p[2] & 1] >> (p[3] & 0x3F)) &
                  (t->same[p[4] & 1] >> (p[5] & 0x3F)) & (t->same[p[6] & 1] >> (p[7] & 0x3F)) & 1))
                break;
            memcpy(d, &v, 8);
            d += 8;
            i += 8;
        }
        while (i + 2 <= n && (u[i] & 0xFE) == 0xD8 && (u[i + 1] & 0xC0) == 0x80) {
            unsigned idx = ((u[i] & 1u) << 6) | (u[i + 1] & 0x3Fu);
            unsigned pl = t->plen[idx];
            if (pl == 0xFF) break;
            /* Two bytes written, pl kept: the output never outruns the input. */
            memcpy(d, t->pair[idx], 2);
            d += pl;
            i += 2;
        }
        out->len = (size_t)(d - out->data);
        *d = '\0';
        if (i == n) return;
    }
    norm_append_table(out, s + i, n - i, t);
}

/* Byte offset in s[0..n) at which the first `chars` code points of its
 * normalised form have been produced, skipping code points that normalise to
 * nothing (tatweel, diacritics, marks) that follow them. Used to map a
 * clitic split made on the normalised word back to the original bytes. */
size_t norm_surface_offset(const char *s, size_t n, unsigned flags, size_t chars);

/* Classification helpers shared by the tokeniser. */
int norm_is_arabic_letter(uint32_t cp);  /* letters of the Arabic script, incl. presentation forms */
int norm_is_arabic_mark(uint32_t cp);    /* harakat, Quranic marks: part of a word, dropped in norm */
int norm_is_invisible(uint32_t cp);      /* zero-width and bidi controls */

#endif
