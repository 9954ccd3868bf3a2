/* Date expressions (see dates.h). */
#include "tag/dates.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/affix.h"
#include "syria/syria.h"

enum { A_NONE, A_MONTH, A_WEEKDAY, A_NUMBER, A_ORDINAL, A_RELDAY, A_RELMOD, A_UNIT, A_DURATION, A_PERIOD };

typedef struct atom {
    int kind;
    long value;       /* month 1-12, weekday 1-7, number, day offset, -1/0/1 */
    const char *unit; /* A_UNIT: D W M Y TH TM; A_DURATION: the ISO value */
    size_t len;       /* tokens */
    int form;         /* 0 whole word, 1 after proclitics, 2 article + stem */
    int is_year;      /* a numeral 1000..2100 */
} atom;

static int eq(const char *a, const char *b) { return a && !strcmp(a, b); }

static int ends_with(const char *w, const char *suffix)
{
    size_t n = w ? strlen(w) : 0, k = strlen(suffix);
    return n > k && !strcmp(w + n - k, suffix);
}

/* A numeral token's value (ASCII, Arabic-Indic or Persian digits); -1 if it
 * is not a plain numeral. */
static long numeral(const char *s)
{
    long v = 0;
    int digits = 0;
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        int d;
        if (*p >= '0' && *p <= '9') d = *p++ - '0';
        else if (p[0] == 0xD9 && p[1] >= 0xA0 && p[1] <= 0xA9) d = p[1] - 0xA0, p += 2;
        else if (p[0] == 0xDB && p[1] >= 0xB0 && p[1] <= 0xB9) d = p[1] - 0xB0, p += 2;
        else return -1;
        if (++digits > 6) return -1;
        v = v * 10 + d;
    }
    return digits ? v : -1;
}

/* Words that are not in the lexicon's date list but behave like its units:
 * periods without a length. */
static const char *const PERIODS[] = {"فترة", "وقت", NULL};
/* Parts of the day before a date (مساء اليوم، صباح أمس). */
static const char *const DAYPARTS[] = {"مساء", "صباح", "ظهر", "ليلة", "فجر", "عصر", "ظهيرة", NULL};

/* Plural units that make a vague date after منذ (منذ أيام). */
static const char *const PLURAL_UNITS[] = {"ايام", "اسابيع", "اشهر", "شهور", "سنوات", "سنين", "اعوام", "ساعات", "دقائق", NULL};

static int in_list(const char *w, const char *const *list)
{
    for (; *list; list++)
        if (eq(w, *list)) return 1;
    return 0;
}

static atom atom_at(const name_lexicon *nl, const gaz_tok *toks, const int *kinds, size_t n, size_t i)
{
    atom a = {0};
    if (i >= n) return a;
    if (kinds[i] == SYRIA_TOKEN_NUMBER) {
        long v = numeral(toks[i].norm);
        if (v >= 0) {
            a.kind = A_NUMBER;
            a.value = v;
            a.len = 1;
            a.is_year = v >= 1000 && v <= 2100;
        }
        return a;
    }
    const name_entry *e;
    int form;
    size_t len = names_match(nl, NAMES_DATE, toks, n, i, 0, &e, &form);
    if (!len) {
        const char *stem = toks[i].stem && *toks[i].stem ? toks[i].stem : toks[i].norm;
        if (in_list(stem, PERIODS)) {
            a.kind = A_PERIOD;
            a.len = 1;
            a.form = prefix_has_article(toks[i].prefix) ? 2 : 0;
        }
        return a;
    }
    a.len = len;
    /* What precedes the word: 0 nothing, 2 the article (with or without
     * other proclitics), 1 other proclitics only. */
    const char *pre = toks[i].prefix ? toks[i].prefix : "";
    a.form = form == 0 ? 0 : prefix_has_article(pre) ? 2 : *pre ? 1 : 0;
    if (form == 0 && !strncmp(toks[i].norm, "\xd8\xa7\xd9\x84", 4) && *pre) a.form = 2;
    if (eq(e->kind, "month")) {
        /* Months never take the article: الأب is "the father", not آب. */
        if (a.form == 2) return (atom){0};
        a.kind = A_MONTH;
    } else if (eq(e->kind, "weekday")) a.kind = A_WEEKDAY;
    else if (eq(e->kind, "number")) a.kind = A_NUMBER;
    else if (eq(e->kind, "ordinal")) a.kind = A_ORDINAL;
    else if (eq(e->kind, "relday")) a.kind = A_RELDAY;
    else if (eq(e->kind, "relmod")) a.kind = A_RELMOD;
    else if (eq(e->kind, "unit")) a.kind = A_UNIT;
    else if (eq(e->kind, "duration")) a.kind = A_DURATION;
    else return (atom){0};
    if (a.kind == A_UNIT || a.kind == A_DURATION) a.unit = e->value;
    else a.value = strtol(e->value, NULL, 10);
    return a;
}

