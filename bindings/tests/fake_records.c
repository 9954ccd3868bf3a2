/*
 * Fixed entities and events for the binding tests, until the tagger and the
 * extractor exist. Preloaded (LD_PRELOAD) into the interpreter, these four
 * getters take the place of the library's for the modules' calls, so the
 * binding code that copies entities and events out runs against known
 * records. The offsets refer to RECORDS_TEXT in test_records.py/.lua:
 *
 *   "وقال لافروف إن روسيا وتركيا اتفقتا أمس"
 *    bytes: لافروف 9+12, روسيا 27+10, تركيا 40+10 (after و), اتفقتا 51+12, أمس 64+6
 */
#include <syria/syria.h>

static const syria_entity entities[] = {
    {"e1", 9, 12, SYRIA_ENTITY_PER, "سيرغي لافروف", "RUSGOV", "", 1, 1},
    {"e2", 27, 10, SYRIA_ENTITY_GPE, "روسيا", "RUS", "", 3, 1},
    {"e3", 40, 10, SYRIA_ENTITY_GPE, "تركيا", "TUR", "", 4, 1},
    {"e4", 64, 6, SYRIA_ENTITY_DATE, "", "", "2020-02-17", 6, 1},
};

static const syria_actor agree_sources[] = {{"e2", "RUS"}, {"e3", "TUR"}};
static const syria_actor consult_sources[] = {{"", "SYRGOV"}};
static const syria_actor consult_targets[] = {{"e2", "RUSGOV"}};

static const syria_event events[] = {
    {"v1", "AGREE", "", "030", 1, 4.0, 51, 12, agree_sources, 2, NULL, 0, "", "2020-02-17",
     SYRIA_STATUS_ASSERTED, "e1"},
    {"v2", "CONSULT", "visit", "042", 1, 1.9, 27, 10, consult_sources, 1, consult_targets, 1, "e3",
     "", SYRIA_STATUS_NEGATED, ""},
};

#define COUNT(array) (sizeof(array) / sizeof *(array))

size_t syria_doc_entity_count(const syria_doc *doc)
{
    return doc ? COUNT(entities) : 0;
}

const syria_entity *syria_doc_entity(const syria_doc *doc, size_t i)
{
    return doc && i < COUNT(entities) ? &entities[i] : NULL;
}

size_t syria_doc_event_count(const syria_doc *doc)
{
    return doc ? COUNT(events) : 0;
}

const syria_event *syria_doc_event(const syria_doc *doc, size_t i)
{
    return doc && i < COUNT(events) ? &events[i] : NULL;
}
