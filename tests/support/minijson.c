#include "minijson.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

typedef struct parser {
    const char *s;
    size_t n, i;
    int depth;
    char *err;
    size_t errcap;
    int failed;
} parser;

static int fail(parser *p, const char *what)
{
    if (!p->failed) snprintf(p->err, p->errcap, "%s at byte %zu", what, p->i);
    p->failed = 1;
    return 0;
}

static void ws(parser *p)
{
    while (p->i < p->n && (p->s[p->i] == ' ' || p->s[p->i] == '\t' || p->s[p->i] == '\n' || p->s[p->i] == '\r'))
        p->i++;
}

static void clear(mj_value *v)
{
    if (!v) return;
    free(v->string);
    for (size_t k = 0; k < v->count; k++) {
        if (v->items) clear(&v->items[k]);
        if (v->keys) free(v->keys[k]);
    }
    free(v->items);
    free(v->keys);
    memset(v, 0, sizeof *v);
}

static int hex4(parser *p, unsigned *out)
{
    if (p->n - p->i < 4) return fail(p, "truncated \\u escape");
    unsigned v = 0;
    for (int k = 0; k < 4; k++) {
        char c = p->s[p->i++];
        v <<= 4;
        if (c >= '0' && c <= '9') v |= (unsigned)(c - '0');
        else if (c >= 'a' && c <= 'f') v |= (unsigned)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F') v |= (unsigned)(c - 'A' + 10);
        else return fail(p, "bad hex digit in \\u escape");
    }
    *out = v;
    return 1;
}

static int put(char **buf, size_t *len, size_t *cap, const char *b, size_t n)
{
    if (*len + n + 1 > *cap) {
        size_t c = *cap ? *cap * 2 : 32;
        while (c < *len + n + 1) c *= 2;
        char *q = realloc(*buf, c);
        if (!q) return 0;
        *buf = q;
        *cap = c;
    }
    memcpy(*buf + *len, b, n);
    *len += n;
    (*buf)[*len] = '\0';
    return 1;
}

static int put_cp(char **buf, size_t *len, size_t *cap, unsigned cp)
{
    char e[4];
    size_t n;
    if (cp < 0x80) e[0] = (char)cp, n = 1;
    else if (cp < 0x800) e[0] = (char)(0xC0 | cp >> 6), e[1] = (char)(0x80 | (cp & 0x3F)), n = 2;
    else if (cp < 0x10000)
        e[0] = (char)(0xE0 | cp >> 12), e[1] = (char)(0x80 | ((cp >> 6) & 0x3F)), e[2] = (char)(0x80 | (cp & 0x3F)), n = 3;
    else
        e[0] = (char)(0xF0 | cp >> 18), e[1] = (char)(0x80 | ((cp >> 12) & 0x3F)),
        e[2] = (char)(0x80 | ((cp >> 6) & 0x3F)), e[3] = (char)(0x80 | (cp & 0x3F)), n = 4;
    return put(buf, len, cap, e, n);
}

