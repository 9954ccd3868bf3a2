/* Training the tagger as a linear-chain CRF (see tagger_crf.h): the same
 * features, weights, transitions and blob as the perceptron; only the
 * objective differs. Stochastic gradient descent on the negative
 * log-likelihood of each sentence plus L2, with
 *   - forward-backward over the 9 tags in probability space, scaled per
 *     token, respecting tagger_transition_ok (forbidden transitions have
 *     probability 0, as in Viterbi);
 *   - the L2 shrink as a scale (weights = a * v), so a step touches only
 *     the rows of the sentence's features (Bottou's trick);
 *   - optional averaging of the iterates (averaged SGD) in the same sparse
 *     way: with A the running sum of the scales, the sum of the weights
 *     over the steps is A * v - u, where each change d of v at a step adds
 *     d * A (A before the step) to u.
 * Deterministic: the same sentences in the same order give the same bytes. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "tagger_crf.h"

#define NT TAGGER_NTAGS
#define START NT
#define TRANS_N ((NT + 1) * NT)

int tagger_crf_init(tagger_crf *c, unsigned bits, double l2, double eta0, int average)
{
    memset(c, 0, sizeof *c);
    if (bits < 10 || bits > 26 || !(l2 >= 0) || !(eta0 > 0)) return -1;
    size_t slots = (size_t)1 << bits;
    c->bits = bits;
    c->v = calloc(slots * NT, sizeof *c->v);
    if (average) c->u = calloc(slots * NT, sizeof *c->u);
    if (!c->v || (average && !c->u)) {
        tagger_crf_free(c);
        return -2;
    }
    c->a = 1.0;
    c->lambda = l2;
    c->eta0 = eta0;
    return 0;
}

void tagger_crf_free(tagger_crf *c)
{
    free(c->v);
    free(c->u);
    free(c->work);
    c->v = NULL;
    c->u = NULL;
    c->work = NULL;
    c->cap = 0;
}

void tagger_crf_average_restart(tagger_crf *c)
{
    if (!c->u) return;
    size_t m = ((size_t)1 << c->bits) * NT;
    for (size_t k = 0; k < m; k++) c->u[k] = c->A * c->v[k];
    memset(c->tsum, 0, sizeof c->tsum);
    c->navg = 0;
}

/* Folds the scale into v when it gets small (float v would lose digits). */
static void rescale(tagger_crf *c)
{
    size_t m = ((size_t)1 << c->bits) * NT;
    for (size_t k = 0; k < m; k++) {
        if (c->u) c->u[k] -= c->A * c->v[k];
        c->v[k] = (float)(c->v[k] * c->a);
    }
    c->a = 1.0;
    c->A = 0.0;
}

