/* One name, one label within an article: a name the statistical tagger
 * found once is labelled again where the same words come back untagged
 * (أورفان ... وأورفان, البنك التجاري ... للبنك التجاري). News repeats its
 * names; the tagger, which sees one sentence at a time, misses some of the
 * repetitions. Part of the tag stage (tag.c calls it when every sentence is
 * tagged). */
#ifndef SYRIA_TAG_CONSISTENCY_H
#define SYRIA_TAG_CONSISTENCY_H

#include <stddef.h>

struct syria_doc;

/* How far (in sentences) a name's label reaches: about a news article, and
 * no further in a long text made of many articles (the development block of
 * ANERcorp, docs/TAGGER.md: 10 sentences +1.9, 25 +2.2, 50 +1.8). */
#define CONSISTENCY_WINDOW 25

/* Adds, for every stretch of untagged tokens that repeats the words of an
 * entity the tagger found within CONSISTENCY_WINDOW sentences, an entity of
 * that type (the majority type of those mentions) with the same canonical
 * name, code and value offsets; keeps doc->ents in text order. Returns 0, or
 * -1 when out of memory (doc->ents is then unchanged but for its order). */
int tag_consistency(struct syria_doc *doc);

#endif
