/* Currency nouns: ANERcorp tags them MISC (دولار, جنيه, اليورو) and the
 * tagger learnt that; SCHEMA.md's MISC is named processes, agreements,
 * operations and events, not money, so the tag stage and the consistency
 * pass leave money out unless SYRIA_OPT_ANERCORP is set. */
#ifndef SYRIA_TAG_CURRENCY_H
#define SYRIA_TAG_CURRENCY_H

/* Is stem (a clitic stem in the model's normalisation: دولار, دولارات,
 * جنيها, ليرة, استرليني) a currency noun? */
int currency_word(const char *stem);

#endif
