/* syria: the command-line tool.
 *
 *   syria analyze [--date YYYY-MM-DD] [--name NAME] [--model FILE] [--pretty]
 *                 [--format json|html] [FILE...]
 *   syria tokenize [--model FILE] [FILE...]
 *   syria tag --conll [--schema] [--model FILE] [FILE]
 *
 * Each input is read whole and checked before anything is written for it: a
 * bad input gets one line on stderr and no output, the others go on, and the
 * exit status is 1 if any input failed (2 for a usage error). */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "html.h"
#include "syria/syria.h"

static const char *usage_text =
    "usage: syria analyze [--date YYYY-MM-DD] [--name NAME] [--model FILE] [--pretty]\n"
    "                     [--format json|html] [FILE...]\n"
    "       syria tokenize [--model FILE] [FILE...]\n"
    "       syria tag --conll [--schema] [--model FILE] [FILE]\n"
    "       syria --version | --help\n"
    "FILE '-' or no FILE reads standard input.\n";

/* A growable output buffer: an input's output is written only once it is
 * complete, so a failure leaves nothing partial behind. */
typedef struct buf {
    char *data;
    size_t len, cap;
} buf;

static void die_oom(void)
{
    fputs("syria: out of memory\n", stderr);
    exit(1);
}

static void buf_add(buf *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 4096;
        while (cap < b->len + n + 1) cap *= 2;
        char *p = realloc(b->data, cap);
        if (!p) die_oom();
        b->data = p;
        b->cap = cap;
    }
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = 0;
}

static void buf_printf(buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0) return;
    char *tmp = malloc((size_t)n + 1);
    if (!tmp) die_oom();
    va_start(ap, fmt);
    vsnprintf(tmp, (size_t)n + 1, fmt, ap);
    va_end(ap);
    buf_add(b, tmp, (size_t)n);
    free(tmp);
}

static int flush(const buf *b)
{
    if (b->len && fwrite(b->data, 1, b->len, stdout) != b->len) {
        fprintf(stderr, "syria: cannot write output: %s\n", strerror(errno));
        return 1;
    }
    return fflush(stdout) ? 1 : 0;
}

/* Reads a whole file ("-" is standard input). Returns 0, or prints one line
 * and returns 1. */
static int read_input(const char *path, buf *out)
{
    FILE *f = stdin;
    if (strcmp(path, "-") != 0) {
        struct stat st;
        if (stat(path, &st) != 0) {
            fprintf(stderr, "syria: %s: %s\n", path, strerror(errno));
            return 1;
        }
        if (S_ISDIR(st.st_mode)) {
            fprintf(stderr, "syria: %s: is a directory\n", path);
            return 1;
        }
        f = fopen(path, "rb");
        if (!f) {
            fprintf(stderr, "syria: %s: %s\n", path, strerror(errno));
            return 1;
        }
    }
    char chunk[65536];
    size_t n;
    out->len = 0;
    buf_add(out, "", 0);
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) buf_add(out, chunk, n);
    int err = ferror(f);
    if (f != stdin) fclose(f);
    if (err) {
        fprintf(stderr, "syria: %s: read error\n", path);
        return 1;
    }
    if (out->len == 0) {
        fprintf(stderr, "syria: %s: empty input\n", path);
        return 1;
    }
    return 0;
}

static const char *base_name(const char *path)
{
    if (!strcmp(path, "-")) return "stdin";
    const char *s = strrchr(path, '/');
    return s ? s + 1 : path;
}

/* Analyses one input, reporting failures as "syria: PATH: message". */
static syria_doc *analyze_input(const syria_model *model, const char *path, const buf *text,
                                const syria_options *opt)
{
    syria_doc *doc = NULL;
    int rc = syria_analyze(&doc, model, text->data, text->len, opt);
    if (rc) {
        fprintf(stderr, "syria: %s: %s\n", path, syria_error_last());
        return NULL;
    }
    return doc;
}

typedef struct args {
    const char *date, *name, *model, *format;
    int pretty, conll, schema;
    const char **files;
    int nfiles;
} args;

