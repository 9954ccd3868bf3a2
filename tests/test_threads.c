/* Thread safety of the public API (README: "A model is immutable and shared
 * by any number of threads; a document belongs to one thread at a time").
 *
 * - One model, 8 threads analysing the same texts at the same time, each in
 *   its own order: every document's JSON (compact and pretty) and every
 *   syria_normalize() result is byte-identical to a single-threaded run.
 *   Texts: the seed articles of SYRIA_SHARED_DIR/seeds and the first 300
 *   articles of SYRIA_SHARED_DIR/data/corpus/ant_multisource.txt; where the
 *   corpus is absent, texts generated here instead.
 * - Errors are per thread: one thread provoking SYRIA_EUTF8 while another
 *   provokes SYRIA_EDATE, in lock step, each sees its own syria_error_last()
 *   and syria_error_last_code(), and the main thread's stays as it was.
 *
 * tests/tsan/run.sh runs this program under ThreadSanitizer. */
#define _POSIX_C_SOURCE 200809L

#include <dirent.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <syria/syria.h>

#include "support/default_model.h"
#include "support/testutil.h"

#ifndef SYRIA_SHARED_DIR
#define SYRIA_SHARED_DIR "../shared"
#endif

#define NTHREADS 8
#define CORPUS_ARTICLES 300
#define NORM_FLAGS (SYRIA_NORM_DEFAULT | SYRIA_NORM_CASEFOLD | SYRIA_NORM_HAMZA)

static syria_model *model;

/* --- The texts and their single-threaded results ------------------------ */

typedef struct text {
    char *bytes;
    size_t len;
    char name[32];
    char *json;        /* compact, single-threaded */
    size_t json_len;
    char *pretty;      /* SYRIA_JSON_PRETTY, single-threaded */
    size_t pretty_len;
    char *norm;        /* syria_normalize(NORM_FLAGS), single-threaded */
    size_t norm_len;
} text;

static text *texts;
static size_t ntexts, ncap;
static size_t nseeds, ncorpus, ngenerated;

static void add_text(const char *bytes, size_t len)
{
    if (ntexts == ncap) {
        ncap = ncap ? 2 * ncap : 64;
        texts = realloc(texts, ncap * sizeof *texts);
        if (!texts) abort();
    }
    text *t = &texts[ntexts];
    memset(t, 0, sizeof *t);
    t->bytes = malloc(len + 1);
    if (!t->bytes) abort();
    memcpy(t->bytes, bytes, len);
    t->bytes[len] = '\0';
    t->len = len;
    snprintf(t->name, sizeof t->name, "doc%03zu", ntexts);
    ntexts++;
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The seed articles (*.txt of SYRIA_SHARED_DIR/seeds, in name order). */
static void load_seeds(void)
{
    DIR *d = opendir(SYRIA_SHARED_DIR "/seeds");
    if (!d) return;
    char *names[64];
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL && n < 64) {
        size_t l = strlen(e->d_name);
        if (l > 4 && strcmp(e->d_name + l - 4, ".txt") == 0) names[n++] = strdup(e->d_name);
    }
    closedir(d);
    qsort(names, n, sizeof *names, cmp_names);
    for (size_t k = 0; k < n; k++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/seeds/%s", SYRIA_SHARED_DIR, names[k]);
        size_t len = 0;
        char *data = tu_read_file(path, &len);
        if (data && len) {
            add_text(data, len);
            nseeds++;
        }
        free(data);
        free(names[k]);
    }
}

/* The first CORPUS_ARTICLES blank-line-separated articles of the corpus. */
static void load_corpus(void)
{
    size_t len = 0;
    char *data = tu_read_file(SYRIA_SHARED_DIR "/data/corpus/ant_multisource.txt", &len);
    if (!data) return;
    size_t i = 0;
    while (i < len && ncorpus < CORPUS_ARTICLES) {
        while (i < len && data[i] == '\n') i++;
        size_t start = i;
        while (i < len && !(data[i] == '\n' && i + 1 < len && data[i + 1] == '\n')) i++;
        if (i > start) {
            add_text(data + start, i - start);
            ncorpus++;
        }
        i++;
    }
    free(data);
}

/* Texts made here from pieces covering the token kinds, clitics, sentence
 * rules, Persian letters, digits, diacritics, tatweel and marks. */
