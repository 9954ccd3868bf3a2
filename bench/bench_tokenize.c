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
#include <string.h>
#include <pthread.h>
#include <time.h>
#include <unicode/ubrk.h>
#include <unicode/utext.h>

#include "corpus.h"
#include "syria/syria.h"

/* Tokenisation only: the stages after sentences and tokens are measured by
 * bench_pipeline. */
static const syria_options tokens_only = {SYRIA_OPTIONS_VERSION, SYRIA_OPT_NO_ENTITIES, SYRIA_NORM_DEFAULT, NULL, NULL};

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

typedef struct share {
    const syria_model *model;
    const article *arts;
    size_t narts, first, step, tokens;
    int failed;
} share;

static void *analyse_share(void *arg)
{
    share *sh = arg;
    for (size_t i = sh->first; i < sh->narts; i += sh->step) {
        syria_doc *doc = NULL;
        if (syria_analyze(&doc, sh->model, sh->arts[i].text, sh->arts[i].len, &tokens_only)) {
            sh->failed = 1;
            return NULL;
        }
        sh->tokens += syria_doc_token_count(doc);
        syria_doc_free(doc);
    }
    return NULL;
}

int main(int argc, char **argv)
{
    int repeat, threads;
    bench_args(argc, argv, "bench_tokenize", &repeat, &threads);
    char *data;
    article *arts;
    size_t narts = corpus_load(argv[1], &data, &arts);
    size_t bytes = 0;
    for (size_t i = 0; i < narts; i++) bytes += arts[i].len;

    double t0 = now();
    syria_model *model = NULL;
    if (syria_model_load_default(&model)) {
        fprintf(stderr, "bench_tokenize: %s\n", syria_error_last());
        return 1;
    }
    double load = now() - t0;

    /* Reference: ICU word boundaries over the same articles. */
    double best_icu = 1e30;
    long icu_breaks = 0;
    for (int r = 0; r < repeat; r++) {
        UErrorCode st = U_ZERO_ERROR;
        UBreakIterator *bi = ubrk_open(UBRK_WORD, "ar", NULL, 0, &st);
        UText *ut = NULL;
        icu_breaks = 0;
        t0 = now();
        for (size_t i = 0; i < narts; i++) {
            ut = utext_openUTF8(ut, arts[i].text, (int64_t)arts[i].len, &st);
            ubrk_setUText(bi, ut, &st);
            for (int32_t p = ubrk_first(bi); p != UBRK_DONE; p = ubrk_next(bi)) icu_breaks++;
        }
        double dt = now() - t0;
        if (dt < best_icu) best_icu = dt;
        utext_close(ut);
        ubrk_close(bi);
        if (U_FAILURE(st)) {
            fprintf(stderr, "bench_tokenize: ICU failed: %s\n", u_errorName(st));
            return 1;
        }
    }

    double best = 1e30;
    size_t tokens = 0, sentences = 0;
    for (int r = 0; r < repeat; r++) {
        tokens = sentences = 0;
        t0 = now();
        for (size_t i = 0; i < narts; i++) {
            syria_doc *doc = NULL;
            if (syria_analyze(&doc, model, arts[i].text, arts[i].len, &tokens_only)) {
                fprintf(stderr, "bench_tokenize: article %zu: %s\n", i, syria_error_last());
                return 1;
            }
            tokens += syria_doc_token_count(doc);
            sentences += syria_doc_sentence_count(doc);
            syria_doc_free(doc);
        }
        double dt = now() - t0;
        if (dt < best) best = dt;
    }
    double mb = (double)bytes / 1e6;
    printf("corpus: %s, %zu articles, %.1f MB\n", argv[1], narts, mb);
    printf("model load: %.1f ms\n", load * 1e3);
    printf("icu word-break reference: %.1f MB/s (%ld boundaries)\n", mb / best_icu, icu_breaks);
    printf("syria tokenise (normalise+tokens+clitics+sentences): %.1f MB/s, %.2f M tokens/s, %zu tokens, %zu sentences\n",
           mb / best, (double)tokens / best / 1e6, tokens, sentences);
    printf("ratio to ICU word breaks: %.2f\n", (mb / best) / (mb / best_icu));
    if (threads > 0) {
        double best_mt = 1e30;
        for (int r = 0; r < repeat; r++) {
            pthread_t tid[64];
            share sh[64];
            t0 = now();
            for (int k = 0; k < threads; k++) {
                sh[k] = (share){model, arts, narts, (size_t)k, (size_t)threads, 0, 0};
                pthread_create(&tid[k], NULL, analyse_share, &sh[k]);
            }
            size_t mt_tokens = 0;
            for (int k = 0; k < threads; k++) {
                pthread_join(tid[k], NULL);
                mt_tokens += sh[k].tokens;
                if (sh[k].failed) {
                    fprintf(stderr, "bench_tokenize: a thread failed\n");
                    return 1;
                }
            }
            double dt = now() - t0;
            if (dt < best_mt) best_mt = dt;
            if (mt_tokens != tokens) {
                fprintf(stderr, "bench_tokenize: %zu tokens with threads, %zu without\n", mt_tokens, tokens);
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
