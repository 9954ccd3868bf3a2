#include "tokenize/tokenize.h"

#include <utf8proc.h>

#include "core/error.h"
#include "core/utf8.h"
#include "model/model.h"
#include "normalize/normalize.h"

/* Character classes the scanner works with. */
enum cclass { C_SPACE, C_INVIS, C_AR, C_DIGIT, C_LETTER, C_PUNCT, C_SYMBOL, C_EXTEND, C_BAD };

static enum cclass classify_slow(uint32_t cp)
{
    if (norm_is_invisible(cp)) return cp == 0x200D ? C_EXTEND : C_INVIS;
    if (cp == 0x0640 || norm_is_arabic_letter(cp) || norm_is_arabic_mark(cp)) return C_AR;
    if ((cp >= 0x0660 && cp <= 0x0669) || (cp >= 0x06F0 && cp <= 0x06F9)) return C_DIGIT;
    if ((cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0x1F3FB && cp <= 0x1F3FF) ||
        (cp >= 0xE0020 && cp <= 0xE007F) || cp == 0x20E3 || (cp >= 0xE0100 && cp <= 0xE01EF))
        return C_EXTEND;
    switch (utf8proc_category((utf8proc_int32_t)cp)) {
    case UTF8PROC_CATEGORY_ZS:
    case UTF8PROC_CATEGORY_ZL:
    case UTF8PROC_CATEGORY_ZP:
        return C_SPACE;
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO:
        return C_LETTER;
    case UTF8PROC_CATEGORY_MN: case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME:
        return C_EXTEND;
    case UTF8PROC_CATEGORY_ND:
        return C_DIGIT;
    case UTF8PROC_CATEGORY_PC: case UTF8PROC_CATEGORY_PD: case UTF8PROC_CATEGORY_PS:
    case UTF8PROC_CATEGORY_PE: case UTF8PROC_CATEGORY_PI: case UTF8PROC_CATEGORY_PF:
    case UTF8PROC_CATEGORY_PO:
        return C_PUNCT;
    default:
        return cp == 0x85 ? C_SPACE : C_SYMBOL;
    }
}

/* The class of an ASCII byte. */
static inline enum cclass classify_ascii(unsigned char c)
{
    if (c == ' ' || (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x1F)) return C_SPACE;
    if (c >= '0' && c <= '9') return C_DIGIT;
    if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') return C_LETTER;
    if (c < 0x20 || c == 0x7F) return C_SYMBOL;
    switch (c) {
    case '$': case '+': case '<': case '=': case '>': case '^': case '`': case '|': case '~':
        return C_SYMBOL;
    default:
        return C_PUNCT;
    }
}

/* A cursor over the text that decodes one code point at a time. */
/* The tables tokens are normalised with: the user's flags and the model's
 * (the same tables when the flags are the default), each with its
 * de-obfuscating variant. */
typedef struct norm_tables {
    const norm_table *user, *user_obf, *model, *model_obf;
    int same;
    norm_table own[4];
} norm_tables;

typedef struct scan {
    const unsigned char *s;
    size_t n;
    const norm_tables *norm; /* NULL: tokens only; else each token is normalised as it is found */
} scan;

/* Decodes the code point at i: its class, value and byte length. Invalid
 * bytes and NUL are C_BAD of length 1 (only reachable under
 * SYRIA_OPT_REPLACE_INVALID: the text is validated before tokenising). */
static inline enum cclass at(const scan *sc, size_t i, uint32_t *cp, int *len)
{
    unsigned char c = sc->s[i];
    if (c < 0x80) {
        *cp = c;
        *len = 1;
        return c == 0 ? C_BAD : classify_ascii(c);
    }
    *len = utf8_decode(sc->s + i, sc->n - i, cp);
    if (!*len) {
        *len = 1;
        return C_BAD;
    }
    /* Arabic block fast path: most of a news text. */
    if (*cp >= 0x0621 && *cp <= 0x064A) return C_AR;
    return classify_slow(*cp);
}

/* Writes token t's norm (and its analysis key, when the flags differ from
 * the model's) into doc->strings. */
