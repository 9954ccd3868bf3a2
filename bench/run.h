/* What the throughput benchmarks share: the clock, the ICU reference pass
 * and syria_analyze over the corpus with N threads sharing one model.
 * Include after corpus.h, with _POSIX_C_SOURCE defined (pthreads,
 * clock_gettime). */
#ifndef SYRIA_BENCH_RUN_H
#define SYRIA_BENCH_RUN_H

#include <pthread.h>
#include <string.h>
#include <time.h>
#include <unicode/ubrk.h>
#include <unicode/utext.h>

#include "corpus.h"
#include "syria/syria.h"

static inline double bench_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* The default model, and how long loading it took; exits with a message
 * (these are command-line programs) when it does not load. */
static inline syria_model *bench_load_default(const char *name, double *seconds)
{
    double t0 = bench_now();
    syria_model *model = NULL;
    if (syria_model_load_default(&model)) {
        fprintf(stderr, "%s: %s\n", name, syria_error_last());
        exit(1);
    }
    *seconds = bench_now() - t0;
    return model;
}

/* The reference point of every run: ICU's word-break iterator over the
 * same articles. Returns the best of `repeat` passes in seconds and the
 * boundaries found, or a negative value when ICU fails. */
static inline double bench_icu_words(const article *arts, size_t narts, int repeat, long *breaks)
{
    double best = 1e30;
    for (int r = 0; r < repeat; r++) {
        UErrorCode st = U_ZERO_ERROR;
        UBreakIterator *bi = ubrk_open(UBRK_WORD, "ar", NULL, 0, &st);
        UText *ut = NULL;
        long n = 0;
        double t0 = bench_now();
        for (size_t i = 0; i < narts && U_SUCCESS(st); i++) {
            ut = utext_openUTF8(ut, arts[i].text, (int64_t)arts[i].len, &st);
            ubrk_setUText(bi, ut, &st);
            for (int32_t p = ubrk_first(bi); p != UBRK_DONE; p = ubrk_next(bi)) n++;
        }
        double dt = bench_now() - t0;
        utext_close(ut);
        ubrk_close(bi);
        if (U_FAILURE(st) || (narts && n == 0)) {
            fprintf(stderr, "ICU word breaks failed: %s\n", u_errorName(st));
            return -1.0;
        }
        if (dt < best) best = dt;
        *breaks = n;
    }
    return best;
}

/* One thread's share of the articles (every step-th from first), and what
 * its documents held. */
typedef struct bench_share {
    const syria_model *model;
    const syria_options *options;
    const article *arts;
    size_t narts, first, step;
    size_t tokens, sentences, entities, events;
    int failed;
} bench_share;

static void *bench_analyse_share(void *arg)
{
    bench_share *sh = arg;
    for (size_t i = sh->first; i < sh->narts; i += sh->step) {
        syria_doc *doc = NULL;
        if (syria_analyze(&doc, sh->model, sh->arts[i].text, sh->arts[i].len, sh->options)) {
            fprintf(stderr, "article %zu: %s\n", i, syria_error_last());
            sh->failed = 1;
            return NULL;
        }
        sh->tokens += syria_doc_token_count(doc);
        sh->sentences += syria_doc_sentence_count(doc);
        sh->entities += syria_doc_entity_count(doc);
        sh->events += syria_doc_event_count(doc);
        syria_doc_free(doc);
    }
    return NULL;
}

/* syria_analyze over every article with `threads` threads (1: the calling
 * thread) sharing the model; the counts summed into *total. Returns the
 * wall-clock seconds, or a negative value on failure. */
static inline double bench_pass(const syria_model *model, const syria_options *options, const article *arts,
                                size_t narts, int threads, bench_share *total)
{
    pthread_t tid[64];
    bench_share sh[64];
    int created[64] = {0};
    if (threads < 1 || threads > 64) return -1.0;
    memset(total, 0, sizeof *total);
    double t0 = bench_now();
    for (int k = 0; k < threads; k++) {
        sh[k] = (bench_share){model, options, arts, narts, (size_t)k, (size_t)threads, 0, 0, 0, 0, 0};
        if (threads == 1) bench_analyse_share(&sh[k]);
        else if (pthread_create(&tid[k], NULL, bench_analyse_share, &sh[k]) == 0) created[k] = 1;
        else sh[k].failed = 1;
    }
    for (int k = 0; k < threads; k++) {
        if (created[k]) pthread_join(tid[k], NULL);
        total->tokens += sh[k].tokens;
        total->sentences += sh[k].sentences;
        total->entities += sh[k].entities;
        total->events += sh[k].events;
        total->failed |= sh[k].failed;
    }
    double dt = bench_now() - t0;
    return total->failed ? -1.0 : dt;
}

#endif
