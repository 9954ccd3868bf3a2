#include "normalize/normalize.h"

#include <string.h>

#include <unicode/uchar.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>
#include <utf8proc.h>

#include "core/utf8.h"
#include "syria/syria.h"

int norm_is_arabic_mark(uint32_t cp)
{
    return (cp >= 0x0610 && cp <= 0x061A) || (cp >= 0x064B && cp <= 0x065F) || cp == 0x0670 ||
           (cp >= 0x06D6 && cp <= 0x06DC) || (cp >= 0x06DF && cp <= 0x06E8) ||
           (cp >= 0x06EA && cp <= 0x06ED) || (cp >= 0x08D3 && cp <= 0x08FF && cp != 0x08E2);
}

int norm_is_arabic_letter(uint32_t cp)
{
    return (cp >= 0x0620 && cp <= 0x064A) || (cp >= 0x066E && cp <= 0x066F) ||
           (cp >= 0x0671 && cp <= 0x06D3) || cp == 0x06D5 || (cp >= 0x06EE && cp <= 0x06EF) ||
           (cp >= 0x06FA && cp <= 0x06FC) || cp == 0x06FF || (cp >= 0x0750 && cp <= 0x077F) ||
           (cp >= 0x08A0 && cp <= 0x08C9) || (cp >= 0xFB50 && cp <= 0xFDFB) ||
           (cp >= 0xFE70 && cp <= 0xFEFC);
}

int norm_is_invisible(uint32_t cp)
{
    return (cp >= 0x200B && cp <= 0x200F) || (cp >= 0x202A && cp <= 0x202E) ||
           (cp >= 0x2060 && cp <= 0x2064) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0xFEFF ||
           cp == 0x061C || cp == 0x00AD || cp == 0x180E;
}

/* Does this code point change under NFKC? Only then is utf8proc consulted:
 * plain Arabic letters and ASCII, most of any news text, never are. */
static int needs_compat(uint32_t cp)
{
    if (cp < 0xA0) return 0;
    if (cp >= 0x0600 && cp <= 0x06FF) return cp >= 0x0675 && cp <= 0x0678; /* high-hamza letters */
    const utf8proc_property_t *p = utf8proc_get_property((utf8proc_int32_t)cp);
    return p->decomp_seqindex != UINT16_MAX;
}

/* The folds applied after compatibility mapping, one code point at a time. */
static int fold(uint32_t cp, unsigned flags, uint32_t *out)
{
    if (cp < 0x80) {
        if ((flags & SYRIA_NORM_CASEFOLD) && cp >= 'A' && cp <= 'Z') cp += 32;
        out[0] = cp;
        return 1;
    }
    if ((flags & SYRIA_NORM_TATWEEL) && cp == 0x0640) return 0;
    if ((flags & SYRIA_NORM_DIACRITICS) && norm_is_arabic_mark(cp)) return 0;
    if ((flags & SYRIA_NORM_INVISIBLE) && norm_is_invisible(cp)) return 0;
    if (flags & SYRIA_NORM_ALEF) {
        switch (cp) {
        case 0x0622: case 0x0623: case 0x0625: case 0x0671: case 0x0672: case 0x0673:
            cp = 0x0627;
            break;
        default: break;
        }
    }
    if ((flags & SYRIA_NORM_ALEF_MAQSURA) && cp == 0x0649) cp = 0x064A;
    if (flags & SYRIA_NORM_PERSIAN) {
        switch (cp) {
        case 0x06A9: case 0x06AA: case 0x06AF: cp = 0x0643; break; /* keheh, swash kaf, gaf */
        case 0x06CC: case 0x06D2: cp = 0x064A; break;             /* Farsi yeh, yeh barree */
        case 0x06C0: cp = 0x0629; break;                          /* heh with yeh above */
        case 0x06D5: case 0x06C1: case 0x06BE: cp = 0x0647; break; /* ae, heh goal, heh doachashmee */
        case 0x067E: cp = 0x0628; break;                          /* peh */
        case 0x0686: cp = 0x062C; break;                          /* tcheh */
        case 0x0698: cp = 0x0632; break;                          /* jeh */
        case 0x06A4: cp = 0x0641; break;                          /* veh */
        default: break;
        }
    }
    if (flags & SYRIA_NORM_DIGITS) {
        if (cp >= 0x0660 && cp <= 0x0669) cp = '0' + (cp - 0x0660);
        else if (cp >= 0x06F0 && cp <= 0x06F9) cp = '0' + (cp - 0x06F0);
        else if (cp == 0x066B) cp = '.'; /* Arabic decimal separator */
        else if (cp == 0x066C) cp = ','; /* Arabic thousands separator */
        else if (cp == 0x066A) cp = '%';
    }
    if ((flags & SYRIA_NORM_TA_MARBUTA) && cp == 0x0629) cp = 0x0647;
    if (flags & SYRIA_NORM_HAMZA) {
        if (cp == 0x0624) cp = 0x0648;
        else if (cp == 0x0626) cp = 0x064A;
        else if (cp == 0x0621) return 0;
    }
    if ((flags & SYRIA_NORM_CASEFOLD) && cp >= 0xC0 && u_hasBinaryProperty((UChar32)cp, UCHAR_CHANGES_WHEN_CASEFOLDED)) {
        /* Full case folding (İ -> i̇, ß -> ss), which may give several code points. */
        UChar src[2], dst[8];
        int32_t sl = 0, k = 0;
        UErrorCode st = U_ZERO_ERROR;
        U16_APPEND_UNSAFE(src, sl, cp);
        int32_t dl = u_strFoldCase(dst, 8, src, sl, U_FOLD_CASE_DEFAULT, &st);
        if (U_SUCCESS(st) && dl > 0 && dl <= 8) {
            for (int32_t i = 0; i < dl && k < 4;) {
                UChar32 c;
                U16_NEXT(dst, i, dl, c);
                out[k++] = (uint32_t)c;
            }
            return k;
        }
    }
    out[0] = cp;
    return 1;
}

