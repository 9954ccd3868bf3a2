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
struct tok;

int tag_stage(struct syria_doc *doc);

/* Where a name the tagger found begins in its first token t: after the
 * token's proclitics (the article stays in), except the letters ب ك ل that
 * the corpus shows to be the name's own. The clitic analysis knows no
 * foreign names and reads بيتر as ب + يتر, كلاين as ك + لاين; of the readings
 * that keep one of those letters or none, the one the corpus shows most
 * often wins (بيتر against يتر; ممدوح against بممدوح). Tokens with the
 * article keep their analysis. Returns the byte offset in
 * the text and sets *skip to the number of proclitic letters left out of
 * the token's model form (doc key). */
uint32_t tag_name_start(const struct syria_doc *doc, const struct tok *t, size_t *skip);

/* Where a name ends in its last token t: before the token's enclitic
 * pronoun, except ي and ه, which after a name are the name's own last
 * letter (كومي, بناهي, جوزيه, إنجيه: the clitic analysis reads them كوم + ي
 * "my", جوزي + ه "his"; a name takes no possessive). Returns the byte
 * offset in the text. */
uint32_t tag_name_end(const struct syria_doc *doc, const struct tok *t);

/* The tagger's BIO tags of a sentence, fixed where a person's name would
 * go on over a word with و attached (بوش وبلير, ريد وموساوي): names do not
 * contain "and", so that word begins another person. */
void tag_split_conjoined_persons(uint8_t *tags, const struct tagger_tok *toks, size_t n);

#endif
