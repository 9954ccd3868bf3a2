/* Tagging and full-pipeline benchmark over a corpus of blank-line-separated
 * articles (../shared/data/corpus/ant_multisource.txt), one article at a
 * time, with ICU's word-break iterator over the same articles in the same
 * run as the machine-independent reference.
 *
 *   bench_pipeline CORPUS [--repeat N] [--threads N]
 *
 * Prints, best of N passes:
 *   - model load time (syria_model_load_default);
 *   - the ICU word-break reference, MB/s;
 *   - per stage through the internal API (the stages syria_analyze runs, in
 *     its order): tokenise (normalise + tokens + clitics + sentences), tag
 *     (entities), extract (events); MB/s and tokens/s of each, and the
 *     tag stage's ratio to the ICU reference;
 *   - the full pipeline, syria_analyze with everything (public API, the
 *     records built): MB/s, tokens/s, ratio to ICU; with --threads N also
 *     N threads sharing one model (wall clock);
 *   - the process's peak resident memory (getrusage), the corpus included.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "clitic/clitic.h"
#include "core/doc.h"
#include "extract/extract.h"
#include "model/model.h"
#include "tag/tag.h"
#include "tokenize/tokenize.h"
#include "corpus.h"
#include "run.h"

int main(int argc, char **argv)
{
    int repeat, threads;
    bench_args(argc, argv, "bench_pipeline", &repeat, &threads);
    char *data;
    article *arts;
    size_t narts = corpus_load(argv[1], &data, &arts);
    size_t bytes = 0;
    for (size_t i = 0; i < narts; i++) bytes += arts[i].len;
    double mb = (double)bytes / 1e6;

    double load;
    syria_model *model = bench_load_default("bench_pipeline", &load);

    long icu_breaks = 0;
    double best_icu = bench_icu_words(arts, narts, repeat, &icu_breaks);
    if (best_icu < 0) return 1;
    double icu = mb / best_icu;

    /* Stage by stage, internal API: the stages of syria_analyze in its order. */
    double best_st[3] = {1e30, 1e30, 1e30};
    size_t tokens = 0, ents = 0, evs = 0;
    for (int r = 0; r < repeat; r++) {
        double st[3] = {0, 0, 0};
        tokens = ents = evs = 0;
        for (size_t i = 0; i < narts; i++) {
            struct syria_doc *doc = calloc(1, sizeof *doc);
            char *text = doc ? malloc(arts[i].len + 1) : NULL;
            if (!text) {
                fprintf(stderr, "bench_pipeline: out of memory\n");
                return 1;
            }
            memcpy(text, arts[i].text, arts[i].len);
            text[arts[i].len] = 0;
            doc->text = text;
            doc->text_len = arts[i].len;
            doc->model = model;
            doc->norm_flags = SYRIA_NORM_DEFAULT;
            double a = bench_now();
            int rc = tokenize_and_normalize(doc); /* as syria_analyze does */
            if (!rc) rc = clitic_stage(doc);
            if (!rc) rc = sentence_split(doc, model->sentence_bi);
            double b = bench_now();
            if (!rc) rc = tag_stage(doc);
            double c = bench_now();
            if (!rc) rc = extract_stage(doc);
            double d = bench_now();
            if (rc) {
                fprintf(stderr, "bench_pipeline: article %zu: %s\n", i, syria_error_last());
                return 1;
            }
            st[0] += b - a, st[1] += c - b, st[2] += d - c;
            tokens += doc->toks.count;
            ents += doc->ents.count;
            evs += doc->evs.count;
            syria_doc_free(doc);
        }
        for (int k = 0; k < 3; k++)
            if (st[k] < best_st[k]) best_st[k] = st[k];
    }

    double best = 1e30;
    bench_share tot;
    for (int r = 0; r < repeat; r++) {
        double dt = bench_pass(model, NULL, arts, narts, 1, &tot);
        if (dt < 0) return 1;
        if (dt < best) best = dt;
    }

    printf("corpus: %s, %zu articles, %.1f MB\n", argv[1], narts, mb);
    printf("model load: %.1f ms\n", load * 1e3);
    printf("icu word-break reference: %.1f MB/s\n", icu);
    static const char *const names[] = {"tokenise (norm+tokens+clitics+sentences)", "tag (entities)",
                                        "extract (events)"};
    for (int k = 0; k < 3; k++) {
        double s = best_st[k] > 0 ? best_st[k] : 1e-9;
        printf("stage %-42s %8.1f MB/s  %6.2f M tokens/s  ratio to ICU %.2f\n", names[k], mb / s,
               (double)tokens / s / 1e6, mb / s / icu);
    }
    printf("entities: %zu, events: %zu, tokens: %zu\n", ents, evs, tokens);
    printf("full pipeline (syria_analyze, everything), 1 thread: %.1f MB/s, %.2f M tokens/s, ratio to ICU %.2f\n",
           mb / best, (double)tot.tokens / best / 1e6, mb / best / icu);
    if (tot.tokens != tokens || tot.entities != ents || tot.events != evs) {
        fprintf(stderr, "bench_pipeline: syria_analyze and the stages disagree (%zu/%zu tokens, %zu/%zu entities, %zu/%zu events)\n",
                tot.tokens, tokens, tot.entities, ents, tot.events, evs);
        return 1;
    }
    if (threads > 1) {
        double best_mt = 1e30;
        bench_share mt;
        for (int r = 0; r < repeat; r++) {
            double dt = bench_pass(model, NULL, arts, narts, threads, &mt);
            if (dt < 0 || mt.tokens != tokens) {
                fprintf(stderr, "bench_pipeline: a thread failed or disagreed\n");
                return 1;
            }
            if (dt < best_mt) best_mt = dt;
        }
        printf("full pipeline, %d threads sharing one model: %.1f MB/s, %.2f M tokens/s (%.2fx one thread)\n",
               threads, mb / best_mt, (double)tokens / best_mt / 1e6, best / best_mt);
    }
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("peak resident memory: %.1f MB (the %.1f MB corpus included)\n", ru.ru_maxrss / 1024.0, mb);
    syria_model_free(model);
    free(arts);
    free(data);
    return 0;
}
