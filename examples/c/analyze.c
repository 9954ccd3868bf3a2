/* Analyse an article and print its entities and events.
 *
 *   make                     # or: cc analyze.c $(pkg-config --cflags --libs libsyria) -o analyze
 *   ./analyze ARTICLE.txt [YYYY-MM-DD]
 *
 * examples/python/analyze.py and examples/lua/analyze.lua print the same
 * lines (ctest compares them). */
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

/* " key=value", only when the optional string is present. */
static void print_optional(const char *key, const char *value)
{
    if (value && *value) printf(" %s=%s", key, value);
}

/* CODE(entity),CODE,... or "-" */
static void print_actors(const char *key, const syria_actor *actors, size_t count)
{
    printf(" %s=", key);
    if (!count) fputs("-", stdout);
    for (size_t i = 0; i < count; i++) {
        printf("%s%s", i ? "," : "", actors[i].code);
        if (actors[i].entity && *actors[i].entity) printf("(%s)", actors[i].entity);
    }
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
    for (size_t i = 0; i < syria_doc_entity_count(doc); i++) {
        const syria_entity *e = syria_doc_entity(doc, i);
        /* Spans are byte offsets into the text. */
        printf("entity %s %s \"%.*s\"", e->id, syria_entity_type_name(e->type), (int)e->length,
               text + e->start);
        print_optional("canonical", e->canonical);
        print_optional("code", e->code);
        print_optional("value", e->value);
        putchar('\n');
    }
    for (size_t i = 0; i < syria_doc_event_count(doc); i++) {
        const syria_event *v = syria_doc_event(doc, i);
        printf("event %s %s", v->id, v->type);
        print_optional("mode", v->mode);
        printf(" cameo=%s quad=%d goldstein=%.1f trigger=\"%.*s\"", v->cameo, v->quad, v->goldstein,
               (int)v->trigger_length, text + v->trigger_start);
        print_actors("sources", v->sources, v->source_count);
        print_actors("targets", v->targets, v->target_count);
        print_optional("location", v->location);
        print_optional("date", v->date);
        printf(" status=%s", syria_event_status_name(v->status));
        print_optional("reported_by", v->reported_by);
        putchar('\n');
    }
    syria_doc_free(doc);
    syria_model_free(model);
    free(text);
    return 0;
}
