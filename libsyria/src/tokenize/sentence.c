#include <stdint.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/utext.h>

#include "core/error.h"
#include "core/utf8.h"
#include "normalize/normalize.h"
#include "tokenize/tokenize.h"

/* Quotation marks: openers and closers of the paired kinds, and the ASCII
 * double quote that does both. */
static int quote_role(const char *s, size_t n)
{
    if (n == 1 && s[0] == '"') return 3;
    if (n == 2 && (unsigned char)s[0] == 0xC2) {
        if ((unsigned char)s[1] == 0xAB) return 1; /* « */
        if ((unsigned char)s[1] == 0xBB) return 2; /* » */
    }
    if (n == 3 && (unsigned char)s[0] == 0xE2 && (unsigned char)s[1] == 0x80) {
        if ((unsigned char)s[2] == 0x9C) return 1; /* “ */
        if ((unsigned char)s[2] == 0x9D) return 2; /* ” */
    }
    return 0;
}

static int has_newline(const char *s, size_t a, size_t b)
{
    if (b - a == 1) return s[a] == '\n' || s[a] == '\r'; /* most gaps: one space */
    for (size_t i = a; i < b; i++)
        if (s[i] == '\n' || s[i] == '\r') return 1;
        else if ((unsigned char)s[i] == 0xE2 && i + 2 < b && (unsigned char)s[i + 1] == 0x80 &&
                 ((unsigned char)s[i + 2] == 0xA8 || (unsigned char)s[i + 2] == 0xA9))
            return 1; /* U+2028, U+2029 */
    return 0;
}

/* Per token k (marks[k]): */
#define QUOTED 1u     /* inside a quotation closed on the same line */
#define NEW_LINE 2u   /* a line break between tokens k-1 and k */

/* Marks tokens inside a quotation closed on the same line (QUOTED), where a
 * sentence break is not allowed, and line breaks (NEW_LINE). An unclosed
 * quote marks nothing. */
static void mark_lines(const struct syria_doc *doc, unsigned char *marks)
{
    size_t n = doc->toks.count;
    size_t line_start = 0;
    for (size_t k = 0; k <= n; k++) {
        int line_end = k == n || (k > 0 && has_newline(doc->text, doc->toks.items[k - 1].start +
                                                                      doc->toks.items[k - 1].len,
                                                       doc->toks.items[k].start));
        if (!line_end) continue;
        if (k > 0 && k < n) marks[k] |= NEW_LINE;
        /* Match the quotes of tokens [line_start, k). */
        size_t open_at = (size_t)-1;
        int depth = 0, ascii_open = 0;
        size_t ascii_at = 0;
        for (size_t j = line_start; j < k; j++) {
            const tok *t = &doc->toks.items[j];
            if (t->kind != SYRIA_TOKEN_PUNCT) continue;
            int role = quote_role(doc->text + t->start, t->len);
            if (role == 1) {
                if (depth++ == 0) open_at = j;
            } else if (role == 2 && depth > 0) {
                if (--depth == 0)
                    for (size_t q = open_at + 1; q <= j; q++) marks[q] |= QUOTED;
            } else if (role == 3) {
                if (!ascii_open) {
                    ascii_open = 1;
                    ascii_at = j;
                } else {
                    ascii_open = 0;
                    for (size_t q = ascii_at + 1; q <= j; q++) marks[q] |= QUOTED;
                }
            }
        }
        line_start = k;
    }
}

/* Is token k a one-letter word followed by the '.' token k+1 (an initial or
 * an abbreviation such as "د." or "U.")? */
static int abbreviation_before(const struct syria_doc *doc, size_t k)
{
    if (k == 0) return 0;
    const tok *dot = &doc->toks.items[k];
    const tok *w = &doc->toks.items[k - 1];
    if (dot->len != 1 || doc->text[dot->start] != '.') return 0;
    if (w->start + w->len != dot->start) return 0;
    if (w->kind != SYRIA_TOKEN_WORD && w->kind != SYRIA_TOKEN_LATIN) return 0;
    uint32_t cp;
    int l = utf8_decode((const unsigned char *)doc->text + w->start, w->len, &cp);
    return l > 0 && (uint32_t)l == w->len;
}

