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
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unicode/ubrk.h>
#include <unicode/utext.h>

#include "clitic/clitic.h"
#include "core/doc.h"
#include "extract/extract.h"
#include "model/model.h"
#include "tag/tag.h"
#include "tokenize/tokenize.h"
#include "corpus.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

typedef struct share {
    const syria_model *model;
    const article *arts;
    size_t narts, first, step, tokens, entities, events;
    int failed;
} share;

static void *analyse_share(void *arg)
{
    share *sh = arg;
    for (size_t i = sh->first; i < sh->narts; i += sh->step) {
        syria_doc *doc = NULL;
        if (syria_analyze(&doc, sh->model, sh->arts[i].text, sh->arts[i].len, NULL)) {
            sh->failed = 1;
            return NULL;
        }
        sh->tokens += syria_doc_token_count(doc);
        sh->entities += syria_doc_entity_count(doc);
        sh->events += syria_doc_event_count(doc);
        syria_doc_free(doc);
    }
    return NULL;
}

/* Runs the pipeline over every article with `threads` threads (1: the
 * calling thread); returns the wall-clock seconds, or a negative value on
 * failure. */
static double full_pass(const syria_model *model, const article *arts, size_t narts, int threads, share *total)
{
    pthread_t tid[64];
    share sh[64];
    memset(total, 0, sizeof *total);
    double t0 = now();
    for (int k = 0; k < threads; k++) {
        sh[k] = (share){model, arts, narts, (size_t)k, (size_t)threads, 0, 0, 0, 0};
        if (threads == 1) analyse_share(&sh[k]);
        else pthread_create(&tid[k], NULL, analyse_share, &sh[k]);
    }
    for (int k = 0; k < threads; k++) {
        if (threads > 1) pthread_join(tid[k], NULL);
        total->tokens += sh[k].tokens;
        total->entities += sh[k].entities;
        total->events += sh[k].events;
        total->failed |= sh[k].failed;
    }
    double dt = now() - t0;
    return total->failed ? -1.0 : dt;
}

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

    double t0 = now();
    syria_model *model = NULL;
    if (syria_model_load_default(&model)) {
        fprintf(stderr, "bench_pipeline: %s\n", syria_error_last());
        return 1;
    }
    double load = now() - t0;

    /* Reference: ICU word boundaries over the same articles. */
    double best_icu = 1e30;
    for (int r = 0; r < repeat; r++) {
        UErrorCode st = U_ZERO_ERROR;
        UBreakIterator *bi = ubrk_open(UBRK_WORD, "ar", NULL, 0, &st);
        UText *ut = NULL;
        long breaks = 0;
        t0 = now();
        for (size_t i = 0; i < narts; i++) {
            ut = utext_openUTF8(ut, arts[i].text, (int64_t)arts[i].len, &st);
            ubrk_setUText(bi, ut, &st);
            for (int32_t p = ubrk_first(bi); p != UBRK_DONE; p = ubrk_next(bi)) breaks++;
        }
        double dt = now() - t0;
        if (dt < best_icu) best_icu = dt;
        utext_close(ut);
        ubrk_close(bi);
        if (U_FAILURE(st) || breaks == 0) {
            fprintf(stderr, "bench_pipeline: ICU failed: %s\n", u_errorName(st));
            return 1;
        }
    }
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
            double a = now();
            int rc = tokenize_and_normalize(doc); /* as syria_analyze does */
            if (!rc) rc = clitic_stage(doc);
            if (!rc) rc = sentence_split(doc, model->sentence_bi);
            double b = now();
            if (!rc) rc = tag_stage(doc);
            double c = now();
            if (!rc) rc = extract_stage(doc);
            double d = now();
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
    share tot;
    for (int r = 0; r < repeat; r++) {
        double dt = full_pass(model, arts, narts, 1, &tot);
        if (dt < 0) {
            fprintf(stderr, "bench_pipeline: syria_analyze failed: %s\n", syria_error_last());
            return 1;
        }
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
        share mt;
        for (int r = 0; r < repeat; r++) {
            double dt = full_pass(model, arts, narts, threads, &mt);
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
