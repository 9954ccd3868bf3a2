/* Helpers shared by the libsyria fuzz targets, #included by each target (it
 * is not compiled on its own):
 * invariant checks over a document, a strict UTF-8 check and a small strict
 * JSON syntax checker. Every violated invariant ends in fuzz_fail(), which
 * prints what went wrong and traps, so libFuzzer records the input. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <syria/syria.h>

#define FUZZ_CHECK(cond, what)                              \
    do {                                                    \
        if (!(cond)) fuzz_fail((what), __FILE__, __LINE__); \
    } while (0)

#define FUZZ_UNUSED __attribute__((unused))

static FUZZ_UNUSED __attribute__((noreturn)) void fuzz_fail(const char *what, const char *file, int line)
{
    fprintf(stderr, "\nFUZZ INVARIANT FAILED at %s:%d: %s\n  last error: %d %s\n", file, line, what,
            syria_error_last_code(), syria_error_last());
    fflush(stderr);
    __builtin_trap();
}

/* Length of the valid UTF-8 prefix of s[0..n) (n if all valid): shortest
 * forms only, no surrogates, nothing above U+10FFFF. */
static FUZZ_UNUSED size_t fuzz_utf8_valid_prefix(const unsigned char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        unsigned c = s[i];
        size_t k;
        unsigned cp, min;
        if (c < 0x80) {
            i++;
            continue;
        } else if ((c & 0xE0) == 0xC0) {
            k = 1, cp = c & 0x1F, min = 0x80;
        } else if ((c & 0xF0) == 0xE0) {
            k = 2, cp = c & 0x0F, min = 0x800;
        } else if ((c & 0xF8) == 0xF0) {
            k = 3, cp = c & 0x07, min = 0x10000;
        } else {
            return i;
        }
        if (n - i <= k) return i;
        for (size_t j = 1; j <= k; j++) {
            if ((s[i + j] & 0xC0) != 0x80) return i;
            cp = cp << 6 | (s[i + j] & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return i;
        i += k + 1;
    }
    return n;
}

static FUZZ_UNUSED int utf8_ok(const char *s)
{
    size_t n = strlen(s);
    return fuzz_utf8_valid_prefix((const unsigned char *)s, n) == n;
}

/* ---- JSON syntax (RFC 8259), iterative depth-limited recursive descent ---- */
typedef struct jp {
    const char *s;
    size_t n, i;
    int depth;
    /* top-level keys seen (for the NO_TOKENS check) */
    int saw_tokens, saw_sentences;
} jp;

static void jws(jp *p)
{
    while (p->i < p->n && (p->s[p->i] == ' ' || p->s[p->i] == '\t' || p->s[p->i] == '\n' || p->s[p->i] == '\r'))
        p->i++;
}

/* A string at p->i; its raw (undecoded) body in *b,*bl. */
static int jstring(jp *p, const char **b, size_t *bl)
{
    if (p->i >= p->n || p->s[p->i] != '"') return 0;
    p->i++;
    size_t start = p->i;
    while (p->i < p->n) {
        unsigned char c = (unsigned char)p->s[p->i];
        if (c == '"') {
            if (b) *b = p->s + start, *bl = p->i - start;
            p->i++;
            return 1;
        }
        if (c < 0x20) return 0;
        if (c == '\\') {
            if (++p->i >= p->n) return 0;
            char e = p->s[p->i];
            if (e == 'u') {
                if (p->n - p->i < 5) return 0;
                for (int k = 1; k <= 4; k++) {
                    char h = p->s[p->i + k];
                    if (!((h >= '0' && h <= '9') || (h >= 'a' && h <= 'f') || (h >= 'A' && h <= 'F'))) return 0;
                }
                p->i += 5;
                continue;
            }
            if (!strchr("\"\\/bfnrt", e) || e == 0) return 0;
            p->i++;
            continue;
        }
        p->i++;
    }
    return 0;
}

static int jnumber(jp *p)
{
    size_t i = p->i;
    if (i < p->n && p->s[i] == '-') i++;
    if (i >= p->n) return 0;
    if (p->s[i] == '0') {
        i++;
    } else if (p->s[i] >= '1' && p->s[i] <= '9') {
        while (i < p->n && p->s[i] >= '0' && p->s[i] <= '9') i++;
    } else {
        return 0;
    }
    if (i < p->n && p->s[i] == '.') {
        i++;
        if (i >= p->n || p->s[i] < '0' || p->s[i] > '9') return 0;
        while (i < p->n && p->s[i] >= '0' && p->s[i] <= '9') i++;
    }
    if (i < p->n && (p->s[i] == 'e' || p->s[i] == 'E')) {
        i++;
        if (i < p->n && (p->s[i] == '+' || p->s[i] == '-')) i++;
        if (i >= p->n || p->s[i] < '0' || p->s[i] > '9') return 0;
        while (i < p->n && p->s[i] >= '0' && p->s[i] <= '9') i++;
    }
    p->i = i;
    return 1;
}

static int jvalue(jp *p)
{
    jws(p);
    if (p->i >= p->n) return 0;
    char c = p->s[p->i];
    if (c == '{' || c == '[') {
        if (++p->depth > 64) return 0;
        int top = p->depth == 1 && c == '{';
        char close = c == '{' ? '}' : ']';
        p->i++;
        jws(p);
        if (p->i < p->n && p->s[p->i] == close) {
            p->i++;
            p->depth--;
            return 1;
        }
        for (;;) {
            if (c == '{') {
                jws(p);
                const char *k;
                size_t kl;
                if (!jstring(p, &k, &kl)) return 0;
                if (top && kl == 6 && memcmp(k, "tokens", 6) == 0) p->saw_tokens = 1;
                if (top && kl == 9 && memcmp(k, "sentences", 9) == 0) p->saw_sentences = 1;
                jws(p);
                if (p->i >= p->n || p->s[p->i] != ':') return 0;
                p->i++;
            }
            if (!jvalue(p)) return 0;
            jws(p);
            if (p->i >= p->n) return 0;
            if (p->s[p->i] == ',') {
                p->i++;
                continue;
            }
            if (p->s[p->i] == close) {
                p->i++;
                p->depth--;
                return 1;
            }
            return 0;
        }
    }
    if (c == '"') return jstring(p, NULL, NULL);
    if (c == '-' || (c >= '0' && c <= '9')) return jnumber(p);
    static const char *const lits[] = {"true", "false", "null"};
    for (int k = 0; k < 3; k++) {
        size_t l = strlen(lits[k]);
        if (p->n - p->i >= l && memcmp(p->s + p->i, lits[k], l) == 0) {
            p->i += l;
            return 1;
        }
    }
    return 0;
}

/* Checks one export: NUL-free, valid UTF-8, strict JSON object. Returns a
 * bitmask: 1 if a top-level "tokens" key was seen, 2 for "sentences". */
static FUZZ_UNUSED int fuzz_check_json(const char *json, size_t len, int pretty)
{
    FUZZ_CHECK(json != NULL, "JSON export returned OK but no string");
    FUZZ_CHECK(strlen(json) == len, "JSON length differs from strlen (embedded NUL or wrong out_len)");
    FUZZ_CHECK(len > 0 && json[0] == '{', "JSON does not start with '{'");
    FUZZ_CHECK(fuzz_utf8_valid_prefix((const unsigned char *)json, len) == len, "JSON is not valid UTF-8");
    if (!pretty) FUZZ_CHECK(memchr(json, '\n', len) == NULL, "compact JSON spans several lines");
    jp p = {json, len, 0, 0, 0, 0};
    FUZZ_CHECK(jvalue(&p), "JSON syntax error");
    jws(&p);
    FUZZ_CHECK(p.i == p.n, "trailing data after the JSON object");
    return p.saw_tokens | p.saw_sentences << 1;
}

/* Compact form of a pretty export: whitespace outside strings removed. */
static FUZZ_UNUSED char *fuzz_json_squeeze(const char *s, size_t n, size_t *out_len)
{
    char *o = malloc(n + 1);
    if (!o) return NULL;
    size_t k = 0;
    int in = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (in) {
            o[k++] = c;
            if (c == '\\' && i + 1 < n) o[k++] = s[++i];
            else if (c == '"') in = 0;
        } else if (c == '"') {
            in = 1;
            o[k++] = c;
        } else if (c != ' ' && c != '\n' && c != '\t' && c != '\r') {
            o[k++] = c;
        }
    }
    o[k] = '\0';
    *out_len = k;
    return o;
}

