/* Date expressions: a small grammar over the date words of the name lexicon
 * (dates.tsv: months of both series, weekdays, relative days, number and
 * ordinal words, units, "الماضي/المقبل/الجاري") and numerals, with the
 * ISO 8601 value resolved against the document date.
 *
 *   [مساء|صباح ...] [يوم] [relday] [weekday] [day|ordinal [من]] [شهر] month [/ month]
 *       [[من] [عام] year] [relmod]        أمس السبت، الثالث من فبراير الجاري
 *   [ال]عام|سنة  year | relmod              عام 2015، العام الماضي
 *   number unit | duration                 تسع سنوات، 48 ساعة، أسبوعين
 *   [ال]units [القليلة] relmod              الأيام المقبلة، الساعات القليلة الماضية
 *   يومي D و D [من] month                   يومي 7 و8 من ديسمبر الجاري (a range)
 */
#ifndef SYRIA_TAG_DATES_H
#define SYRIA_TAG_DATES_H

#include <stddef.h>

#include "tag/names.h"

/* Is there a date expression at toks[i]? Returns its length in tokens (0 if
 * none). kinds[] are the tokens' syria_token_kind. value (cap >= 32) receives
 * the ISO 8601 value, or "" when it cannot be resolved; doc_date is
 * "YYYY-MM-DD" or "". */
size_t date_match(const name_lexicon *nl, const gaz_tok *toks, const int *kinds, size_t n, size_t i,
                  const char *doc_date, char *value, size_t cap);

/* Calendar helper: the date `days` days after y-m-d (negative: before). */
void date_add_days(int *y, int *m, int *d, long days);

/* Day of the week of y-m-d: 1 Monday .. 7 Sunday. */
int date_weekday(int y, int m, int d);

#endif
