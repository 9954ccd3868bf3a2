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
} norm_table;

void norm_table_init(norm_table *t, unsigned flags);

/* norm_append with the table's flags, using the table for the Arabic block. */
void norm_append_fast(strbuf *out, const char *s, size_t n, const norm_table *t);

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
