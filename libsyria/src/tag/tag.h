/* The tag stage: named entities (SCHEMA.md types PER ORG GPE LOC NORP DATE
 * MISC) from the statistical tagger, the model's name lexicon and the date
 * grammar, written to doc->ents in text order with canonical names, codes
 * and resolved DATE values. */
#ifndef SYRIA_TAG_TAG_H
#define SYRIA_TAG_TAG_H

#include <stddef.h>
#include <stdint.h>

struct syria_doc;
struct tagger_tok;

int tag_stage(struct syria_doc *doc);

/* The tagger's BIO tags of a sentence, fixed where a person's name would
 * go on over a word with و attached (بوش وبلير, ريد وموساوي): names do not
 * contain "and", so that word begins another person. */
void tag_split_conjoined_persons(uint8_t *tags, const struct tagger_tok *toks, size_t n);

#endif