static void generate_texts(size_t count)
{
    static const char *const pieces[] = {
        "\xd9\x88\xd9\x82\xd8\xa7\xd9\x84 \xd9\x84\xd8\xa7\xd9\x81\xd8\xb1\xd9\x88\xd9\x81 "
        "\xd8\xa5\xd9\x86 \xd8\xb1\xd9\x88\xd8\xb3\xd9\x8a\xd8\xa7 \xd9\x88\xd8\xaa\xd8\xb1\xd9\x83\xd9\x8a\xd8\xa7 "
        "\xd8\xa7\xd8\xaa\xd9\x81\xd9\x82\xd8\xaa\xd8\xa7.", /* وقال لافروف إن روسيا وتركيا اتفقتا. */
        " \xd8\xa8\xd8\xa7\xd9\x84\xd9\x85\xd9\x86\xd8\xb7\xd9\x82\xd8\xa9 \xd9\x84\xd9\x84\xd8\xa3\xd8\xb3\xd8\xaf"
        " \xd9\x88\xd8\xb2\xd9\x8a\xd8\xb1 \xd8\xa7\xd9\x84\xd8\xae\xd8\xa7\xd8\xb1\xd8\xac\xd9\x8a\xd8\xa9 "
        "\xd9\x81\xd9\x8a\xd8\xb5\xd9\x84 \xd8\xa7\xd9\x84\xd9\x85\xd9\x82\xd8\xaf\xd8\xa7\xd8\xaf\xd8\x9f",
        " \xd9\xa6\xd9\xa9\xd9\xac\xd9\xa0\xd9\xa6\xd9\xa2 \xd9\x82\xd8\xaa\xd9\x8a\xd9\x84\xd8\x8c 69,062 \xd9\x88 3.5%",
        " \xd8\xa7\xd9\x84\xd8\xb9\xd8\xb3\xd9\x83\xd9\x80.\xd9\x80\xd8\xb1\xd9\x8a\xd8\xa9 \xd8\xa7\xd9\x84\xd8\xb3\xd9\x91\xd9\x8e\xd9\x84\xd8\xa7\xd9\x85",
        "\n#\xd8\xb3\xd9\x88\xd8\xb1\xd9\x8a\xd8\xa7 @syria_news https://example.org/a?b=1 mail@example.org photo_1200x676.jpg",
        " \xd8\xaf. \xd9\x85\xd8\xad\xd9\x85\xd8\xaf \xd9\x82\xd8\xa7\xd9\x84: \"\xd9\x84\xd9\x86 \xd9\x86\xd9\x82\xd8\xa8\xd9\x84. \xd8\xa3\xd8\xa8\xd8\xaf\xd8\xa7\xd9\x8b\" \xd8\x9b",
        " \xdb\x8c\xda\xa9 \xda\xaf\xd9\xbe \xd8\xa2\xd8\xb0\xd8\xa7\xd8\xb1 \xe2\x80\x8f\xd8\xa7\xd9\x84\xd8\xb9\xd8\xb1\xd8\xa7\xd9\x82\xe2\x80\x8c ",
        " The UN Security Council met in New York \xc3\x89TAT \xce\xa3\xce\x99\xce\xa3\xce\xa5\xce\xa6\xce\x9f\xce\xa3 "
        "\xd0\x9c\xd0\x9e\xd0\xa1\xd0\x9a\xd0\x92\xd0\x90. ",
        " \xf0\x9f\x87\xb8\xf0\x9f\x87\xbe \xf0\x9f\x91\x8d\xf0\x9f\x8f\xbd \xef\xbb\xbb \xef\xb7\xb2 ",
        "\n\n\xd8\xb9\xd8\xa7\xd8\xac\xd9\x84: \xd8\xa7\xd9\x86\xd9\x81\xd8\xac\xd8\xa7\xd8\xb1 \xd9\x81\xd9\x8a "
        "\xd8\xa5\xd8\xaf\xd9\x84\xd8\xa8 \xd9\x88\xd8\xad\xd9\x84\xd8\xa8\xd8\x8c \xd9\x88\xd9\x81\xd9\x82 "
        "\xd9\x85\xd8\xb1\xd8\xb5\xd8\xaf! \xd9\x88\xd8\xb3\xd9\x8a\xd8\xb2\xd9\x88\xd8\xb1\xd9\x87\xd9\x85 \xd8\xba\xd8\xaf\xd8\xa7\xd9\x8b",
    };
    size_t np = sizeof pieces / sizeof *pieces;
    uint64_t s = 0x9e3779b97f4a7c15u;
    for (size_t k = 0; k < count; k++) {
        char buf[8192];
        size_t len = 0;
        size_t parts = 3 + k % 17;
        for (size_t p = 0; p < parts; p++) {
            s = s * 6364136223846793005u + 1442695040888963407u;
            const char *piece = pieces[(s >> 33) % np];
            size_t pl = strlen(piece);
            if (len + pl >= sizeof buf) break;
            memcpy(buf + len, piece, pl);
            len += pl;
        }
        add_text(buf, len);
        ngenerated++;
    }
}

