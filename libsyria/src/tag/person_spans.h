/* Person-name boundaries: rules that correct where the tagger's PER spans
 * end, applied to its BIO tags before the tag stage builds entities
 * (docs/TAGGER.md: measured with cross-validation on ANERcorp). */
#ifndef SYRIA_TAG_PERSON_SPANS_H
#define SYRIA_TAG_PERSON_SPANS_H

#include <stddef.h>
#include <stdint.h>

struct syria_model;
struct tagger_tok;

/* Rewrites the PER spans of tags[0..n) (tagger BIO tags) over the tokens
 * toks[0..n); kinds are the tokens' syria_token_kind. The rules hold in
 * both span conventions. */
void person_spans(const struct syria_model *m, const struct tagger_tok *toks, const int *kinds, size_t n,
                  uint8_t *tags);

#endif
