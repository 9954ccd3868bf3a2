/* Scores the clitic splitter against the hand-checked list
 * tests/data/clitics_eval.tsv ("WORD<TAB>p+ p+ stem +s" per line).
 *
 *   clitic_eval LIST [--min PERCENT] [--show-errors]
 *
 * A word is right when its prefix, stem and suffix all equal the list's,
 * compared in the library's default normalisation. Prints the accuracy and
 * CUnit-independent summary "N passed, N failed"; exits 1 below --min. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "syria/syria.h"

static char *norm(const char *s)
{
    char *out = NULL;
    if (syria_normalize(&out, NULL, s, SYRIA_NUL_TERMINATED, SYRIA_NORM_DEFAULT)) return NULL;
    return out;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: clitic_eval LIST [--min PERCENT] [--show-errors]\n");
        return 2;
    }
    double min = 0;
    int show = 0;
    for (int i = 2; i < argc; i++) {
        if (!strcmp(argv[i], "--min") && i + 1 < argc) min = atof(argv[++i]);
        else if (!strcmp(argv[i], "--show-errors")) show = 1;
    }
    FILE *f = fopen(argv[1], "r");
    if (!f) {
        perror(argv[1]);
        return 2;
    }
    syria_model *model = NULL;
    if (syria_model_load_default(&model)) {
        fprintf(stderr, "clitic_eval: %s\n", syria_error_last());
        return 2;
    }
    char line[1024];
    int right = 0, total = 0;
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\r\n")] = 0;
        if (!line[0] || line[0] == '#') continue;
        char *tab = strchr(line, '\t');
        if (!tab) continue;
        *tab = 0;
        const char *word = line;
        /* Expected pieces. */
        char want_prefix[256] = "", want_stem[256] = "", want_suffix[256] = "";
        char *save = NULL;
        for (char *p = strtok_r(tab + 1, " ", &save); p; p = strtok_r(NULL, " ", &save)) {
            size_t n = strlen(p);
            if (n && p[n - 1] == '+') {
                p[n - 1] = 0;
                if (want_prefix[0]) strcat(want_prefix, "+");
                strcat(want_prefix, p);
            } else if (p[0] == '+') {
                strcat(want_suffix, p + 1);
            } else {
                strcat(want_stem, p);
            }
        }
        char *wp = norm(want_prefix), *ws = norm(want_stem), *wx = norm(want_suffix);
        syria_doc *doc = NULL;
        total++;
        int ok = 0;
        const char *gp = "?", *gs = "?", *gx = "?";
        if (wp && ws && wx && !syria_analyze(&doc, model, word, SYRIA_NUL_TERMINATED, NULL) &&
            syria_doc_token_count(doc) == 1) {
            const syria_token *t = syria_doc_token(doc, 0);
            gp = t->prefix, gs = t->stem, gx = t->suffix;
            ok = !strcmp(gp, wp) && !strcmp(gs, ws) && !strcmp(gx, wx);
        }
        right += ok;
        if (!ok && show)
            printf("MISS %s\twant %s|%s|%s\tgot %s|%s|%s\n", word, wp ? wp : "", ws ? ws : "", wx ? wx : "",
                   gp, gs, gx);
        syria_doc_free(doc);
        syria_free(wp);
        syria_free(ws);
        syria_free(wx);
    }
    fclose(f);
    syria_model_free(model);
    double acc = total ? 100.0 * right / total : 0.0;
    printf("clitic accuracy: %.2f%% (%d of %d words)\n", acc, right, total);
    printf("%d passed, %d failed\n", right, total - right);
    if (total < 400) {
        fprintf(stderr, "clitic_eval: only %d words in the list (at least 400 expected)\n", total);
        return 1;
    }
    return acc >= min ? 0 : 1;
}
