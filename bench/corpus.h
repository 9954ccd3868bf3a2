/* The benchmarks' corpus: a file of blank-line-separated articles (the
 * format of ../shared/data/corpus), read whole and split in place. */
#ifndef SYRIA_BENCH_CORPUS_H
#define SYRIA_BENCH_CORPUS_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct article {
    const char *text;
    size_t len;
} article;

/* The benchmarks' command line: CORPUS [--repeat N] [--threads N]. Exits
 * with status 2 and a usage line on a bad one. */
static inline void bench_args(int argc, char **argv, const char *name, int *repeat, int *threads)
{
    *repeat = 1;
    *threads = 0;
    if (argc < 2) {
        fprintf(stderr, "usage: %s CORPUS [--repeat N] [--threads N]\n", name);
        exit(2);
    }
    for (int i = 2; i + 1 < argc; i++) {
        if (!strcmp(argv[i], "--repeat")) *repeat = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--threads")) *threads = atoi(argv[++i]);
    }
    if (*repeat < 1 || *threads < 0 || *threads > 64) {
        fprintf(stderr, "%s: bad --repeat or --threads\n", name);
        exit(2);
    }
}

/* Reads the file and its articles; exits with status 2 and a message on
 * failure (these are command-line programs). *data must be freed, and *arts. */
static inline size_t corpus_load(const char *path, char **data, article **arts)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        perror(path);
        exit(2);
    }
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *d = size >= 0 ? malloc((size_t)size + 1) : NULL;
    if (!d || fread(d, 1, (size_t)size, f) != (size_t)size) {
        fprintf(stderr, "%s: cannot read\n", path);
        exit(2);
    }
    fclose(f);
    d[size] = 0;
    size_t len = (size_t)size, cap = 1024, n = 0, i = 0;
    article *a = malloc(cap * sizeof *a);
    while (a && i < len) {
        while (i < len && d[i] == '\n') i++;
        size_t start = i;
        while (i < len && !(d[i] == '\n' && i + 1 < len && d[i + 1] == '\n')) i++;
        if (i > start) {
            if (n == cap) {
                article *p = realloc(a, (cap *= 2) * sizeof *a);
                if (!p) free(a);
                a = p;
                if (!a) break;
            }
            a[n].text = d + start;
            a[n].len = i - start;
            n++;
        }
        i++;
    }
    if (!a) {
        fprintf(stderr, "%s: out of memory\n", path);
        exit(2);
    }
    *data = d;
    *arts = a;
    return n;
}

#endif