static int string(parser *p, char **out, size_t *out_len)
{
    char *buf = NULL;
    size_t len = 0, cap = 0;
    p->i++; /* opening quote */
    if (!put(&buf, &len, &cap, "", 0)) return fail(p, "out of memory");
    for (;;) {
        if (p->i >= p->n) {
            free(buf);
            return fail(p, "unterminated string");
        }
        unsigned char c = (unsigned char)p->s[p->i];
        if (c == '"') {
            p->i++;
            break;
        }
        if (c < 0x20) {
            free(buf);
            return fail(p, "raw control character in string");
        }
        if (c == '\\') {
            if (p->i + 1 >= p->n) {
                free(buf);
                return fail(p, "truncated escape");
            }
            char e = p->s[p->i + 1];
            p->i += 2;
            const char *m = NULL;
            switch (e) {
            case '"': m = "\""; break;
            case '\\': m = "\\"; break;
            case '/': m = "/"; break;
            case 'b': m = "\b"; break;
            case 'f': m = "\f"; break;
            case 'n': m = "\n"; break;
            case 'r': m = "\r"; break;
            case 't': m = "\t"; break;
            case 'u': {
                unsigned cp;
                if (!hex4(p, &cp)) {
                    free(buf);
                    return 0;
                }
                if (cp >= 0xD800 && cp <= 0xDBFF) {
                    unsigned lo;
                    if (p->n - p->i < 6 || p->s[p->i] != '\\' || p->s[p->i + 1] != 'u') {
                        free(buf);
                        return fail(p, "lone high surrogate escape");
                    }
                    p->i += 2;
                    if (!hex4(p, &lo) || lo < 0xDC00 || lo > 0xDFFF) {
                        free(buf);
                        return fail(p, "bad low surrogate escape");
                    }
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
                    free(buf);
                    return fail(p, "lone low surrogate escape");
                }
                if (!put_cp(&buf, &len, &cap, cp)) {
                    free(buf);
                    return fail(p, "out of memory");
                }
                continue;
            }
            default:
                free(buf);
                return fail(p, "unknown escape");
            }
            if (!put(&buf, &len, &cap, m, 1)) {
                free(buf);
                return fail(p, "out of memory");
            }
            continue;
        }
        uint32_t cp;
        int k = tu_utf8_decode((const unsigned char *)p->s + p->i, p->n - p->i, &cp);
        if (!k) {
            free(buf);
            return fail(p, "invalid UTF-8 in string");
        }
        if (!put(&buf, &len, &cap, p->s + p->i, (size_t)k)) {
            free(buf);
            return fail(p, "out of memory");
        }
        p->i += (size_t)k;
    }
    *out = buf;
    *out_len = len;
    return 1;
}

static int value(parser *p, mj_value *v);

static int number(parser *p, mj_value *v)
{
    size_t a = p->i;
    int integer = 1;
    if (p->i < p->n && p->s[p->i] == '-') p->i++;
    if (p->i >= p->n) return fail(p, "bad number");
    if (p->s[p->i] == '0') p->i++;
    else if (p->s[p->i] >= '1' && p->s[p->i] <= '9')
        while (p->i < p->n && p->s[p->i] >= '0' && p->s[p->i] <= '9') p->i++;
    else return fail(p, "bad number");
    if (p->i < p->n && p->s[p->i] == '.') {
        integer = 0;
        p->i++;
        size_t d = p->i;
        while (p->i < p->n && p->s[p->i] >= '0' && p->s[p->i] <= '9') p->i++;
        if (p->i == d) return fail(p, "bad fraction");
    }
    if (p->i < p->n && (p->s[p->i] == 'e' || p->s[p->i] == 'E')) {
        integer = 0;
        p->i++;
        if (p->i < p->n && (p->s[p->i] == '+' || p->s[p->i] == '-')) p->i++;
        size_t d = p->i;
        while (p->i < p->n && p->s[p->i] >= '0' && p->s[p->i] <= '9') p->i++;
        if (p->i == d) return fail(p, "bad exponent");
    }
    char tmp[64];
    size_t len = p->i - a;
    if (len >= sizeof tmp) len = sizeof tmp - 1;
    memcpy(tmp, p->s + a, len);
    tmp[len] = '\0';
    v->type = MJ_NUMBER;
    v->number = strtod(tmp, NULL);
    v->is_integer = integer;
    return 1;
}

static int literal(parser *p, const char *word)
{
    size_t k = strlen(word);
    if (p->n - p->i < k || memcmp(p->s + p->i, word, k) != 0) return fail(p, "unexpected character");
    p->i += k;
    return 1;
}

static int push_item(mj_value *v, size_t *cap)
{
    if (v->count == *cap) {
        size_t c = *cap ? *cap * 2 : 8;
        mj_value *items = realloc(v->items, c * sizeof *items);
        if (!items) return 0;
        v->items = items;
        if (v->type == MJ_OBJECT) {
            char **keys = realloc(v->keys, c * sizeof *keys);
            if (!keys) return 0;
            v->keys = keys;
        }
        *cap = c;
    }
    memset(&v->items[v->count], 0, sizeof v->items[0]);
    if (v->type == MJ_OBJECT) v->keys[v->count] = NULL;
    v->count++;
    return 1;
}