/* Is s[0..n) a run of sentence terminators (. ! ? ؟ ۔)? */
static int terminator_run(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0; i < n;) {
        if (u[i] == '.' || u[i] == '!' || u[i] == '?') i++;
        else if (i + 1 < n && u[i] == 0xD8 && u[i + 1] == 0x9F) i += 2; /* ؟ */
        else if (i + 1 < n && u[i] == 0xDB && u[i + 1] == 0x94) i += 2; /* ۔ */
        else return 0;
    }
    return n > 0;
}

/* Punctuation that never ends a sentence in ICU's rules (neither STerm,
 * ATerm nor Close): commas, colons, dashes, openers. */
static int never_terminal(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    if (n == 1) return strchr(",;:-_/\\#@*&%(<[{", u[0]) != NULL;
    if (n == 2 && u[0] == 0xD8 && u[1] == 0x8C) return 1; /* ، */
    if (n == 2 && u[0] == 0xC2 && u[1] == 0xAB) return 1; /* « */
    if (n == 3 && u[0] == 0xE2 && u[1] == 0x80 && (u[2] == 0x93 || u[2] == 0x94 || u[2] == 0x9C))
        return 1; /* – — “ */
    return 0;
}

/* Could ICU put a sentence boundary after punctuation token k? Only after
 * a terminator, possibly followed by closing quotes or brackets. */
static int may_end_sentence(const struct syria_doc *doc, size_t k)
{
    for (;;) {
        const tok *t = &doc->toks.items[k];
        if (t->kind != SYRIA_TOKEN_PUNCT) return 0;
        if (never_terminal(doc->text + t->start, t->len)) return 0;
        if (terminator_run(doc->text + t->start, t->len)) return 1;
        /* A closing mark: look at what it closes, if it is glued to it. */
        if (k == 0 || doc->toks.items[k - 1].start + doc->toks.items[k - 1].len != t->start) return 1;
        k--;
    }
}

/* Bytes of zero-width and direction marks at the start of s. */
static size_t invisible_prefix(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        uint32_t cp;
        int l = utf8_decode((const unsigned char *)s + i, n - i, &cp);
        if (!l || !norm_is_invisible(cp)) break;
        i += (size_t)l;
    }
    return i;
}

/* Does the token start with a letter of the Arabic block (ICU's OLetter)? */
static int starts_with_arabic_letter(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    return n >= 2 && ((u[0] == 0xD8 && u[1] >= 0xA1 && u[1] <= 0xBA) || (u[0] == 0xD9 && u[1] >= 0x81 && u[1] <= 0x8A));
}

/* ICU is given one paragraph at a time: the text between two paragraph
 * separators (LF, CR, CR LF, NEL, LS, PS: the rules' ParaSep). Every rule
 * breaks after a ParaSep (SB4) and none looks across one, so a boundary
 * inside a paragraph is the same in the paragraph alone as in the whole
 * text. Within a paragraph ICU's boundaries are walked forward (the
 * positions asked about only grow): ubrk_isBoundary on an isolated
 * position backs up from it to a safe point, which in one long paragraph
 * is far back, every time (quadratic on a 50 MB line). */
static size_t para_start(const char *text, size_t p)
{
    const unsigned char *s = (const unsigned char *)text;
    for (size_t i = p; i > 0; i--) {
        unsigned char c = s[i - 1];
        if (c == '\n' || c == '\r') return i;
        if (c == 0x85 && i >= 2 && s[i - 2] == 0xC2) return i; /* NEL */
        if ((c == 0xA8 || c == 0xA9) && i >= 3 && s[i - 2] == 0x80 && s[i - 3] == 0xE2) return i; /* LS, PS */
    }
    return 0;
}

/* Just past the first paragraph separator at or after p (CR LF together), or n. */
static size_t para_end(const char *text, size_t n, size_t p)
{
    const unsigned char *s = (const unsigned char *)text;
    for (size_t i = p; i < n; i++) {
        unsigned char c = s[i];
        if (c == '\n') return i + 1;
        if (c == '\r') return i + 1 < n && s[i + 1] == '\n' ? i + 2 : i + 1;
        if (c == 0xC2 && i + 1 < n && s[i + 1] == 0x85) return i + 2;
        if (c == 0xE2 && i + 2 < n && s[i + 1] == 0x80 && (s[i + 2] == 0xA8 || s[i + 2] == 0xA9)) return i + 3;
    }
    return n;
}

