/* Time per pipeline stage (internal API), single thread, over a corpus of
 * blank-line-separated articles: where tokenisation spends its time.
 *
 *   bench_stages CORPUS */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "clitic/clitic.h"
#include "core/doc.h"
#include "model/model.h"
#include "tokenize/tokenize.h"
#include "corpus.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: bench_stages CORPUS\n");
        return 2;
    }
    char *data;
    article *arts;
    size_t narts = corpus_load(argv[1], &data, &arts);
    syria_model *model = NULL;
    if (syria_model_load_default(&model)) return 1;

    const char *names[] = {"tokenize", "normalize", "clitics", "sentences"};
    double t[4] = {0};
    size_t bytes = 0;
    for (size_t k = 0; k < narts; k++) {
        /* The stages want a NUL-terminated text: end the article in place. */
        char *text = (char *)arts[k].text;
        size_t len = arts[k].len;
        struct syria_doc doc = {0};
        doc.text = text;
        doc.text_len = len;
        doc.model = model;
        doc.norm_flags = SYRIA_NORM_DEFAULT;
        char save = text[len];
        text[len] = 0;
        double a = now();
        tokenize(&doc);
        double b = now();
        tokenize_normalize(&doc);
        double c = now();
        clitic_stage(&doc);
        double d = now();
        sentence_split(&doc, model->sentence_bi);
        double e = now();
        text[len] = save;
        t[0] += b - a, t[1] += c - b, t[2] += d - c, t[3] += e - d;
        bytes += doc.text_len;
        array_free(&doc.toks);
        array_free(&doc.sents);
        strbuf_free(&doc.strings);
    }
    double total = t[0] + t[1] + t[2] + t[3];
    printf("%.1f MB in %.3f s (%.1f MB/s)\n", bytes / 1e6, total, bytes / 1e6 / total);
    for (int k = 0; k < 4; k++)
        printf("  %-10s %6.3f s  %5.1f%%  %7.1f MB/s\n", names[k], t[k], 100 * t[k] / total, bytes / 1e6 / t[k]);
    syria_model_free(model);
    free(arts);
    free(data);
    return 0;
}