static int value(parser *p, mj_value *v)
{
    ws(p);
    if (p->i >= p->n) return fail(p, "unexpected end of input");
    if (++p->depth > 200) return fail(p, "nesting too deep");
    int ok = 1;
    char c = p->s[p->i];
    if (c == '{' || c == '[') {
        v->type = c == '{' ? MJ_OBJECT : MJ_ARRAY;
        char close = c == '{' ? '}' : ']';
        size_t cap = 0;
        p->i++;
        ws(p);
        if (p->i < p->n && p->s[p->i] == close) {
            p->i++;
        } else {
            for (;;) {
                if (!push_item(v, &cap)) {
                    ok = fail(p, "out of memory");
                    break;
                }
                size_t at = v->count - 1;
                if (v->type == MJ_OBJECT) {
                    ws(p);
                    if (p->i >= p->n || p->s[p->i] != '"') {
                        ok = fail(p, "expected a key");
                        break;
                    }
                    size_t kl;
                    if (!string(p, &v->keys[at], &kl)) {
                        ok = 0;
                        break;
                    }
                    for (size_t j = 0; j < at; j++)
                        if (strcmp(v->keys[j], v->keys[at]) == 0) {
                            ok = fail(p, "duplicate key");
                            break;
                        }
                    if (!ok) break;
                    ws(p);
                    if (p->i >= p->n || p->s[p->i] != ':') {
                        ok = fail(p, "expected ':'");
                        break;
                    }
                    p->i++;
                }
                if (!value(p, &v->items[at])) {
                    ok = 0;
                    break;
                }
                ws(p);
                if (p->i < p->n && p->s[p->i] == ',') {
                    p->i++;
                    continue;
                }
                if (p->i < p->n && p->s[p->i] == close) {
                    p->i++;
                    break;
                }
                ok = fail(p, "expected ',' or a closing bracket");
                break;
            }
        }
    } else if (c == '"') {
        v->type = MJ_STRING;
        ok = string(p, &v->string, &v->string_len);
    } else if (c == 't') {
        v->type = MJ_BOOL;
        v->boolean = 1;
        ok = literal(p, "true");
    } else if (c == 'f') {
        v->type = MJ_BOOL;
        ok = literal(p, "false");
    } else if (c == 'n') {
        v->type = MJ_NULL;
        ok = literal(p, "null");
    } else {
        ok = number(p, v);
    }
    p->depth--;
    return ok;
}

mj_value *mj_parse(const char *s, size_t n, char *err, size_t errcap)
{
    parser p = {s, n, 0, 0, err, errcap, 0};
    if (errcap) err[0] = '\0';
    mj_value *v = calloc(1, sizeof *v);
    if (!v) return NULL;
    if (value(&p, v)) {
        ws(&p);
        if (p.i != p.n) fail(&p, "trailing data after the value");
    }
    if (p.failed) {
        clear(v);
        free(v);
        return NULL;
    }
    return v;
}

void mj_free(mj_value *v)
{
    if (!v) return;
    clear(v);
    free(v);
}

const mj_value *mj_get(const mj_value *obj, const char *key)
{
    if (!obj || obj->type != MJ_OBJECT) return NULL;
    for (size_t k = 0; k < obj->count; k++)
        if (strcmp(obj->keys[k], key) == 0) return &obj->items[k];
    return NULL;
}

int mj_equal(const mj_value *a, const mj_value *b)
{
    if (a->type != b->type) return 0;
    switch (a->type) {
    case MJ_NULL: return 1;
    case MJ_BOOL: return a->boolean == b->boolean;
    case MJ_NUMBER: return a->number == b->number;
    case MJ_STRING: return a->string_len == b->string_len && memcmp(a->string, b->string, a->string_len) == 0;
    case MJ_ARRAY:
        if (a->count != b->count) return 0;
        for (size_t k = 0; k < a->count; k++)
            if (!mj_equal(&a->items[k], &b->items[k])) return 0;
        return 1;
    case MJ_OBJECT:
        if (a->count != b->count) return 0;
        for (size_t k = 0; k < a->count; k++) {
            const mj_value *o = mj_get(b, a->keys[k]);
            if (!o || !mj_equal(&a->items[k], o)) return 0;
        }
        return 1;
    }
    return 0;
}