static int parse_args(int argc, char **argv, args *a)
{
    memset(a, 0, sizeof *a);
    a->files = calloc((size_t)argc + 1, sizeof *a->files);
    if (!a->files) die_oom();
    for (int i = 2; i < argc; i++) {
        const char *s = argv[i];
        if ((!strcmp(s, "--date") || !strcmp(s, "--name") || !strcmp(s, "--model") ||
             !strcmp(s, "--format")) && i + 1 >= argc) {
            fprintf(stderr, "syria: %s needs a value\n", s);
            return 2;
        }
        if (!strcmp(s, "--date")) a->date = argv[++i];
        else if (!strcmp(s, "--name")) a->name = argv[++i];
        else if (!strcmp(s, "--model")) a->model = argv[++i];
        else if (!strcmp(s, "--format")) a->format = argv[++i];
        else if (!strcmp(s, "--pretty")) a->pretty = 1;
        else if (!strcmp(s, "--conll")) a->conll = 1;
        else if (!strcmp(s, "--schema")) a->schema = 1;
        else if (!strcmp(s, "--")) {
            while (++i < argc) a->files[a->nfiles++] = argv[i];
        } else if (s[0] == '-' && s[1]) {
            fprintf(stderr, "syria: unknown option %s (see 'syria --help')\n", s);
            return 2;
        } else a->files[a->nfiles++] = s;
    }
    if (a->nfiles == 0) a->files[a->nfiles++] = "-";
    return 0;
}

static int load_model(const args *a, syria_model **model)
{
    int rc = a->model ? syria_model_load_file(model, a->model) : syria_model_load_default(model);
    if (rc) {
        fprintf(stderr, "syria: cannot load model: %s\n", syria_error_last());
        return 1;
    }
    return 0;
}

/* Formats one analysed input into out; 0, or 1 after printing why. */
typedef int (*format_fn)(buf *out, const syria_doc *doc, const buf *text, const char *path, const args *a);

/* The loop shared by analyze and tokenize: each input is read, analysed and
 * formatted whole before anything of it is written. */
static int for_each_input(const args *a, const syria_model *model, format_fn format)
{
    int failed = 0;
    buf text = {0}, out = {0};
    for (int i = 0; i < a->nfiles; i++) {
        const char *path = a->files[i];
        if (read_input(path, &text)) {
            failed = 1;
            continue;
        }
        syria_options opt = SYRIA_OPTIONS_INIT;
        opt.doc_name = a->name ? a->name : base_name(path);
        opt.doc_date = a->date;
        syria_doc *doc = analyze_input(model, path, &text, &opt);
        if (!doc) {
            failed = 1;
            continue;
        }
        out.len = 0;
        int rc = format(&out, doc, &text, path, a);
        syria_doc_free(doc);
        if (rc) {
            failed = 1;
            continue;
        }
        if (flush(&out)) {
            failed = 1;
            break;
        }
    }
    free(text.data);
    free(out.data);
    return failed;
}

/* One JSON document a line. */
static int format_json(buf *out, const syria_doc *doc, const buf *text, const char *path, const args *a)
{
    (void)text;
    char *json = NULL;
    size_t len = 0;
    if (syria_doc_to_json(&json, &len, doc, a->pretty ? SYRIA_JSON_PRETTY : 0u)) {
        fprintf(stderr, "syria: %s: %s\n", path, syria_error_last());
        return 1;
    }
    buf_add(out, json, len);
    buf_add(out, "\n", 1);
    syria_free(json);
    return 0;
}

/* One self-contained HTML page (tools/syria/html.c). */
static int format_html(buf *out, const syria_doc *doc, const buf *text, const char *path, const args *a)
{
    (void)text, (void)a;
    size_t len = 0;
    char *page = syria_cli_html(doc, &len);
    if (!page) {
        fprintf(stderr, "syria: %s: out of memory\n", path);
        return 1;
    }
    buf_add(out, page, len);
    free(page);
    return 0;
}

static int cmd_analyze(const args *a, const syria_model *model)
{
    if (a->name && a->nfiles > 1) {
        fputs("syria: --name names one input; several files were given\n", stderr);
        return 2;
    }
    if (a->format && strcmp(a->format, "json") && strcmp(a->format, "html")) {
        fprintf(stderr, "syria: unknown format '%s' (json or html)\n", a->format);
        return 2;
    }
    if (a->format && !strcmp(a->format, "html")) {
        if (a->nfiles > 1) {
            fputs("syria: --format html makes one page from one input; several files were given\n", stderr);
            return 2;
        }
        return for_each_input(a, model, format_html);
    }
    return for_each_input(a, model, format_json);
}

