/* Output guard for speed work: prints every token (start, length, kind,
 * norm, prefix, stem, suffix, stem span, article start, sentence) and every
 * sentence, entity and event (every field, actors included) of the first N
 * articles of a corpus, so that a change to the
 * hot paths can be checked to leave the analysis byte-for-byte identical:
 *
 *   dump_tokens CORPUS [N] [--tokens-only] > before.txt   (change, rebuild)
 *   dump_tokens CORPUS [N] [--tokens-only] > after.txt && cmp before.txt after.txt
 *
 * --tokens-only analyses with SYRIA_OPT_NO_ENTITIES (no tag and extract
 * stages): the guard for the tokeniser, normaliser, clitic and sentence
 * stages while the later stages change under other hands.
 */
#include <string.h>
#include <stdio.h>
#include <stdlib.h>

#include "corpus.h"
#include "syria/syria.h"

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: dump_tokens CORPUS [ARTICLES] [--tokens-only]\n");
        return 2;
    }
    size_t limit = (size_t)-1;
    syria_options opt = SYRIA_OPTIONS_INIT;
    for (int i = 2; i < argc; i++) {
        if (!strcmp(argv[i], "--tokens-only")) opt.flags |= SYRIA_OPT_NO_ENTITIES;
        else limit = (size_t)strtoul(argv[i], NULL, 10);
    }
    char *data;
    article *arts;
    size_t narts = corpus_load(argv[1], &data, &arts);
    syria_model *model = NULL;
    if (syria_model_load_default(&model)) {
        fprintf(stderr, "dump_tokens: %s\n", syria_error_last());
        return 1;
    }
    for (size_t i = 0; i < narts && i < limit; i++) {
        syria_doc *doc = NULL;
        if (syria_analyze(&doc, model, arts[i].text, arts[i].len, &opt)) {
            printf("article %zu: error %d\n", i, syria_error_last_code());
            continue;
        }
        printf("article %zu\n", i);
        for (size_t s = 0; s < syria_doc_sentence_count(doc); s++) {
            const syria_sentence *x = syria_doc_sentence(doc, s);
            printf("S %zu %zu %zu %zu\n", x->start, x->length, x->token_first, x->token_count);
        }
        for (size_t k = 0; k < syria_doc_token_count(doc); k++) {
            const syria_token *t = syria_doc_token(doc, k);
            printf("%zu %zu %d %s %s %s %s %zu %zu %zu %zu\n", t->start, t->length, t->kind, t->norm,
                   t->prefix, t->stem, t->suffix, t->stem_start, t->stem_length, t->article_start,
                   t->sentence);
        }
        for (size_t k = 0; k < syria_doc_entity_count(doc); k++) {
            const syria_entity *e = syria_doc_entity(doc, k);
            printf("E %s %zu %zu %d %s %s %s %zu %zu\n", e->id, e->start, e->length, e->type, e->canonical,
                   e->code, e->value, e->token_first, e->token_count);
        }
        for (size_t k = 0; k < syria_doc_event_count(doc); k++) {
            const syria_event *v = syria_doc_event(doc, k);
            printf("V %s %s %s %s %d %.17g %zu %zu %s %s %d %s", v->id, v->type, v->mode, v->cameo, v->quad,
                   v->goldstein, v->trigger_start, v->trigger_length, v->location, v->date, v->status,
                   v->reported_by);
            for (size_t a = 0; a < v->source_count; a++)
                printf(" src=%s/%s", v->sources[a].entity, v->sources[a].code);
            for (size_t a = 0; a < v->target_count; a++)
                printf(" tgt=%s/%s", v->targets[a].entity, v->targets[a].code);
            printf("\n");
        }
        syria_doc_free(doc);
    }
    syria_model_free(model);
    free(arts);
    free(data);
    return 0;
}
