/* Tokenisation benchmark: syria_analyze (normalisation, tokens, clitics,
 * sentences) over a corpus, one article at a time, single thread; and, on
 * the same articles in the same run, a reference pass of ICU's word break
 * iterator over UTF-8 (UText), so the ratio is comparable across machines.
 *
 *   bench_tokenize CORPUS [--repeat N] [--threads N]
 *
 * Prints MB/s, tokens/s, the ratio to the ICU pass and the model load time;
 * with --threads N, also the wall-clock throughput of N threads sharing one
 * model, each analysing an interleaved share of the articles. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>

#include "corpus.h"
#include "run.h"
#include "syria/syria.h"

/* Tokenisation only: the stages after sentences and tokens are measured by
 * bench_pipeline. */
static const syria_options tokens_only = {SYRIA_OPTIONS_VERSION, SYRIA_OPT_NO_ENTITIES, SYRIA_NORM_DEFAULT, NULL, NULL};

int main(int argc, char **argv)
{
    int repeat, threads;
    bench_args(argc, argv, "bench_tokenize", &repeat, &threads);
    char *data;
    article *arts;
    size_t narts = corpus_load(argv[1], &data, &arts);
    size_t bytes = 0;
    for (size_t i = 0; i < narts; i++) bytes += arts[i].len;

    double load;
    syria_model *model = bench_load_default("bench_tokenize", &load);

    long icu_breaks = 0;
    double best_icu = bench_icu_words(arts, narts, repeat, &icu_breaks);
    if (best_icu < 0) return 1;

    double best = 1e30;
    bench_share one;
    for (int r = 0; r < repeat; r++) {
        double dt = bench_pass(model, &tokens_only, arts, narts, 1, &one);
        if (dt < 0) return 1;
        if (dt < best) best = dt;
    }
    double mb = (double)bytes / 1e6;
    printf("corpus: %s, %zu articles, %.1f MB\n", argv[1], narts, mb);
    printf("model load: %.1f ms\n", load * 1e3);
    printf("icu word-break reference: %.1f MB/s (%ld boundaries)\n", mb / best_icu, icu_breaks);
    printf("syria tokenise (normalise+tokens+clitics+sentences): %.1f MB/s, %.2f M tokens/s, %zu tokens, %zu sentences\n",
           mb / best, (double)one.tokens / best / 1e6, one.tokens, one.sentences);
    printf("ratio to ICU word breaks: %.2f\n", (mb / best) / (mb / best_icu));
    if (threads > 0) {
        double best_mt = 1e30;
        for (int r = 0; r < repeat; r++) {
            bench_share all;
            double dt = bench_pass(model, &tokens_only, arts, narts, threads, &all);
            if (dt < 0) return 1;
            if (dt < best_mt) best_mt = dt;
            if (all.tokens != one.tokens) {
                fprintf(stderr, "bench_tokenize: %zu tokens with threads, %zu without\n", all.tokens, one.tokens);
                return 1;
            }
        }
        printf("syria tokenise, %d threads sharing one model: %.1f MB/s (%.2fx one thread)\n", threads,
               mb / best_mt, best / best_mt);
    }
    syria_model_free(model);
    free(arts);
    free(data);
    return 0;
}