int sentence_split(struct syria_doc *doc, const void *sentence_bi)
{
    size_t n = doc->toks.count;
    if (n == 0) return SYRIA_OK;

    unsigned char *marks = calloc(n + 1, 1);
    if (!marks) return syria_fail(SYRIA_ENOMEM, "out of memory while splitting sentences");
    mark_lines(doc, marks);

    if (doc->text_len > INT32_MAX) {
        free(marks);
        return syria_fail(SYRIA_ETOOBIG, "text too large for ICU's sentence iterator");
    }
    /* ICU's iterator is cloned only when a boundary needs its rules. */
    UErrorCode st = U_ZERO_ERROR;
    UText *ut = NULL;
    UBreakIterator *bi = NULL;
    size_t para_a = 1, para_b = 0; /* the paragraph ICU holds: none yet */
    size_t next_b = 0;                /* ICU's first boundary >= the last position asked, in it */

    int rc = SYRIA_OK;
    size_t first = 0;
    for (size_t k = 0; k <= n; k++) {
        int boundary = k == n;
        if (k > 0 && k < n) {
            const tok *prev = &doc->toks.items[k - 1], *t = &doc->toks.items[k];
            int semicolon = prev->len == 2 && (unsigned char)doc->text[prev->start] == 0xD8 &&
                            (unsigned char)doc->text[prev->start + 1] == 0x9B; /* ؛ */
            if (marks[k] & NEW_LINE) {
                boundary = 1; /* headlines, list items, paragraphs */
            } else if (prev->kind != SYRIA_TOKEN_PUNCT && !semicolon) {
                boundary = 0; /* within a line only punctuation ends a sentence (below) */
            } else if (!(marks[k] & QUOTED) && !abbreviation_before(doc, k - 1)) {
                /* ICU's rules can only end a sentence after punctuation (a
                 * terminator, possibly followed by closing quotes), so ICU is
                 * asked there only, not at every character. A boundary inside
                 * a token (the dot of العسكـ.ـرية) is none. */
                int icu = 0;
                if (prev->kind == SYRIA_TOKEN_PUNCT && !semicolon && may_end_sentence(doc, k - 1)) {
                    /* Direction marks glued to the next word belong to it
                     * for us, to the sentence before for ICU. */
                    size_t skip = invisible_prefix(doc->text + t->start, t->len);
                    if (terminator_run(doc->text + prev->start, prev->len) &&
                        starts_with_arabic_letter(doc->text + t->start + skip, t->len - skip)) {
                        icu = 1; /* ICU's rule SB11: a terminator before an OLetter ends a sentence */
                    } else {
                        if (!bi) bi = ubrk_clone((const UBreakIterator *)sentence_bi, &st);
                        if (U_SUCCESS(st) && (t->start < para_a || t->start + skip >= para_b)) {
                            para_a = para_start(doc->text, t->start);
                            para_b = para_end(doc->text, doc->text_len, t->start);
                            ut = utext_openUTF8(ut, doc->text + para_a, (int64_t)(para_b - para_a), &st);
                            if (U_SUCCESS(st)) ubrk_setUText(bi, ut, &st);
                            next_b = 0; /* the paragraph's start is a boundary */
                        }
                        if (U_FAILURE(st)) {
                            rc = syria_fail(SYRIA_EINTERNAL, "ICU sentence break iterator failed: %s",
                                            u_errorName(st));
                            break;
                        }
                        /* Is t->start (or, after invisible marks, t->start + skip) one of ICU's boundaries? */
                        for (int q = 0; q < (skip ? 2 : 1) && !icu; q++) {
                            size_t at = t->start + (q ? skip : 0) - para_a;
                            while (next_b < at) {
                                int32_t b = ubrk_next(bi);
                                next_b = b == UBRK_DONE ? para_b - para_a + 1 : (size_t)b;
                            }
                            icu = next_b == at;
                        }
                    }
                }
                boundary = icu || semicolon;
            }
        }
        if (!boundary) continue;
        syria_sentence *s = array_push(&doc->sents);
        if (!s) {
            rc = syria_fail(SYRIA_ENOMEM, "out of memory while splitting sentences");
            break;
        }
        const tok *a = &doc->toks.items[first], *z = &doc->toks.items[k - 1];
        s->start = a->start;
        s->length = z->start + z->len - a->start;
        s->token_first = first;
        s->token_count = k - first;
        for (size_t j = first; j < k; j++) doc->toks.items[j].sentence = (uint32_t)(doc->sents.count - 1);
        first = k;
    }
    if (bi) ubrk_close(bi);
    if (ut) utext_close(ut);
    free(marks);
    return rc;
}