/* Walks every getter of doc and checks the invariants; text/len are what
 * was passed to syria_analyze. */
static FUZZ_UNUSED void fuzz_check_doc(const syria_doc *doc, const char *text, size_t len, unsigned opt_flags)
{
    size_t dl = (size_t)-1;
    const char *dt = syria_doc_text(doc, &dl);
    FUZZ_CHECK(dt != NULL, "syria_doc_text is NULL");
    FUZZ_CHECK(dl == len, "syria_doc_text length differs from the input length");
    FUZZ_CHECK(memcmp(dt, text, len) == 0, "syria_doc_text differs from the input");
    FUZZ_CHECK(dt[len] == '\0', "syria_doc_text is not NUL-terminated");
    FUZZ_CHECK(syria_doc_name(doc) != NULL, "syria_doc_name is NULL");
    const char *date = syria_doc_date(doc);
    FUZZ_CHECK(date != NULL, "syria_doc_date is NULL");
    FUZZ_CHECK(strlen(date) == 0 || strlen(date) == 10, "syria_doc_date neither empty nor YYYY-MM-DD");

    size_t nt = syria_doc_token_count(doc), ns = syria_doc_sentence_count(doc);
    FUZZ_CHECK(nt <= len, "more tokens than bytes");
    FUZZ_CHECK(ns <= len, "more sentences than bytes");
    FUZZ_CHECK(syria_doc_token(doc, nt) == NULL, "token getter past the end is not NULL");
    FUZZ_CHECK(syria_doc_sentence(doc, ns) == NULL, "sentence getter past the end is not NULL");
    FUZZ_CHECK(syria_doc_sentence(doc, (size_t)-1) == NULL, "sentence getter at SIZE_MAX is not NULL");
    FUZZ_CHECK(syria_doc_token(doc, (size_t)-1) == NULL, "token getter at SIZE_MAX is not NULL");

    /* Sentences: in order, non-overlapping, inside the text, their token
     * ranges partition the tokens. */
    size_t prev_end = 0, next_tok = 0;
    for (size_t i = 0; i < ns; i++) {
        const syria_sentence *s = syria_doc_sentence(doc, i);
        FUZZ_CHECK(s != NULL, "sentence getter in range returned NULL");
        FUZZ_CHECK(s->start <= len && s->length <= len - s->start, "sentence outside the text");
        FUZZ_CHECK(s->start >= prev_end, "sentences out of order or overlapping");
        prev_end = s->start + s->length;
        FUZZ_CHECK(s->token_first == next_tok, "sentence token ranges do not partition the tokens");
        FUZZ_CHECK(s->token_count <= nt - s->token_first, "sentence token range past the last token");
        next_tok = s->token_first + s->token_count;
    }
    FUZZ_CHECK(next_tok == nt, "tokens outside every sentence");

    prev_end = 0;
    for (size_t i = 0; i < nt; i++) {
        const syria_token *t = syria_doc_token(doc, i);
        FUZZ_CHECK(t != NULL, "token getter in range returned NULL");
        FUZZ_CHECK(t->length > 0, "empty token");
        FUZZ_CHECK(t->start <= len && t->length <= len - t->start, "token outside the text");
        FUZZ_CHECK(t->start >= prev_end, "tokens out of order or overlapping");
        prev_end = t->start + t->length;
        FUZZ_CHECK(t->kind >= SYRIA_TOKEN_WORD && t->kind <= SYRIA_TOKEN_SYMBOL, "token kind out of range");
        FUZZ_CHECK(strcmp(syria_token_kind_name(t->kind), "unknown") != 0, "token kind has no name");
        FUZZ_CHECK(t->norm && t->prefix && t->stem && t->suffix, "token string field is NULL");
        FUZZ_CHECK(utf8_ok(t->norm), "token norm is not valid UTF-8");
        FUZZ_CHECK(utf8_ok(t->prefix), "token prefix is not valid UTF-8");
        FUZZ_CHECK(utf8_ok(t->stem), "token stem is not valid UTF-8");
        FUZZ_CHECK(utf8_ok(t->suffix), "token suffix is not valid UTF-8");
        FUZZ_CHECK(t->stem_start >= t->start, "stem starts before its token");
        FUZZ_CHECK(t->stem_start <= t->start + t->length && t->stem_length <= t->start + t->length - t->stem_start,
                   "stem ends after its token");
        FUZZ_CHECK(t->article_start >= t->start && t->article_start <= t->stem_start,
                   "article_start outside [token start, stem start]");
        if (opt_flags & SYRIA_OPT_NO_CLITICS) {
            FUZZ_CHECK(t->prefix[0] == '\0' && t->suffix[0] == '\0', "clitics split although SYRIA_OPT_NO_CLITICS");
        }
        if (t->kind != SYRIA_TOKEN_WORD) {
            FUZZ_CHECK(t->prefix[0] == '\0' && t->suffix[0] == '\0', "non-word token with clitics");
        }
        FUZZ_CHECK(t->sentence < ns, "token's sentence index out of range");
        const syria_sentence *s = syria_doc_sentence(doc, t->sentence);
        FUZZ_CHECK(i >= s->token_first && i - s->token_first < s->token_count,
                   "token not in the token range of its sentence");
        FUZZ_CHECK(t->start >= s->start && t->start + t->length <= s->start + s->length,
                   "token not inside the span of its sentence");
    }

    size_t ne = syria_doc_entity_count(doc);
    FUZZ_CHECK(syria_doc_entity(doc, ne) == NULL, "entity getter past the end is not NULL");
    for (size_t i = 0; i < ne; i++) {
        const syria_entity *e = syria_doc_entity(doc, i);
        FUZZ_CHECK(e != NULL, "entity getter in range returned NULL");
        FUZZ_CHECK(e->start <= len && e->length <= len - e->start, "entity outside the text");
        FUZZ_CHECK(e->id && e->canonical && e->code && e->value, "entity string field is NULL");
        FUZZ_CHECK(e->token_first <= nt && e->token_count <= nt - e->token_first, "entity token range out of range");
        (void)syria_entity_type_name(e->type);
    }
    size_t nv = syria_doc_event_count(doc);
    FUZZ_CHECK(syria_doc_event(doc, nv) == NULL, "event getter past the end is not NULL");
    for (size_t i = 0; i < nv; i++) {
        const syria_event *v = syria_doc_event(doc, i);
        FUZZ_CHECK(v != NULL, "event getter in range returned NULL");
        FUZZ_CHECK(v->trigger_start <= len && v->trigger_length <= len - v->trigger_start, "event trigger outside the text");
        FUZZ_CHECK(v->id && v->type && v->mode && v->cameo && v->location && v->date && v->reported_by,
                   "event string field is NULL");
        FUZZ_CHECK(v->source_count == 0 || v->sources, "event sources NULL");
        FUZZ_CHECK(v->target_count == 0 || v->targets, "event targets NULL");
        (void)syria_event_status_name(v->status);
    }
}

