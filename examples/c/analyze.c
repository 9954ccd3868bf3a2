/* Analyse an article and print its sentences, tokens and JSON.
 *
 *   cc analyze.c $(pkg-config --cflags --libs libsyria) -o analyze
 *   ./analyze ARTICLE.txt [YYYY-MM-DD] */
#include <stdio.h>
#include <stdlib.h>

#include <syria/syria.h>

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    size_t cap = 1 << 16, n = 0;
    char *data = malloc(cap);
    size_t got;
    while (data && (got = fread(data + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) {
            char *p = realloc(data, cap *= 2);
            if (!p) free(data);
            data = p;
        }
    }
    fclose(f);
    *len = n;
    return data;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: analyze ARTICLE.txt [YYYY-MM-DD]\n");
        return 2;
    }
    size_t len = 0;
    char *text = read_file(argv[1], &len);
    if (!text) {
        perror(argv[1]);
        return 1;
    }
    syria_model *model = NULL;
    syria_doc *doc = NULL;
    syria_options opt = SYRIA_OPTIONS_INIT;
    opt.doc_name = argv[1];
    opt.doc_date = argc > 2 ? argv[2] : NULL;
    if (syria_model_load_default(&model) || syria_analyze(&doc, model, text, len, &opt)) {
        fprintf(stderr, "analyze: %s\n", syria_error_last());
        syria_model_free(model);
        free(text);
        return 1;
    }
    printf("libsyria %s: %zu sentences, %zu tokens, %zu entities, %zu events\n", syria_version(),
           syria_doc_sentence_count(doc), syria_doc_token_count(doc), syria_doc_entity_count(doc),
           syria_doc_event_count(doc));
    for (size_t s = 0; s < syria_doc_sentence_count(doc) && s < 2; s++) {
        const syria_sentence *sent = syria_doc_sentence(doc, s);
        printf("sentence %zu: %.*s\n", s + 1, (int)sent->length, text + sent->start);
        for (size_t k = sent->token_first; k < sent->token_first + sent->token_count; k++) {
            const syria_token *t = syria_doc_token(doc, k);
            printf("  %-8s %.*s -> %s [%s|%s|%s]\n", syria_token_kind_name(t->kind), (int)t->length,
                   text + t->start, t->norm, t->prefix, t->stem, t->suffix);
        }
    }
    for (size_t i = 0; i < syria_doc_entity_count(doc); i++) {
        const syria_entity *e = syria_doc_entity(doc, i);
        printf("entity %s %.*s %s\n", syria_entity_type_name(e->type), (int)e->length, text + e->start, e->code);
    }
    for (size_t i = 0; i < syria_doc_event_count(doc); i++) {
        const syria_event *v = syria_doc_event(doc, i);
        printf("event %s %s %.*s\n", v->type, v->cameo, (int)v->trigger_length, text + v->trigger_start);
    }
    syria_doc_free(doc);
    syria_model_free(model);
    free(text);
    return 0;
}