/* ---------------------------------------------------------------- */
/* Calendar */

static int leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }
static int mdays(int y, int m)
{
    static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && leap(y) ? 29 : d[m - 1];
}

/* Days since 1970-01-01 (proleptic Gregorian; Howard Hinnant's algorithm). */
static long days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(long z, int *y, int *m, int *d)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

void date_add_days(int *y, int *m, int *d, long days)
{
    civil_from_days(days_from_civil(*y, *m, *d) + days, y, m, d);
}

int date_weekday(int y, int m, int d)
{
    long z = days_from_civil(y, m, d); /* 1970-01-01 was a Thursday (4) */
    long w = (z % 7 + 7 + 3) % 7;      /* 0 Monday */
    return (int)w + 1;
}

static int parse_doc_date(const char *s, int *y, int *m, int *d)
{
    return s && strlen(s) == 10 && sscanf(s, "%4d-%2d-%2d", y, m, d) == 3;
}

/* ---------------------------------------------------------------- */
/* Where a date can start */

/* The words, besides numerals and the lexicon's date words, that can begin
 * a date expression in date_match: the norms it compares at the start
 * (DAYPARTS, يومي، يوم، شهر، شهري) and the stems (PERIODS, عام، سنة).
 * Compared as gaz_word_hash values (the hashes gaz_prepare gives a
 * token): different hashes mean different words. */
static const char *const START_NORMS[] = {"مساء", "صباح", "ظهر", "ليلة", "فجر", "عصر", "ظهيرة",
                                          "يومي", "يوم",  "شهر", "شهري", NULL};
static const char *const START_STEMS[] = {"فترة", "وقت", "عام", "سنة", NULL};
#define NSTART_NORMS (sizeof START_NORMS / sizeof *START_NORMS - 1)
#define NSTART_STEMS (sizeof START_STEMS / sizeof *START_STEMS - 1)
static uint64_t start_norm_h[NSTART_NORMS], start_stem_h[NSTART_STEMS];
static int start_ok;

static void start_init(void)
{
    for (size_t k = 0; k < NSTART_NORMS; k++) start_norm_h[k] = gaz_word_hash(START_NORMS[k], strlen(START_NORMS[k]));
    for (size_t k = 0; k < NSTART_STEMS; k++) start_stem_h[k] = gaz_word_hash(START_STEMS[k], strlen(START_STEMS[k]));
    start_ok = 1;
}

#if !defined(__STDC_NO_THREADS__)
#include <threads.h>
static once_flag start_once = ONCE_FLAG_INIT;
#endif

/* Can date_match find a date at toks[i]? 0 only where it cannot: the
 * token is no numeral, begins no date word of the lexicon and is none of
 * the words above (most tokens: the grammar, with its string compares and
 * look-ups, then runs only where it may match). */