/* Exports doc compact and pretty, checks both and that they agree. */
static FUZZ_UNUSED void fuzz_check_exports(const syria_doc *doc, unsigned extra_flags)
{
    char *c = NULL, *p = NULL;
    size_t cl = 0, pl = 0;
    int rc = syria_doc_to_json(&c, &cl, doc, extra_flags);
    FUZZ_CHECK(rc == SYRIA_OK, "compact JSON export failed");
    int kc = fuzz_check_json(c, cl, 0);
    rc = syria_doc_to_json(&p, &pl, doc, extra_flags | SYRIA_JSON_PRETTY);
    FUZZ_CHECK(rc == SYRIA_OK, "pretty JSON export failed");
    int kp = fuzz_check_json(p, pl, 1);
    FUZZ_CHECK(kc == kp, "compact and pretty JSON have different top-level keys");
    if (extra_flags & SYRIA_JSON_NO_TOKENS) {
        FUZZ_CHECK(kc == 0, "SYRIA_JSON_NO_TOKENS export still has \"tokens\" or \"sentences\"");
    } else {
        FUZZ_CHECK(kc == 3, "export lacks \"tokens\" or \"sentences\"");
    }
    size_t sl = 0;
    char *sq = fuzz_json_squeeze(p, pl, &sl);
    if (sq) {
        FUZZ_CHECK(sl == cl && memcmp(sq, c, cl) == 0, "pretty JSON without whitespace differs from compact JSON");
        free(sq);
    }
    syria_free(c);
    syria_free(p);
}