static inline void normalize_token(struct syria_doc *doc, const norm_tables *nt, tok *t)
{
    const char *s = doc->text + t->start;
    t->norm = (uint32_t)doc->strings.len;
    norm_append_fast(&doc->strings, s, t->len, t->obfuscated ? nt->user_obf : nt->user);
    strbuf_putc(&doc->strings, '\0');
    if (nt->same) {
        t->key = t->norm;
    } else {
        t->key = (uint32_t)doc->strings.len;
        norm_append_fast(&doc->strings, s, t->len, t->obfuscated ? nt->model_obf : nt->model);
        strbuf_putc(&doc->strings, '\0');
    }
    t->key_len = (uint32_t)(doc->strings.len - 1 - t->key);
}

static inline int push_tok(struct syria_doc *doc, const scan *sc, size_t start, size_t end, int kind, int obfuscated)
{
    tok *t = array_push(&doc->toks);
    if (!t) return 0;
    t->start = (uint32_t)start;
    t->len = (uint32_t)(end - start);
    t->kind = (uint8_t)kind;
    t->obfuscated = (uint8_t)obfuscated;
    /* While the token's bytes are still in the first-level cache. */
    if (sc->norm) normalize_token(doc, sc->norm, t);
    return 1;
}

static int is_ascii_alnum(unsigned char c)
{
    return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

static int ascii_ieq_prefix(const unsigned char *s, size_t n, const char *p)
{
    size_t k = strlen(p);
    if (n < k) return 0;
    for (size_t i = 0; i < k; i++) {
        unsigned char c = s[i];
        if (c >= 'A' && c <= 'Z') c += 32;
        if (c != (unsigned char)p[i]) return 0;
    }
    return 1;
}

/* Trailing characters that end a sentence or a quotation rather than a URL,
 * e-mail or file name written before them. */
static size_t trim_trailing(const unsigned char *s, size_t a, size_t b)
{
    for (;;) {
        if (b <= a) return b;
        unsigned char c = s[b - 1];
        if (strchr(".,;:!?)]}>\"'", c) && c) {
            if (c == ')') { /* keep a closing paren the URL opened itself */
                int depth = 0;
                for (size_t i = a; i < b - 1; i++) depth += (s[i] == '(') - (s[i] == ')');
                if (depth > 0) return b;
            }
            b--;
            continue;
        }
        /* UTF-8 closing quotes and Arabic punctuation: » ” ’ ، ؛ ؟ */
        if (b - a >= 2 && s[b - 2] == 0xC2 && s[b - 1] == 0xBB) { b -= 2; continue; }
        if (b - a >= 3 && s[b - 3] == 0xE2 && s[b - 2] == 0x80 && (s[b - 1] == 0x9D || s[b - 1] == 0x99)) { b -= 3; continue; }
        if (b - a >= 2 && s[b - 2] == 0xD8 && (s[b - 1] == 0x8C || s[b - 1] == 0x9B || s[b - 1] == 0x9F)) { b -= 2; continue; }
        return b;
    }
}

static const char *const file_exts[] = {
    "jpg", "jpeg", "png", "gif", "webp", "svg", "bmp", "tif", "tiff", "pdf", "doc", "docx",
    "xls", "xlsx", "ppt", "pptx", "txt", "csv", "zip", "rar", "7z", "mp3", "mp4", "m4a", "avi",
    "mov", "wav", "webm", "mkv", "html", "htm", "php", "aspx", "json", "xml", NULL};

/* End of the run of ASCII name characters that match_special examines. */
static size_t ascii_run_end(const unsigned char *s, size_t a, size_t b)
{
    while (a < b && (is_ascii_alnum(s[a]) || s[a] == '_' || s[a] == '-' || s[a] == '.' || s[a] == '+' || s[a] == '%'))
        a++;
    return a;
}

/* At s[a..b) (a chunk without spaces) is there a URL, e-mail address, file
 * name or bare domain? Returns its end and sets *kind, or returns a. */
static size_t match_special(const unsigned char *s, size_t a, size_t b, int *kind)
{
    size_t n = b - a;
    if (ascii_ieq_prefix(s + a, n, "http://") || ascii_ieq_prefix(s + a, n, "https://") ||
        ascii_ieq_prefix(s + a, n, "www.")) {
        size_t e = trim_trailing(s, a, b);
        if (e > a + 4) {
            *kind = SYRIA_TOKEN_URL;
            return e;
        }
    }
    /* A run of ASCII name characters: the candidate e-mail, file or domain. */
    size_t i = a;
    while (i < b && (is_ascii_alnum(s[i]) || s[i] == '_' || s[i] == '-' || s[i] == '.' ||
                     s[i] == '+' || s[i] == '%'))
        i++;
    size_t e = i;
    if (e < b && s[e] == '@' && e > a) { /* e-mail: local@domain.tld */
        size_t j = e + 1, dots = 0, last_dot = 0;
        while (j < b && (is_ascii_alnum(s[j]) || s[j] == '-' || s[j] == '.')) {
            if (s[j] == '.') dots++, last_dot = j;
            j++;
        }
        j = trim_trailing(s, e + 1, j);
        if (dots && last_dot + 2 < j && last_dot > e + 1) {
            *kind = SYRIA_TOKEN_EMAIL;
            return j;
        }
    }
    e = trim_trailing(s, a, e);
    if (e <= a) return a;
    size_t dot = e;
    while (dot > a && s[dot - 1] != '.') dot--;
    if (dot <= a + 1) return a; /* no dot, or nothing before it */
    size_t ext_len = e - dot;
    if (ext_len >= 2 && ext_len <= 5) {
        for (const char *const *x = file_exts; *x; x++)
            if (strlen(*x) == ext_len && ascii_ieq_prefix(s + dot, ext_len, *x)) {
                *kind = SYRIA_TOKEN_FILE;
                return e;
            }
        /* A bare domain (Xeber24.net): lower-case alphabetic last label and
         * a letter somewhere before it, so that 3.5 or U.S never match. */
        int alpha = 1, letter_before = 0;
        for (size_t k = dot; k < e; k++) alpha &= s[k] >= 'a' && s[k] <= 'z';
        for (size_t k = a; k + 1 < dot; k++) letter_before |= (s[k] | 0x20) >= 'a' && (s[k] | 0x20) <= 'z';
        if (alpha && letter_before && s[dot - 2] != '.' && s[a] != '.' && s[a] != '-') {
            *kind = SYRIA_TOKEN_URL;
            return e;
        }
    }
    return a;
}

/* Which of U+0600..U+067F are Arabic letters or marks (C_AR): bit i of
 * arabic_block[0] is U+0600+i, of arabic_block[1] U+0640+i. */
static const uint64_t arabic_block[2] = {0xffffffff07ff0000ull, 0xffffc000ffffffffull};

/* Scans one Arabic word from i; handles words broken with tatweel and a joiner
 * (العسكـ.ـرية): a '.', '_', '-', '*' or '·' with a tatweel on at least one
 * side and an Arabic letter after it is part of the word. */
static size_t scan_arabic(const scan *sc, size_t i, size_t b, int *obfuscated)
{
    uint32_t cp, prev = 0;
    int len;
    while (i < b) {
        /* Fast path: two-byte letters and marks of the Arabic block. */
        unsigned char l = sc->s[i];
        if ((l == 0xD8 || l == 0xD9) && i + 1 < b && (sc->s[i + 1] & 0xC0) == 0x80) {
            unsigned idx = sc->s[i + 1] & 0x3F;
            if (arabic_block[l & 1] >> idx & 1) {
                prev = 0x0600 + ((l & 1u) << 6) + idx;
                i += 2;
                continue;
            }
        }
        enum cclass c = at(sc, i, &cp, &len);
        if (c == C_AR || c == C_INVIS || (c == C_EXTEND && prev)) {
            prev = cp;
            i += (size_t)len;
            continue;
        }
        if (cp == '.' || cp == '_' || cp == '-' || cp == '*' || cp == 0xB7) {
            size_t j = i + (size_t)len;
            int tatweel_after = 0;
            uint32_t nx;
            int nl;
            while (j < b && at(sc, j, &nx, &nl) == C_AR && nx == 0x0640) {
                tatweel_after = 1;
                j += (size_t)nl;
            }
            if ((prev == 0x0640 || tatweel_after) && j < b && at(sc, j, &nx, &nl) == C_AR &&
                norm_is_arabic_letter(nx)) {
                *obfuscated = 1;
                prev = 0x0640;
                i = j;
                continue;
            }
        }
        break;
    }
    return i;
}

/* Splits one chunk s[a..b) (no white space inside) into tokens. */
static int tokenize_chunk(struct syria_doc *doc, const scan *sc, size_t a, size_t b)
{
    const unsigned char *s = sc->s;
    size_t i = a;
    /* Where a failed match_special's ASCII run ended: a later start inside
     * the same run cannot match either, and rescanning it would make long
     * runs (ab-ab-ab-...) quadratic. */
    size_t no_special_until = a;
    while (i < b) {
        int kind = -1;
        /* URLs, e-mail addresses, files and domains start with ASCII. */
        size_t e = i;
        if (s[i] < 0x80 && i >= no_special_until) {
            e = match_special(s, i, b, &kind);
            if (e == i) no_special_until = ascii_run_end(s, i, b);
        }
        if (e > i) {
            if (!push_tok(doc, sc, i, e, kind, 0)) return 0;
            i = e;
            continue;
        }
        uint32_t cp;
        int len;
        enum cclass c = at(sc, i, &cp, &len);
        size_t start = i;
        /* Invisible marks before a token belong to it. */
        while (c == C_INVIS && i + (size_t)len < b) {
            i += (size_t)len;
            c = at(sc, i, &cp, &len);
        }
        int obf = 0;
        uint32_t nx;
        int nl;
        switch (c) {
        case C_AR:
            i = scan_arabic(sc, i, b, &obf);
            kind = SYRIA_TOKEN_WORD;
            break;
        case C_DIGIT: {
            i += (size_t)len;
            while (i < b) {
                enum cclass k = at(sc, i, &nx, &nl);
                if (k == C_DIGIT || k == C_INVIS) {
                    i += (size_t)nl;
                    continue;
                }
                /* Internal separators: 69,062 3.5 ٣٫٥ 12/4/2024 10:30 */
                if ((nx == '.' || nx == ',' || nx == 0x066B || nx == 0x066C || nx == '/' ||
                     nx == ':') &&
                    i + (size_t)nl < b) {
                    uint32_t d;
                    int dl;
                    if (at(sc, i + (size_t)nl, &d, &dl) == C_DIGIT) {
                        i += (size_t)nl;
                        continue;
                    }
                }
                break;
            }
            kind = SYRIA_TOKEN_NUMBER;
            /* Digits glued to Latin letters (1200x676, 4K, F16) form one word. */
            if (i < b && at(sc, i, &nx, &nl) == C_LETTER && nx < 0x250) {
                while (i < b) {
                    enum cclass k = at(sc, i, &nx, &nl);
                    if (!((k == C_LETTER && nx < 0x250) || k == C_DIGIT)) break;
                    i += (size_t)nl;
                }
                kind = SYRIA_TOKEN_LATIN;
            }
            break;
        }
        case C_LETTER:
            i += (size_t)len;
            while (i < b) {
                enum cclass k = at(sc, i, &nx, &nl);
                if (k == C_LETTER || k == C_DIGIT || k == C_EXTEND || k == C_INVIS) {
                    i += (size_t)nl;
                    continue;
                }
                /* Apostrophes inside a word (Erdoğan's, O'Brien). */
                if ((nx == '\'' || nx == 0x2019) && i + (size_t)nl < b) {
                    uint32_t d;
                    int dl;
                    if (at(sc, i + (size_t)nl, &d, &dl) == C_LETTER) {
                        i += (size_t)nl;
                        continue;
                    }
                }
                break;
            }
            kind = SYRIA_TOKEN_LATIN;
            break;
        case C_PUNCT:
            if ((cp == '#' || cp == '@') && i + 1 < b) {
                enum cclass k = at(sc, i + 1, &nx, &nl);
                int ok = cp == '#' ? (k == C_AR || k == C_LETTER || k == C_DIGIT || nx == '_')
                                   : (nx < 0x80 && (is_ascii_alnum((unsigned char)nx) || nx == '_'));
                if (ok) {
                    i += 1;
                    while (i < b) {
                        k = at(sc, i, &nx, &nl);
                        if (k == C_AR || k == C_LETTER || k == C_DIGIT || k == C_EXTEND ||
                            k == C_INVIS || nx == '_')
                            i += (size_t)nl;
                        else
                            break;
                    }
                    kind = cp == '#' ? SYRIA_TOKEN_HASHTAG : SYRIA_TOKEN_MENTION;
                    break;
                }
            }
            i += (size_t)len;
            /* Runs of . ! ? ؟ (ellipsis, "؟!") and of dashes are one token. */
            if (cp == '.' || cp == '!' || cp == '?' || cp == 0x061F || cp == '-') {
                while (i < b) {
                    at(sc, i, &nx, &nl);
                    int same = cp == '.' || cp == '-' ? nx == cp
                                                      : (nx == '!' || nx == '?' || nx == 0x061F);
                    if (!same) break;
                    i += (size_t)nl;
                }
            }
            kind = SYRIA_TOKEN_PUNCT;
            break;
        case C_BAD: /* a run of invalid bytes or NULs, kept as one symbol */
            i += (size_t)len;
            while (i < b && at(sc, i, &nx, &nl) == C_BAD) i += (size_t)nl;
            kind = SYRIA_TOKEN_SYMBOL;
            break;
        case C_INVIS: /* only invisible marks up to the chunk's end */
        case C_SYMBOL:
        case C_EXTEND:
        default:
            i += (size_t)len;
            /* Emoji sequences: modifiers, variation selectors, ZWJ joins, flags. */
            while (i < b) {
                enum cclass k = at(sc, i, &nx, &nl);
                if (k == C_EXTEND || k == C_INVIS) {
                    int zwj = nx == 0x200D;
                    i += (size_t)nl;
                    if (zwj && i < b && at(sc, i, &nx, &nl) == C_SYMBOL) i += (size_t)nl;
                    continue;
                }
                if (cp >= 0x1F1E6 && cp <= 0x1F1FF && nx >= 0x1F1E6 && nx <= 0x1F1FF) {
                    i += (size_t)nl;
                    cp = 0;
                    continue;
                }
                break;
            }
            kind = SYRIA_TOKEN_SYMBOL;
            break;
        case C_SPACE:
            return 1; /* unreachable: chunks hold no spaces */
        }
        /* Invisible marks and combining marks right after a token belong to it. */
        while (i < b) {
            enum cclass k = at(sc, i, &nx, &nl);
            if (k != C_INVIS && !(k == C_EXTEND && nx != 0x200D)) break;
            i += (size_t)nl;
        }
        if (!push_tok(doc, sc, start, i, kind, obf)) return 0;
    }
    return 1;
}

static int tokenize_with(struct syria_doc *doc, const norm_tables *norm)
{
    scan sc = {(const unsigned char *)doc->text, doc->text_len, norm};
    size_t i = 0, n = doc->text_len;
    /* Four two-byte sequences with D8/D9 leads, as byte patterns (so that
     * the test holds whatever the byte order). */
    static const unsigned char mask_b[8] = {0xFE, 0xC0, 0xFE, 0xC0, 0xFE, 0xC0, 0xFE, 0xC0};
    static const unsigned char want_b[8] = {0xD8, 0x80, 0xD8, 0x80, 0xD8, 0x80, 0xD8, 0x80};
    uint64_t pairs_mask, pairs_want;
    memcpy(&pairs_mask, mask_b, 8);
    memcpy(&pairs_want, want_b, 8);
    /* A news text has a token every nine bytes or so: room for most
     * documents' tokens at once instead of growing by doubling. */
    size_t guess = n / 8 + 16;
    if (guess > 65536) guess = 65536;
    if (doc->toks.cap < guess) {
        tok *p = realloc(doc->toks.items, guess * sizeof *p);
        if (!p) return syria_fail(SYRIA_ENOMEM, "out of memory while tokenising");
        doc->toks.items = p;
        doc->toks.cap = guess;
    }
    while (i < n) {
        uint32_t cp;
        int len;
        /* Skip white space; ASCII spaces on the fast path. A D8/D9 lead
         * (U+0600..U+067F, or a stray byte) is never a space. */
        unsigned char c0 = sc.s[i];
        if (c0 == ' ' || c0 == '\n') {
            i++;
            continue;
        }
        if ((c0 & 0xFE) != 0xD8 && at(&sc, i, &cp, &len) == C_SPACE) {
            i += (size_t)len;
            continue;
        }
        size_t a = i;
        /* Most chunks of a news text are one plain Arabic word: letters and
         * marks of the Arabic block only (arabic_block), which
         * tokenize_chunk would make one word token of. Such a chunk is
         * recognised while its end is found. */
        unsigned plain = 1;
        while (i < n) {
            /* Four D8/D9 letters at a time (never a space), as below. */
            while (i + 8 <= n) {
                uint64_t v;
                memcpy(&v, sc.s + i, 8);
                if ((v & pairs_mask) != pairs_want) break;
                const unsigned char *p = sc.s + i;
                plain &= (unsigned)((arabic_block[p[0] & 1] >> (p[1] & 0x3F)) & (arabic_block[p[2] & 1] >> (p[3] & 0x3F)) &
                                    (arabic_block[p[4] & 1] >> (p[5] & 0x3F)) & (arabic_block[p[6] & 1] >> (p[7] & 0x3F))) & 1u;
                i += 8;
            }
            if (i >= n) break;
            unsigned char c = sc.s[i];
            if ((c & 0xFE) == 0xD8) {
                /* A D8/D9 lead skips its continuation byte only if there is
                 * one: a stray lead (under SYRIA_OPT_REPLACE_INVALID) must
                 * not swallow the space after it. */
                if (i + 1 < n && (sc.s[i + 1] & 0xC0) == 0x80) {
                    plain &= (unsigned)(arabic_block[c & 1] >> (sc.s[i + 1] & 0x3F)) & 1u;
                    i += 2;
                } else {
                    plain = 0;
                    i++;
                }
                continue;
            }
            if (c < 0x80) {
                if (c == ' ' || c == '\n' || classify_ascii(c) == C_SPACE) break;
                plain = 0;
                i++;
                continue;
            }
            /* Not the Arabic block: classify. */
            if (at(&sc, i, &cp, &len) == C_SPACE) break;
            plain = 0;
            i += (size_t)len;
        }
        if (plain) {
            if (!push_tok(doc, &sc, a, i, SYRIA_TOKEN_WORD, 0))
                return syria_fail(SYRIA_ENOMEM, "out of memory while tokenising");
            continue;
        }
        if (!tokenize_chunk(doc, &sc, a, i)) return syria_fail(SYRIA_ENOMEM, "out of memory while tokenising");
    }
    return SYRIA_OK;
}

/* The tables for doc's flags (norm_flags for the norms, the model's
 * default for the keys). */
static void norm_tables_init(norm_tables *nt, const struct syria_doc *doc)
{
    unsigned model_flags = SYRIA_NORM_DEFAULT;
    nt->same = doc->norm_flags == model_flags;
    /* The model holds the default tables; other flags get theirs here (and
     * so does the model builder, which counts words before a model exists). */
    if (doc->model) {
        nt->model = &doc->model->norm_default, nt->model_obf = &doc->model->norm_default_obf;
    } else {
        norm_table_init(&nt->own[0], model_flags);
        norm_table_init(&nt->own[1], model_flags | NORM_DEOBFUSCATE);
        nt->model = &nt->own[0], nt->model_obf = &nt->own[1];
    }
    nt->user = nt->model, nt->user_obf = nt->model_obf;
    if (!nt->same) {
        norm_table_init(&nt->own[2], doc->norm_flags);
        norm_table_init(&nt->own[3], doc->norm_flags | NORM_DEOBFUSCATE);
        nt->user = &nt->own[2], nt->user_obf = &nt->own[3];
    }
}

/* The arena holds every norm once (twice with non-default flags): sized once. */
static int reserve_norms(struct syria_doc *doc, const norm_tables *nt)
{
    return strbuf_grow(&doc->strings, doc->text_len * (nt->same ? 2 : 3) + 64);
}

int tokenize(struct syria_doc *doc) { return tokenize_with(doc, NULL); }

int tokenize_normalize(struct syria_doc *doc)
{
    norm_tables nt;
    norm_tables_init(&nt, doc);
    if (!reserve_norms(doc, &nt)) return syria_fail(SYRIA_ENOMEM, "out of memory while normalising");
    for (size_t k = 0; k < doc->toks.count; k++) normalize_token(doc, &nt, &doc->toks.items[k]);
    if (doc->strings.failed) return syria_fail(SYRIA_ENOMEM, "out of memory while normalising");
    return SYRIA_OK;
}

int tokenize_and_normalize(struct syria_doc *doc)
{
    norm_tables nt;
    norm_tables_init(&nt, doc);
    if (!reserve_norms(doc, &nt)) return syria_fail(SYRIA_ENOMEM, "out of memory while normalising");
    int rc = tokenize_with(doc, &nt);
    if (rc) return rc;
    if (doc->strings.failed) return syria_fail(SYRIA_ENOMEM, "out of memory while normalising");
    return SYRIA_OK;
}
