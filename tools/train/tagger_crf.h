/* Training the named-entity tagger as a linear-chain CRF (syria-train-tagger
 * --crf; docs/TAGGER.md): the same features, weights, transitions, decoding
 * and blob as the perceptron of tag/tagger.h; only the objective differs.
 * Training-only code: not part of the library (it needs libm). */
#ifndef SYRIA_TRAIN_TAGGER_CRF_H
#define SYRIA_TRAIN_TAGGER_CRF_H

#include <stddef.h>
#include <stdint.h>

#include "tag/tagger.h"

/* SGD on each sentence's negative log-likelihood with L2 (lazily, as a
 * scale), forward-backward respecting the decoder's allowed transitions
 * (tagger_transition_ok), optionally averaged; see tagger_crf.c. */
typedef struct tagger_crf {
    unsigned bits;
    float *v;          /* 2^bits x NTAGS: the weights divided by a */
    double *u;         /* averaging (NULL: none): sum of each change of v times A */
    double a, A;       /* scale of v (L2 shrink); sum of the scales of the averaged steps */
    double trans[(TAGGER_NTAGS + 1) * TAGGER_NTAGS];
    double tsum[(TAGGER_NTAGS + 1) * TAGGER_NTAGS]; /* their sum over the averaged steps */
    double navg;       /* steps averaged */
    double lambda;     /* L2 weight per sentence */
    double eta0;       /* learning rate: eta0 / (1 + eta0 * lambda * t) */
    size_t t;          /* steps done */
    double *work;      /* forward-backward space */
    size_t cap;        /* its tokens */
} tagger_crf;

/* l2: the L2 weight of one sentence's objective (for C/2 |w|^2 over the
 * corpus, C / number of sentences); eta0 > 0; average: keep the average
 * of the iterates. Returns 0, -1 for a bad argument, -2 when out of memory. */
int tagger_crf_init(tagger_crf *c, unsigned bits, double l2, double eta0, int average);
void tagger_crf_free(tagger_crf *c);
/* One step on a sentence with gold tags: returns its negative
 * log-likelihood before the step (gold transitions the decoder forbids
 * left out), or -2 when out of memory. */
double tagger_crf_sentence(tagger_crf *c, const uint32_t *feats, const uint32_t *offs, size_t n, const uint8_t *gold);
/* Starts the average afresh from the current weights (e.g. after a first epoch). */
void tagger_crf_average_restart(tagger_crf *c);
/* Serialises the weights (averaged when averaging), leaving out slots whose
 * weights are all within +-prune. Returns 0 or -2 when out of memory. */
int tagger_crf_serialize(const tagger_crf *c, double prune, double o_bias, unsigned char **out, size_t *out_len);

#endif
