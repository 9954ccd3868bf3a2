/* Stage 2: tokenisation and sentence splitting. */
#ifndef SYRIA_TOKENIZE_H
#define SYRIA_TOKENIZE_H

#include "core/doc.h"

/* Splits doc->text into tokens (doc->toks: spans, kinds, obfuscation flag).
 * Every non-space character of the text is covered by exactly one token. */
int tokenize(struct syria_doc *doc);

/* Normalises every token into doc->strings (norm and, when the user's flags
 * differ from the model's, the analysis key). doc->model may be NULL. */
int tokenize_normalize(struct syria_doc *doc);

/* Both in one pass (what syria_analyze runs): each token is normalised as
 * soon as it is found, while its bytes are in the cache. The same tokens
 * and strings as tokenize then tokenize_normalize. */
int tokenize_and_normalize(struct syria_doc *doc);

/* Groups tokens into sentences (doc->sents) with ICU's sentence rules, Arabic
 * punctuation and line breaks, never inside a number, an abbreviation or a
 * quotation. `sentence_bi` is a UBreakIterator* template owned by the model. */
int sentence_split(struct syria_doc *doc, const void *sentence_bi);

#endif