int norm_codepoint(uint32_t cp, unsigned flags, uint32_t *out)
{
    if ((flags & NORM_DEOBFUSCATE) &&
        (cp == '.' || cp == '_' || cp == '-' || cp == '*' || cp == 0x00B7 || cp == 0x0640))
        return 0;
    if (!(flags & SYRIA_NORM_COMPAT) || !needs_compat(cp)) return fold(cp, flags, out);

    /* NFKC of a single code point: decompose with compatibility mappings,
     * then recompose what the decomposition split (ﻷ -> ل + ا + ٔ -> ل + أ). */
    utf8proc_int32_t buf[NORM_MAX_OUT];
    int last_boundclass = 0;
    utf8proc_ssize_t n = utf8proc_decompose_char((utf8proc_int32_t)cp, buf, NORM_MAX_OUT,
                                                 UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT, &last_boundclass);
    if (n <= 0 || n > NORM_MAX_OUT) return fold(cp, flags, out);
    n = utf8proc_normalize_utf32(buf, n, UTF8PROC_COMPOSE | UTF8PROC_STABLE);
    if (n <= 0) return fold(cp, flags, out);
    int k = 0;
    for (utf8proc_ssize_t i = 0; i < n && k + 4 <= NORM_MAX_OUT; i++) k += fold((uint32_t)buf[i], flags, out + k);
    return k;
}

void norm_append(strbuf *out, const char *s, size_t n, unsigned flags)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    uint32_t mapped[NORM_MAX_OUT];
    while (i < n) {
        uint32_t cp;
        int len;
        if (u[i] < 0x80 && u[i] != 0) {
            /* ASCII: only case folding and de-obfuscation can apply. */
            cp = u[i];
            len = 1;
        } else if (u[i] == 0) {
            cp = 0xFFFD;
            len = 1;
        } else {
            len = utf8_decode(u + i, n - i, &cp);
            if (!len) len = 1; /* cp is U+FFFD */
        }
        i += (size_t)len;
        int k = norm_codepoint(cp, flags, mapped);
        for (int j = 0; j < k; j++) {
            char enc[4];
            strbuf_append(out, enc, (size_t)utf8_encode(mapped[j], enc));
        }
    }
}

size_t norm_surface_offset(const char *s, size_t n, unsigned flags, size_t chars)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0, produced = 0;
    uint32_t mapped[NORM_MAX_OUT];
    while (i < n && produced < chars) {
        uint32_t cp;
        int len = utf8_decode(u + i, n - i, &cp);
        if (!len) len = 1;
        i += (size_t)len;
        produced += (size_t)norm_codepoint(cp, flags, mapped);
    }
    /* Marks and tatweel that follow the last produced letter belong to it. */
    while (i < n) {
        uint32_t cp;
        int len = utf8_decode(u + i, n - i, &cp);
        if (!len || norm_codepoint(cp, flags, mapped) != 0) break;
        if (cp != 0x0640 && !norm_is_arabic_mark(cp) && !norm_is_invisible(cp)) break;
        i += (size_t)len;
    }
    return i;
}