/* One text through the API: JSON (compact and pretty) and the normalised
 * string. Returns SYRIA_OK or the failing call's code. */
static int run_one(const text *t, char **json, size_t *json_len, char **pretty, size_t *pretty_len,
                   char **norm, size_t *norm_len)
{
    syria_options opt = SYRIA_OPTIONS_INIT;
    opt.doc_name = t->name;
    opt.doc_date = "2020-02-18";
    syria_doc *doc = NULL;
    int rc = syria_analyze(&doc, model, t->bytes, t->len, &opt);
    if (rc == SYRIA_OK) rc = syria_doc_to_json(json, json_len, doc, 0);
    if (rc == SYRIA_OK) rc = syria_doc_to_json(pretty, pretty_len, doc, SYRIA_JSON_PRETTY);
    syria_doc_free(doc);
    if (rc == SYRIA_OK) rc = syria_normalize(norm, norm_len, t->bytes, t->len, NORM_FLAGS);
    return rc;
}

static int setup_texts(void)
{
    load_seeds();
    load_corpus();
    if (ncorpus == 0) generate_texts(nseeds ? 200 : 300);
    printf("\n  texts: %zu seeds, %zu corpus articles, %zu generated (shared folder %s)\n", nseeds,
           ncorpus, ngenerated, SYRIA_SHARED_DIR);
    size_t bytes = 0;
    for (size_t k = 0; k < ntexts; k++) {
        text *t = &texts[k];
        int rc = run_one(t, &t->json, &t->json_len, &t->pretty, &t->pretty_len, &t->norm, &t->norm_len);
        if (rc != SYRIA_OK) {
            fprintf(stderr, "single-threaded run of %s failed: %s\n", t->name, syria_error_last());
            return rc;
        }
        bytes += t->len;
    }
    printf("  %zu texts, %zu bytes, analysed once single-threaded\n", ntexts, bytes);
    return SYRIA_OK;
}

static void free_texts(void)
{
    for (size_t k = 0; k < ntexts; k++) {
        free(texts[k].bytes);
        syria_free(texts[k].json);
        syria_free(texts[k].pretty);
        syria_free(texts[k].norm);
    }
    free(texts);
}

/* --- 8 threads, one model ------------------------------------------------ */

typedef struct worker {
    int id;
    size_t *order;          /* a permutation of 0..ntexts-1 */
    pthread_barrier_t *start;
    size_t done;            /* texts analysed */
    size_t failures;        /* calls that failed */
    size_t mismatches;      /* results that differ from the single-threaded ones */
    char first[256];        /* the first problem, for the report */
} worker;

static void note(worker *w, const char *fmt, const char *name, const char *what)
{
    if (!w->first[0]) snprintf(w->first, sizeof w->first, fmt, name, what);
}

static int same(const char *a, size_t alen, const char *b, size_t blen)
{
    return a && b && alen == blen && memcmp(a, b, alen) == 0 && strlen(a) == alen;
}

static void *work(void *arg)
{
    worker *w = arg;
    pthread_barrier_wait(w->start); /* all threads start together */
    for (size_t i = 0; i < ntexts; i++) {
        const text *t = &texts[w->order[i]];
        char *json = NULL, *pretty = NULL, *norm = NULL;
        size_t jl = 0, pl = 0, nl = 0;
        int rc = run_one(t, &json, &jl, &pretty, &pl, &norm, &nl);
        if (rc != SYRIA_OK) {
            w->failures++;
            note(w, "%s failed: %s", t->name, syria_error_last());
        } else {
            if (!same(json, jl, t->json, t->json_len)) {
                w->mismatches++;
                note(w, "%s: %s differs from the single-threaded run", t->name, "compact JSON");
            }
            if (!same(pretty, pl, t->pretty, t->pretty_len)) {
                w->mismatches++;
                note(w, "%s: %s differs from the single-threaded run", t->name, "pretty JSON");
            }
            if (!same(norm, nl, t->norm, t->norm_len)) {
                w->mismatches++;
                note(w, "%s: %s differs from the single-threaded run", t->name, "syria_normalize");
            }
        }
        syria_free(json);
        syria_free(pretty);
        syria_free(norm);
        w->done++;
    }
    return NULL;
}