/* For people to read: one token a line, a blank line between sentences. */
static int format_tokens(buf *out, const syria_doc *doc, const buf *text, const char *path, const args *a)
{
    if (a->nfiles > 1) buf_printf(out, "# %s\n", path);
    size_t ns = syria_doc_sentence_count(doc);
    for (size_t s = 0; s < ns; s++) {
        const syria_sentence *sent = syria_doc_sentence(doc, s);
        buf_printf(out, "# sentence %zu [%zu-%zu)\n", s + 1, sent->start, sent->start + sent->length);
        for (size_t k = sent->token_first; k < sent->token_first + sent->token_count; k++) {
            const syria_token *t = syria_doc_token(doc, k);
            buf_printf(out, "%zu-%zu\t%s\t%.*s\t%s", t->start, t->start + t->length,
                       syria_token_kind_name(t->kind), (int)t->length, text->data + t->start, t->norm);
            if (t->prefix[0] || t->suffix[0])
                buf_printf(out, "\t%s%s%s%s%s", t->prefix, t->prefix[0] ? "+ " : "", t->stem,
                           t->suffix[0] ? " +" : "", t->suffix);
            buf_add(out, "\n", 1);
        }
        buf_add(out, "\n", 1);
    }
    return 0;
}

static int cmd_tokenize(const args *a, const syria_model *model)
{
    return for_each_input(a, model, format_tokens);
}

/* CoNLL in, "token TAG" out. The tokens are joined with spaces (sentences
 * with newlines) and analysed as one text; a CoNLL token is inside an entity
 * when the entity covers its stem, so attached proclitics do not matter.
 * Spans follow ANERcorp's conventions (SYRIA_OPT_ANERCORP), the data CoNLL
 * files come from; --schema gives SCHEMA.md's, those of `syria analyze`. */