double tagger_crf_sentence(tagger_crf *c, const uint32_t *feats, const uint32_t *offs, size_t n, const uint8_t *gold)
{
    if (n == 0) return 0.0;
    if (n > c->cap) {
        size_t cap = n > 2 * c->cap ? n : 2 * c->cap;
        double *w = realloc(c->work, cap * (3 * NT + 1) * sizeof *w);
        if (!w) return -2.0;
        c->work = w;
        c->cap = cap;
    }
    double *E = c->work, *al = E + c->cap * NT, *be = al + c->cap * NT, *z = be + c->cap * NT;
    uint32_t mask = (uint32_t)(((size_t)1 << c->bits) - 1);
    /* emissions: E = exp(score - max per token) */
    double logz = 0.0, gold_score = 0.0;
    for (size_t i = 0; i < n; i++) {
        double *e = E + i * NT;
        float acc[NT] = {0};
        for (uint32_t k = offs[i]; k < offs[i + 1]; k++) {
            const float *row = c->v + (size_t)(feats[k] & mask) * NT;
            for (int t = 0; t < NT; t++) acc[t] += row[t];
        }
        double mx = -INFINITY;
        for (int t = 0; t < NT; t++) {
            e[t] = c->a * acc[t];
            if (e[t] > mx) mx = e[t];
        }
        for (int t = 0; t < NT; t++) e[t] = exp(e[t] - mx);
        logz += mx;
        gold_score += c->a * acc[gold[i]];
    }
    double M[NT * NT], S[NT];
    for (int t = 0; t < NT; t++) S[t] = tagger_transition_ok(-1, t) ? exp(c->trans[START * NT + t]) : 0.0;
    for (int p = 0; p < NT; p++)
        for (int t = 0; t < NT; t++) M[p * NT + t] = tagger_transition_ok(p, t) ? exp(c->trans[p * NT + t]) : 0.0;
    /* forward, normalised per token */
    for (size_t i = 0; i < n; i++) {
        double *a = al + i * NT, sum = 0.0;
        const double *e = E + i * NT;
        for (int t = 0; t < NT; t++) {
            double v;
            if (i == 0) v = S[t];
            else {
                v = 0.0;
                const double *ap = al + (i - 1) * NT;
                for (int p = 0; p < NT; p++) v += ap[p] * M[p * NT + t];
            }
            a[t] = v * e[t];
            sum += a[t];
        }
        z[i] = sum;
        double inv = 1.0 / sum;
        for (int t = 0; t < NT; t++) a[t] *= inv;
        logz += log(sum);
    }
    /* backward, with the same normalisers */
    for (int t = 0; t < NT; t++) be[(n - 1) * NT + t] = 1.0;
    for (size_t i = n - 1; i-- > 0;) {
        const double *bn = be + (i + 1) * NT, *en = E + (i + 1) * NT;
        double *b = be + i * NT, q[NT], inv = 1.0 / z[i + 1];
        for (int t = 0; t < NT; t++) q[t] = en[t] * bn[t] * inv;
        for (int p = 0; p < NT; p++) {
            double v = 0.0;
            for (int t = 0; t < NT; t++) v += M[p * NT + t] * q[t];
            b[p] = v;
        }
    }
    /* the step: gradient of the log-likelihood = observed - expected */
    double eta = c->eta0 / (1.0 + c->eta0 * c->lambda * (double)c->t);
    double shrink = 1.0 - eta * c->lambda;
    if (shrink < 0.5) shrink = 0.5;
    c->a *= shrink;
    double step = eta / c->a, A = c->A;
    for (size_t i = 0; i < n; i++) {
        const double *a = al + i * NT, *b = be + i * NT;
        float d[NT];
        int any = 0;
        for (int t = 0; t < NT; t++) {
            double g = (t == gold[i]) - a[t] * b[t];
            d[t] = (float)(step * g);
            any |= d[t] != 0.0f;
        }
        if (!any) continue;
        for (uint32_t k = offs[i]; k < offs[i + 1]; k++) {
            size_t f = (size_t)(feats[k] & mask) * NT;
            float *v = c->v + f;
            for (int t = 0; t < NT; t++) v[t] += d[t];
            if (c->u) {
                double *u = c->u + f;
                for (int t = 0; t < NT; t++) u[t] += (double)d[t] * A;
            }
        }
    }
    /* transitions: plain values, shrunk directly (90 of them) */
    double g[TRANS_N] = {0};
    for (size_t i = 0; i < n; i++) {
        int pg = i ? gold[i - 1] : START;
        if (tagger_transition_ok(i ? pg : -1, gold[i])) {
            g[pg * NT + gold[i]] += 1.0;
            gold_score += c->trans[pg * NT + gold[i]];
        }
        if (i == 0) {
            const double *b = be;
            for (int t = 0; t < NT; t++) g[START * NT + t] -= al[t] * b[t];
        } else {
            const double *ap = al + (i - 1) * NT, *b = be + i * NT, *e = E + i * NT;
            double inv = 1.0 / z[i];
            for (int p = 0; p < NT; p++)
                for (int t = 0; t < NT; t++)
                    if (M[p * NT + t] != 0.0) g[p * NT + t] -= ap[p] * M[p * NT + t] * e[t] * b[t] * inv;
        }
    }
    for (int k = 0; k < TRANS_N; k++) {
        c->trans[k] = c->trans[k] * shrink + eta * g[k];
        c->tsum[k] += c->trans[k];
    }
    c->A = A + c->a;
    c->navg += 1.0;
    c->t++;
    if (c->a < 1e-3) rescale(c);
    return logz - gold_score;
}

typedef struct row_ctx {
    const tagger_crf *c;
    int avg;
    double mul, div; /* final: a; averaged: 1 / navg */
    float prune;
} row_ctx;

static int crf_row(const void *ctx, size_t s, float *out)
{
    const row_ctx *r = ctx;
    const tagger_crf *c = r->c;
    const float *v = c->v + s * NT;
    int nz = 0;
    for (int t = 0; t < NT; t++) {
        double w = r->avg ? (c->A * v[t] - c->u[s * NT + t]) * r->div : v[t] * r->mul;
        out[t] = (float)w;
        if (fabsf(out[t]) > r->prune) nz = 1;
    }
    return nz;
}

int tagger_crf_serialize(const tagger_crf *c, double prune, double o_bias, unsigned char **out, size_t *out_len)
{
    int avg = c->u && c->navg > 0;
    row_ctx r = {c, avg, c->a, avg ? 1.0 / c->navg : 0.0, (float)(prune > 0 ? prune : 0.0)};
    float trans[TRANS_N];
    for (int k = 0; k < TRANS_N; k++) trans[k] = (float)(avg ? c->tsum[k] / c->navg : c->trans[k]);
    for (int p = 0; p <= NT; p++) trans[p * NT + TAG_O] -= (float)o_bias; /* a penalty on each O token */
    return tagger_weights_blob(c->bits, trans, crf_row, &r, out, out_len);
}