/* Thread k's order: 0 forward, 1 backward, 2 interleaved from the middle,
 * the others seeded Fisher-Yates shuffles (a different seed each). */
static void make_order(size_t *order, int k)
{
    size_t n = ntexts;
    for (size_t i = 0; i < n; i++) order[i] = i;
    if (k == 1) {
        for (size_t i = 0; i < n; i++) order[i] = n - 1 - i;
    } else if (k == 2) {
        for (size_t i = 0; i < n; i++) order[i] = (i + n / 2) % n;
    } else if (k > 2) {
        uint64_t s = 0x2545f4914f6cdd1du * (uint64_t)(k + 1);
        for (size_t i = n; i > 1; i--) {
            s ^= s << 13;
            s ^= s >> 7;
            s ^= s << 17;
            size_t j = (size_t)(s % i);
            size_t tmp = order[i - 1];
            order[i - 1] = order[j];
            order[j] = tmp;
        }
    }
}

static void test_shared_model(void)
{
    REQUIRE(ntexts > 0, "no texts");
    pthread_barrier_t start;
    REQUIRE(pthread_barrier_init(&start, NULL, NTHREADS) == 0, "pthread_barrier_init");
    worker w[NTHREADS];
    pthread_t th[NTHREADS];
    memset(w, 0, sizeof w);
    int started = 0;
    for (int k = 0; k < NTHREADS; k++) {
        w[k].id = k;
        w[k].start = &start;
        w[k].order = malloc(ntexts * sizeof *w[k].order);
        REQUIRE(w[k].order != NULL, "out of memory");
        make_order(w[k].order, k);
    }
    /* The orders really differ. */
    CHECK(memcmp(w[0].order, w[3].order, ntexts * sizeof(size_t)) != 0 || ntexts < 3, "orders 0 and 3 are equal");
    for (int k = 0; k < NTHREADS; k++) {
        if (pthread_create(&th[k], NULL, work, &w[k]) != 0) break;
        started++;
    }
    REQUIRE(started == NTHREADS, "pthread_create failed after %d threads", started);
    double t0 = tu_now();
    for (int k = 0; k < started; k++) pthread_join(th[k], NULL);
    double secs = tu_now() - t0;
    pthread_barrier_destroy(&start);
    size_t total = 0;
    for (int k = 0; k < NTHREADS; k++) {
        CHECK(w[k].done == ntexts, "thread %d analysed %zu of %zu texts", k, w[k].done, ntexts);
        CHECK(w[k].failures == 0 && w[k].mismatches == 0, "thread %d: %zu failures, %zu mismatches; first: %s",
              k, w[k].failures, w[k].mismatches, w[k].first);
        total += w[k].done;
        free(w[k].order);
    }
    printf("\n  %d threads x %zu texts = %zu analyses in %.2f s, each compared with the single-threaded run\n",
           NTHREADS, ntexts, total, secs);
}

/* --- Errors stay per thread ---------------------------------------------- */

#define ERROR_ROUNDS 200

typedef struct err_worker {
    int kind;                 /* 0: invalid UTF-8, 1: invalid date */
    pthread_barrier_t *step;
    int wrong_rc, wrong_code, wrong_message, fresh_ok;
    char first[512];
} err_worker;

