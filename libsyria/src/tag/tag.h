/* The tag stage: named entities (SCHEMA.md types PER ORG GPE LOC NORP DATE
 * MISC) from the statistical tagger, the model's name lexicon and the date
 * grammar, written to doc->ents in text order with canonical names, codes
 * and resolved DATE values. */
#ifndef SYRIA_TAG_TAG_H
#define SYRIA_TAG_TAG_H

struct syria_doc;

int tag_stage(struct syria_doc *doc);

#endif