static int may_start(const name_lexicon *nl, const gaz_tok *toks, const int *kinds, size_t i)
{
    const gaz_tok *t = &toks[i];
#if !defined(__STDC_NO_THREADS__)
    call_once(&start_once, start_init);
#endif
    if (!start_ok || !t->prepared || !t->nhashes) return 1; /* no hashes to go by: ask the grammar */
    if (kinds[i] == SYRIA_TOKEN_NUMBER) return 1;
    if (names_may_start(nl, NAMES_DATE, t)) return 1;
    /* The norm's hash is hashes[0]; the stem's the form-1 one when the stem
     * differs from the norm, else the norm's (a token without a stem is
     * taken by its norm). */
    uint64_t hn = t->hashes[0], hs = hn;
    for (int c = 1; c < t->nhashes; c++)
        if (t->forms[c] == 1) hs = t->hashes[c];
    for (size_t k = 0; k < NSTART_NORMS; k++)
        if (hn == start_norm_h[k]) return 1;
    for (size_t k = 0; k < NSTART_STEMS; k++)
        if (hs == start_stem_h[k]) return 1;
    return 0;
}

/* ---------------------------------------------------------------- */
/* The grammar */

size_t date_match(const name_lexicon *nl, const gaz_tok *toks, const int *kinds, size_t n, size_t i,
                  const char *doc_date, char *value, size_t cap)
{
    value[0] = '\0';
    if (!nl || i >= n || cap < 32) return 0;
    if (!may_start(nl, toks, kinds, i)) return 0;
    int dy = 0, dm = 0, dd = 0;
    int have_doc = parse_doc_date(doc_date, &dy, &dm, &dd);
    size_t j = i;
    const char *w0 = toks[i].norm;

    /* Durations and periods: number unit, duration words, [ال]units relmod. */
    {
        atom a = atom_at(nl, toks, kinds, n, j);
        if (a.kind == A_DURATION && a.form != 1) {
            /* العامين after a definite plural (المدعين العامين, "the public
             * prosecutors") is the adjective عام "public", not two years. */
            if (a.form == 2 && eq(toks[j].stem, "عامين") && j > 0 && toks[j - 1].prefix &&
                prefix_has_article(toks[j - 1].prefix) &&
                (ends_with(toks[j - 1].norm, "ين") || ends_with(toks[j - 1].norm, "ون")))
                return 0;
            snprintf(value, cap, "%s", a.unit);
            atom r = atom_at(nl, toks, kinds, n, j + a.len);
            if (a.form == 2 && r.kind == A_RELMOD && r.value != 0) return a.len + r.len; /* اليومين الماضيين */
            return a.len;
        }
        if (a.kind == A_NUMBER && !a.is_year && a.form != 1) {
            atom u = atom_at(nl, toks, kinds, n, j + a.len);
            if (u.kind == A_UNIT && u.form == 0) {
                size_t len = a.len + u.len;
                atom r = atom_at(nl, toks, kinds, n, j + len);
                if (r.kind == A_RELMOD && r.value != 0) len += r.len; /* الأيام العشرة المقبلة */
                else if (a.value > 0 && a.value < 10000) {
                    int t = u.unit[0] == 'T';
                    snprintf(value, cap, "P%s%ld%s", t ? "T" : "", a.value, t ? u.unit + 1 : u.unit);
                }
                return len;
            }
        }
        if ((a.kind == A_UNIT || a.kind == A_PERIOD || (a.kind == A_NUMBER && a.form == 2)) && a.form == 2) {
            /* العام الماضي، الأيام المقبلة، الساعات القليلة الماضية، العشرة أيام المقبلة, الوقت الحالي */
            size_t k = j + a.len;
            if (a.kind == A_NUMBER) {
                atom u = atom_at(nl, toks, kinds, n, k);
                if (u.kind != A_UNIT) return 0;
                k += u.len;
            }
            if (k < n && (eq(toks[k].norm, "القليلة") || eq(toks[k].norm, "الاخيرة"))) k++;
            atom r = atom_at(nl, toks, kinds, n, k);
            if (r.kind != A_RELMOD) goto calendar;
            size_t len = k + r.len - j;
            if (a.kind == A_UNIT && have_doc && eq(a.unit, "Y") && strcmp(w0, "الاعوام") && strcmp(w0, "السنوات"))
                snprintf(value, cap, "%04d", dy + (int)r.value);
            else if (a.kind == A_UNIT && have_doc && eq(a.unit, "M") && (eq(w0, "الشهر"))) {
                int y = dy, m = dm + (int)r.value;
                if (m < 1) m += 12, y--;
                if (m > 12) m -= 12, y++;
                snprintf(value, cap, "%04d-%02d", y, m);
            } else if (a.kind == A_PERIOD && r.value == 0 && have_doc && eq(toks[j].stem, "وقت"))
                snprintf(value, cap, "%04d-%02d-%02d", dy, dm, dd);
            return len;
        }
        if (a.kind == A_UNIT && a.form == 0 && j > 0 && eq(toks[j - 1].norm, "منذ") && in_list(toks[j].norm, PLURAL_UNITS))
            return a.len; /* منذ أيام */
    }

calendar:
    j = i;
    /* Calendar dates. */
    int daypart = 0;
    if (in_list(toks[j].norm, DAYPARTS)) {
        daypart = 1;
        j++;
    }
    int range_day = 0; /* يومي D و D */
    if (j < n && eq(toks[j].norm, "يومي")) {
        range_day = 1;
        j++;
    } else if (j + 1 < n && eq(toks[j].norm, "يوم")) {
        atom b = atom_at(nl, toks, kinds, n, j + 1);
        if (b.kind == A_RELDAY || b.kind == A_WEEKDAY) j++;
    }
    long relday = 0, weekday = 0, day = 0, day2 = 0, relmod = 0, year = 0;
    int have_relday = 0, months[4], nmonths = 0, have_relmod = 0;
    atom a = atom_at(nl, toks, kinds, n, j);
    if (a.kind == A_RELDAY) {
        relday = a.value;
        have_relday = 1;
        j += a.len;
        a = atom_at(nl, toks, kinds, n, j);
    }
    if (a.kind == A_WEEKDAY) {
        weekday = a.value;
        j += a.len;
        a = atom_at(nl, toks, kinds, n, j);
    }
    /* The day of the month: a numeral or an ordinal, then optionally من. */
    size_t before_day = j;
    if ((a.kind == A_NUMBER && !a.is_year && a.value >= 1 && a.value <= 31 && a.form != 1) ||
        (a.kind == A_ORDINAL && a.value <= 31)) {
        day = a.value;
        j += a.len;
        if (range_day && j + 1 < n && eq(toks[j].norm, "و") && kinds[j + 1] == SYRIA_TOKEN_NUMBER) { /* و8 */
            long v = numeral(toks[j + 1].norm);
            if (v >= 1 && v <= 31) {
                day2 = v;
                j += 2;
            }
        }
        if (j < n && eq(toks[j].norm, "من")) j++;
    } else if (j + 1 < n && eq(toks[j].norm, "اول") && atom_at(nl, toks, kinds, n, j + 1).kind == A_MONTH) {
        day = 1; /* أول نيسان, أول أبريل 2018: the first of the month */
        j++;
    }
    if (j < n && (eq(toks[j].norm, "شهر") || eq(toks[j].norm, "شهري"))) {
        atom b = atom_at(nl, toks, kinds, n, j + 1);
        if (b.kind == A_MONTH) j++;
    }
    a = atom_at(nl, toks, kinds, n, j);
    while (a.kind == A_MONTH && nmonths < 4 && (nmonths == 0 ? a.form != 1 : 1)) {
        months[nmonths++] = (int)a.value;
        j += a.len;
        /* فبراير/ شباط: the other series' name of the same month */
        if (j + 1 < n && eq(toks[j].norm, "/")) {
            atom b = atom_at(nl, toks, kinds, n, j + 1);
            if (b.kind == A_MONTH && b.value == a.value) j += 1 + b.len;
        } else if (j + 2 < n && eq(toks[j].norm, "(")) {
            atom b = atom_at(nl, toks, kinds, n, j + 1);
            if (b.kind == A_MONTH && b.value == a.value && j + 1 + b.len < n && eq(toks[j + 1 + b.len].norm, ")"))
                j += 2 + b.len;
        }
        a = atom_at(nl, toks, kinds, n, j);
        if (!(a.kind == A_MONTH && toks[j].prefix && !strcmp(toks[j].prefix, "و"))) break;
    }
    if (!nmonths && day) j = before_day, day = day2 = 0; /* a number that is not a day */
    if (nmonths) {
        /* Year: 2020, من عام 2015, عام 2015 */
        size_t k = j;
        if (k < n && eq(toks[k].norm, "من")) k++;
        if (k < n && (eq(toks[k].stem, "عام") || eq(toks[k].stem, "سنة"))) k++;
        atom y = atom_at(nl, toks, kinds, n, k);
        if (y.kind == A_NUMBER && y.is_year) {
            year = y.value;
            j = k + 1;
        }
    }
    if (!nmonths && !have_relday && !weekday) {
        /* عام 2015 / سنة 2015 */
        size_t k = i;
        if (k < n && (eq(toks[k].stem, "عام") || eq(toks[k].stem, "سنة")) && toks[k].prefix &&
            !strchr(toks[k].prefix, '+') && strlen(toks[k].prefix) <= 2) {
            atom y = atom_at(nl, toks, kinds, n, k + 1);
            if (y.kind == A_NUMBER && y.is_year) {
                snprintf(value, cap, "%ld", y.value);
                return 2;
            }
        }
        return 0;
    }
    a = atom_at(nl, toks, kinds, n, j);
    if (a.kind == A_RELMOD && a.form != 1) {
        relmod = a.value;
        have_relmod = 1;
        j += a.len;
    }
    (void)daypart;

    /* Resolve. */
    if (have_relday && have_doc) {
        int y = dy, m = dm, d = dd;
        date_add_days(&y, &m, &d, relday);
        snprintf(value, cap, "%04d-%02d-%02d", y, m, d);
    } else if (nmonths && (year || have_doc)) {
        int m = months[0];
        int y = year ? (int)year : dy;
        if (!year && have_doc) {
            if (have_relmod && relmod < 0 && m >= dm) y--;
            else if (have_relmod && relmod > 0 && m <= dm) y++;
        }
        if (nmonths > 1) snprintf(value, cap, "%04d", y);
        else if (day && day <= mdays(y, m)) {
            if (day2 > day && day2 <= mdays(y, m))
                snprintf(value, cap, "%04d-%02d-%02ld/%04d-%02d-%02ld", y, m, day, y, m, day2);
            else snprintf(value, cap, "%04d-%02d-%02ld", y, m, day);
        } else if (!day) snprintf(value, cap, "%04d-%02d", y, m);
    } else if (weekday && have_doc) {
        int dw = date_weekday(dy, dm, dd);
        long back = (dw - weekday + 7) % 7; /* on or before the document date */
        long shift;
        if (have_relmod && relmod > 0) shift = (weekday - dw + 7) % 7 ? (weekday - dw + 7) % 7 : 7;
        else if (have_relmod && relmod < 0) shift = -(back ? back : 7);
        else shift = -back;
        int y = dy, m = dm, d = dd;
        date_add_days(&y, &m, &d, shift);
        snprintf(value, cap, "%04d-%02d-%02d", y, m, d);
    }
    return j - i;
}