static void *provoke(void *arg)
{
    err_worker *w = arg;
    /* A new thread starts with no failure, whatever the others do. */
    w->fresh_ok = syria_error_last_code() == SYRIA_OK && syria_error_last()[0] == '\0';
    int expect = w->kind == 0 ? SYRIA_EUTF8 : SYRIA_EDATE;
    const char *marker = w->kind == 0 ? "UTF-8" : "2020-02-30";
    for (int r = 0; r < ERROR_ROUNDS; r++) {
        pthread_barrier_wait(w->step); /* both fail at the same time ... */
        syria_doc *doc = NULL;
        int rc;
        if (w->kind == 0) {
            static const char bad[] = "\xd8\xb1\xd9\x88\xd8\xb3\xd9\x8a\xd8\xa7 \xff\xfe abc";
            rc = syria_analyze(&doc, model, bad, sizeof bad - 1, NULL);
        } else {
            syria_options opt = SYRIA_OPTIONS_INIT;
            opt.doc_date = "2020-02-30";
            rc = syria_analyze(&doc, model, "\xd8\xb1\xd9\x88\xd8\xb3\xd9\x8a\xd8\xa7", SYRIA_NUL_TERMINATED, &opt);
        }
        syria_doc_free(doc);
        pthread_barrier_wait(w->step); /* ... and read their errors after both failed */
        const char *msg = syria_error_last();
        int code = syria_error_last_code();
        if (rc != expect) w->wrong_rc++;
        if (code != expect) w->wrong_code++;
        if (!msg || !strstr(msg, marker)) w->wrong_message++;
        if ((rc != expect || code != expect || !msg || !strstr(msg, marker)) && !w->first[0])
            snprintf(w->first, sizeof w->first, "round %d: rc %d, code %d, message \"%s\"", r, rc, code,
                     msg ? msg : "(null)");
        /* A success in between does not clear this thread's last failure. */
        if (r % 10 == 0) {
            syria_doc *ok = NULL;
            if (syria_analyze(&ok, model, "abc", 3, NULL) == SYRIA_OK) syria_doc_free(ok);
            if (syria_error_last_code() != expect) w->wrong_code++;
        }
    }
    return NULL;
}

static void test_errors_per_thread(void)
{
    /* The main thread's own failure, which the workers must not touch. */
    CHECK_INT(syria_analyze(NULL, model, "a", 1, NULL), SYRIA_EINVAL);
    char before[512];
    snprintf(before, sizeof before, "%s", syria_error_last());
    CHECK_INT(syria_error_last_code(), SYRIA_EINVAL);

    pthread_barrier_t step;
    REQUIRE(pthread_barrier_init(&step, NULL, 2) == 0, "pthread_barrier_init");
    err_worker w[2];
    memset(w, 0, sizeof w);
    pthread_t th[2];
    for (int k = 0; k < 2; k++) {
        w[k].kind = k;
        w[k].step = &step;
    }
    REQUIRE(pthread_create(&th[0], NULL, provoke, &w[0]) == 0, "pthread_create");
    if (pthread_create(&th[1], NULL, provoke, &w[1]) != 0) {
        /* Never leave the first thread waiting at the barrier. */
        fprintf(stderr, "pthread_create failed\n");
        exit(1);
    }
    for (int k = 0; k < 2; k++) pthread_join(th[k], NULL);
    pthread_barrier_destroy(&step);
    static const char *const what[] = {"SYRIA_EUTF8 thread", "SYRIA_EDATE thread"};
    for (int k = 0; k < 2; k++) {
        CHECK(w[k].fresh_ok, "%s did not start with SYRIA_OK and \"\"", what[k]);
        CHECK(w[k].wrong_rc == 0 && w[k].wrong_code == 0 && w[k].wrong_message == 0,
              "%s: %d wrong status, %d wrong last code, %d wrong messages in %d rounds; first: %s", what[k],
              w[k].wrong_rc, w[k].wrong_code, w[k].wrong_message, ERROR_ROUNDS, w[k].first);
    }
    CHECK_INT(syria_error_last_code(), SYRIA_EINVAL);
    CHECK(strcmp(syria_error_last(), before) == 0, "the main thread's message changed from \"%s\" to \"%s\"", before,
          syria_error_last());
}

int main(void)
{
    if (tu_load_default_model(&model)) return 1;
    if (setup_texts() != SYRIA_OK) {
        free_texts();
        syria_model_free(model);
        return 1;
    }
    static const tu_test tests[] = {
        {"8 threads, one model, same texts in different orders", test_shared_model},
        {"errors stay per thread (SYRIA_EUTF8 vs SYRIA_EDATE)", test_errors_per_thread},
        {NULL, NULL},
    };
    int rc = tu_run("threads", tests);
    free_texts();
    syria_model_free(model);
    return rc;
}