static int cmd_tag(const args *a, const syria_model *model)
{
    if (!a->conll) {
        fputs("syria: tag needs --conll (the only input format so far)\n", stderr);
        return 2;
    }
    if (a->nfiles != 1) {
        fputs("syria: tag --conll reads one file\n", stderr);
        return 2;
    }
    const char *path = a->files[0];
    buf in = {0}, text = {0}, out = {0};
    if (read_input(path, &in)) {
        free(in.data);
        return 1;
    }
    /* Every column must be valid UTF-8, not only the tokens analysed. */
    char *check = NULL;
    if (syria_normalize(&check, NULL, in.data, in.len, 0u)) {
        fprintf(stderr, "syria: %s: %s\n", path, syria_error_last());
        free(in.data);
        return 1;
    }
    syria_free(check);

    /* Token spans in the joined text; (size_t)-1 start marks a sentence break. */
    size_t ntok = 0, cap = 1024;
    size_t(*spans)[2] = malloc(cap * sizeof *spans);
    if (!spans) die_oom();
    int in_sentence = 0;
    char *p = in.data, *end = in.data + in.len;
    while (p < end) {
        char *nl = memchr(p, '\n', (size_t)(end - p));
        char *le = nl ? nl : end;
        char *q = p;
        while (q < le && (*q == ' ' || *q == '\t' || *q == '\r')) q++;
        char *tok_end = q;
        while (tok_end < le && *tok_end != ' ' && *tok_end != '\t' && *tok_end != '\r') tok_end++;
        if (ntok + 1 >= cap) {
            cap *= 2;
            void *np = realloc(spans, cap * sizeof *spans);
            if (!np) die_oom();
            spans = np;
        }
        if (tok_end == q) { /* blank line: sentence break */
            if (in_sentence) {
                spans[ntok][0] = (size_t)-1;
                spans[ntok][1] = 0;
                ntok++;
                buf_add(&text, "\n", 1);
                in_sentence = 0;
            }
        } else {
            if (in_sentence) buf_add(&text, " ", 1);
            spans[ntok][0] = text.len;
            buf_add(&text, q, (size_t)(tok_end - q));
            spans[ntok][1] = text.len;
            ntok++;
            in_sentence = 1;
        }
        p = le + 1;
    }
    syria_doc *doc = NULL;
    if (text.len == 0) fprintf(stderr, "syria: %s: no tokens\n", path);
    else {
        syria_options opt = SYRIA_OPTIONS_INIT;
        if (!a->schema) opt.flags |= SYRIA_OPT_ANERCORP;
        doc = analyze_input(model, path, &text, &opt);
    }
    if (!doc) {
        free(spans);
        free(in.data);
        free(text.data);
        return 1;
    }

    /* Walk CoNLL tokens, library tokens and entities in order. */
    size_t nlib = syria_doc_token_count(doc), nent = syria_doc_entity_count(doc);
    size_t li = 0, ei = 0;
    const syria_entity *prev_ent = NULL;
    for (size_t k = 0; k < ntok; k++) {
        if (spans[k][0] == (size_t)-1) {
            buf_add(&out, "\n", 1);
            prev_ent = NULL;
            continue;
        }
        size_t s = spans[k][0], e = spans[k][1];
        while (li < nlib && syria_doc_token(doc, li)->start < s) li++;
        size_t stem_s = s, stem_e = e;
        if (li < nlib && syria_doc_token(doc, li)->start == s) {
            const syria_token *t = syria_doc_token(doc, li);
            if (t->start + t->length == e || t->stem_length) {
                stem_s = t->article_start;
                stem_e = t->stem_start + t->stem_length;
                if (stem_e <= stem_s) stem_s = s, stem_e = e;
            }
        }
        while (ei < nent && syria_doc_entity(doc, ei)->start + syria_doc_entity(doc, ei)->length <= stem_s) ei++;
        const syria_entity *ent = NULL;
        if (ei < nent) {
            const syria_entity *c = syria_doc_entity(doc, ei);
            if (c->start < stem_e && c->start + c->length > stem_s) ent = c;
        }
        buf_add(&out, text.data + s, e - s);
        if (ent) {
            const char *type = syria_entity_type_name(ent->type);
            buf_printf(&out, " %s-%s\n", ent == prev_ent ? "I" : "B", type);
        } else {
            buf_add(&out, " O\n", 3);
        }
        prev_ent = ent;
    }
    if (ntok && spans[ntok - 1][0] != (size_t)-1) buf_add(&out, "\n", 1);
    syria_doc_free(doc);
    int rc = flush(&out);
    free(spans);
    free(in.data);
    free(text.data);
    free(out.data);
    return rc;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fputs("syria: no command (see 'syria --help')\n", stderr);
        return 2;
    }
    const char *cmd = argv[1];
    if (!strcmp(cmd, "--help") || !strcmp(cmd, "-h") || !strcmp(cmd, "help")) {
        fputs(usage_text, stdout);
        return 0;
    }
    if (!strcmp(cmd, "--version")) {
        printf("syria %s\n", syria_version());
        return 0;
    }
    int (*run)(const args *, const syria_model *) = NULL;
    if (!strcmp(cmd, "analyze")) run = cmd_analyze;
    else if (!strcmp(cmd, "tokenize")) run = cmd_tokenize;
    else if (!strcmp(cmd, "tag")) run = cmd_tag;
    else {
        fprintf(stderr, "syria: unknown command '%s' (see 'syria --help')\n", cmd);
        return 2;
    }
    args a;
    int rc = parse_args(argc, argv, &a);
    if (!rc && a.schema && run != cmd_tag) {
        fputs("syria: --schema belongs to 'syria tag --conll'\n", stderr);
        rc = 2;
    }
    if (rc) {
        free(a.files);
        return rc;
    }
    syria_model *model = NULL;
    if (load_model(&a, &model)) {
        free(a.files);
        return 1;
    }
    if (a.date) {
        /* Check the date once, before any input is read. */
        syria_options opt = SYRIA_OPTIONS_INIT;
        opt.doc_date = a.date;
        syria_doc *probe = NULL;
        if (syria_analyze(&probe, model, "", 0, &opt)) {
            fprintf(stderr, "syria: %s\n", syria_error_last());
            syria_model_free(model);
            free(a.files);
            return 2;
        }
        syria_doc_free(probe);
    }
    rc = run(&a, model);
    syria_model_free(model);
    free(a.files);
    return rc;
}