void norm_table_init(norm_table *t, unsigned flags)
{
    t->flags = flags;
    t->same[0] = t->same[1] = 0;
    for (uint32_t i = 0; i < 128; i++) {
        uint32_t mapped[NORM_MAX_OUT];
        int k = norm_codepoint(0x0600 + i, flags, mapped);
        t->out[i] = k == 0 ? 0 : (k == 1 && mapped[0] >= 0x80 && mapped[0] < 0xFFFF) ? (uint16_t)mapped[0] : 0xFFFF;
        uint16_t m = t->out[i];
        t->plen[i] = m == 0xFFFF ? 0xFF : m == 0 ? 0 : m < 0x80 ? 1 : 2;
        t->pair[i][0] = m < 0x80 ? (char)m : (char)(0xC0 | (m >> 6));
        t->pair[i][1] = m < 0x80 ? 0 : (char)(0x80 | (m & 0x3F));
        if (m == 0x0600 + i) t->same[i >> 6] |= 1ull << (i & 63);
    }
}

void norm_append_table(strbuf *out, const char *s, size_t n, const norm_table *t)
{
    /* Room for the worst case of the fast path (it never grows a code point). */
    if (out->len + n + 1 > out->cap && !strbuf_grow(out, n + 1)) return;
    const unsigned char *u = (const unsigned char *)s;
    /* The output cursor lives in locals (a char store may alias out->len):
     * written back before the general path and at the end. */
    char *d = out->data + out->len;
    int ascii_as_is = !(t->flags & (SYRIA_NORM_CASEFOLD | NORM_DEOBFUSCATE));
    size_t i = 0;
    /* Four two-byte letters of the Arabic block (leads D8/D9, continuation
     * bytes) that all map to themselves: copied as they are. The masks are
     * byte patterns, so the test holds whatever the byte order. */
    static const unsigned char mask_b[8] = {0xFE, 0xC0, 0xFE, 0xC0, 0xFE, 0xC0, 0xFE, 0xC0};
    static const unsigned char want_b[8] = {0xD8, 0x80, 0xD8, 0x80, 0xD8, 0x80, 0xD8, 0x80};
    uint64_t mask8, want8;
    memcpy(&mask8, mask_b, 8);
    memcpy(&want8, want_b, 8);
#define SAME_PAIR(p) (t->same[(p)[0] & 1] >> ((p)[1] & 0x3F))
    while (i < n) {
        while (i + 8 <= n) {
            uint64_t v;
            memcpy(&v, u + i, 8);
            if ((v & mask8) != want8) break;
            const unsigned char *p = u + i;
            if (!(SAME_PAIR(p) & SAME_PAIR(p + 2) & SAME_PAIR(p + 4) & SAME_PAIR(p + 6) & 1)) break;
            memcpy(d, &v, 8);
            d += 8;
            i += 8;
        }
        if (i >= n) break;
        unsigned char c = u[i];
        if ((c & 0xFE) == 0xD8 && i + 1 < n && (u[i + 1] & 0xC0) == 0x80) {
            unsigned idx = ((c & 1u) << 6) | (u[i + 1] & 0x3Fu);
            unsigned pl = t->plen[idx];
            if (pl != 0xFF) {
                /* An Arabic-block code point stays two bytes, becomes ASCII
                 * (digits) or is dropped: two bytes written, pl kept (the
                 * output never outruns the input, so both fit). */
                memcpy(d, t->pair[idx], 2);
                d += pl;
                i += 2;
                continue;
            }
        } else if (c < 0x80 && c && ascii_as_is) {
            *d++ = (char)c;
            i++;
            continue;
        }
        /* Anything else: the general path for one code point. */
        out->len = (size_t)(d - out->data);
        uint32_t cp;
        int len = c == 0 ? 0 : utf8_decode(u + i, n - i, &cp);
        if (!len) cp = 0xFFFD, len = 1;
        i += (size_t)len;
        uint32_t mapped[NORM_MAX_OUT];
        int k = norm_codepoint(cp, t->flags, mapped);
        for (int j = 0; j < k; j++) {
            char enc[4];
            out->data[out->len] = '\0';
            strbuf_append(out, enc, (size_t)utf8_encode(mapped[j], enc));
        }
        /* The general path may have grown the buffer less than the rest needs. */
        if (out->len + (n - i) + 1 > out->cap && !strbuf_grow(out, n - i + 1)) return;
        d = out->data + out->len;
    }
    out->len = (size_t)(d - out->data);
    out->data[out->len] = '\0';
#undef SAME_PAIR
}
