/* syria analyze --format html: one self-contained right-to-left page.
 *
 * Layout: a header (name, date, counts, a legend of entity types), the text
 * with entity spans coloured by type and event triggers underlined in the
 * colour of their quad class, and a table of the events (trigger, type,
 * CAMEO code, quad class, Goldstein value, actors with their codes,
 * location, date, status). Hovering or focusing an entity shows its type,
 * canonical name and code; hovering an event row lights up its trigger and
 * actors in the text. No network, no external file: CSS and script are
 * inline, and every piece of text goes through html_text(). */
#include "html.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct hbuf {
    char *data;
    size_t len, cap;
    int failed; /* out of memory: every later append is a no-op */
} hbuf;

static void hb_add(hbuf *b, const char *s, size_t n)
{
    if (b->failed) return;
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 16384;
        while (cap < b->len + n + 1) cap *= 2;
        char *p = realloc(b->data, cap);
        if (!p) {
            b->failed = 1;
            return;
        }
        b->data = p;
        b->cap = cap;
    }
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = 0;
}

static void hb_str(hbuf *b, const char *s) { hb_add(b, s, strlen(s)); }

static void hb_printf(hbuf *b, const char *fmt, ...)
{
    char small[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0) return;
    if ((size_t)n < sizeof small) {
        hb_add(b, small, (size_t)n);
        return;
    }
    char *big = malloc((size_t)n + 1);
    if (!big) {
        b->failed = 1;
        return;
    }
    va_start(ap, fmt);
    vsnprintf(big, (size_t)n + 1, fmt, ap);
    va_end(ap);
    hb_add(b, big, (size_t)n);
    free(big);
}

/* Text and attribute values alike: the five characters that matter. */
static void html_text(hbuf *b, const char *s, size_t n)
{
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        const char *rep = NULL;
        switch (s[i]) {
        case '&': rep = "&amp;"; break;
        case '<': rep = "&lt;"; break;
        case '>': rep = "&gt;"; break;
        case '"': rep = "&quot;"; break;
        case '\'': rep = "&#39;"; break;
        default: break;
        }
        if (!rep) continue;
        hb_add(b, s + run, i - run);
        hb_str(b, rep);
        run = i + 1;
    }
    hb_add(b, s + run, n - run);
}

static void html_cstr(hbuf *b, const char *s) { html_text(b, s ? s : "", s ? strlen(s) : 0); }

/* A data-* attribute, left out when the value is absent or empty. */
static void html_attr(hbuf *b, const char *name, const char *value)
{
    if (!value || !*value) return;
    hb_printf(b, " %s=\"", name);
    html_cstr(b, value);
    hb_str(b, "\"");
}

static const char *quad_name(int quad)
{
    switch (quad) {
    case 1: return "verbal cooperation";
    case 2: return "material cooperation";
    case 3: return "verbal conflict";
    case 4: return "material conflict";
    default: return "unknown";
    }
}

static const char *type_label(int type)
{
    switch (type) {
    case SYRIA_ENTITY_PER: return "شخص";
    case SYRIA_ENTITY_ORG: return "منظمة";
    case SYRIA_ENTITY_GPE: return "دولة أو مدينة";
    case SYRIA_ENTITY_LOC: return "مكان";
    case SYRIA_ENTITY_NORP: return "جنسية أو جماعة";
    case SYRIA_ENTITY_DATE: return "تاريخ";
    case SYRIA_ENTITY_MISC: return "غير ذلك";
    default: return "";
    }
}

static const char page_style[] =
    "*{box-sizing:border-box}"
    "body{margin:0;font:17px/1.9 'Noto Naskh Arabic','Noto Sans Arabic','DejaVu Sans',Tahoma,sans-serif;"
    "color:#1b1b1b;background:#fafaf7}"
    "header,main{max-width:70rem;margin:0 auto;padding:0 1.5rem}"
    "header{padding-top:1rem;border-bottom:1px solid #ddd}"
    "h1{font-size:1.4rem;margin:.3rem 0}h2{font-size:1.15rem;margin:1.4rem 0 .4rem}"
    ".meta{color:#555;margin:.2rem 0;font-size:.9rem}"
    ".legend{list-style:none;padding:0;margin:.4rem 0 .8rem;display:flex;flex-wrap:wrap;gap:.4rem 1rem;font-size:.85rem}"
    ".text{white-space:pre-wrap;background:#fff;border:1px solid #e3e3e3;border-radius:6px;padding:1rem 1.25rem;margin-top:1rem}"
    ".ent{border-radius:4px;padding:0 .15em;border-bottom:2px solid transparent;cursor:help}"
    ".ent:focus{outline:2px solid #333}.swatch{border-radius:4px;padding:0 .3em;border-bottom:2px solid}"
    ".ent-PER{background:#ffd9e2;border-color:#d6336c}"
    ".ent-ORG{background:#d9e6ff;border-color:#3366cc}"
    ".ent-GPE{background:#d7f2cf;border-color:#2f9e44}"
    ".ent-LOC{background:#fff0bf;border-color:#e0a800}"
    ".ent-NORP{background:#ebdcff;border-color:#7048e8}"
    ".ent-DATE{background:#d5f3f3;border-color:#0c8599}"
    ".ent-MISC{background:#ececec;border-color:#868e96}"
    ".trigger{background:none;color:inherit;font-weight:bold;text-decoration:underline 3px;text-underline-offset:.35em}"
    ".q1{--q:#2b8a3e}.q2{--q:#1864ab}.q3{--q:#e8590c}.q4{--q:#c92a2a}"
    ".trigger{text-decoration-color:var(--q,#555)}"
    ".lit{outline:3px solid var(--q,#f08c00);outline-offset:1px}"
    "table{border-collapse:collapse;width:100%;background:#fff;font-size:.9rem}"
    "th,td{border:1px solid #e3e3e3;padding:.25rem .5rem;text-align:start;vertical-align:top}"
    "th{background:#f1f3f5;font-weight:600}"
    "tbody tr{border-inline-start:5px solid var(--q,#ccc)}tbody tr:hover{background:#fff9db}"
    ".quad{color:var(--q);font-weight:600}"
    "code{font-family:'DejaVu Sans Mono',monospace;direction:ltr;unicode-bidi:isolate;font-size:.85em;"
    "background:#f1f3f5;border-radius:3px;padding:0 .25em}"
    ".date,time{white-space:nowrap;direction:ltr;unicode-bidi:isolate}"
    ".status-negated{color:#c92a2a}.status-future{color:#1864ab}"
    ".none{color:#999;padding:1rem 0}"
    "#tip{position:absolute;z-index:10;max-width:24rem;background:#212529;color:#fff;border-radius:6px;"
    "padding:.4rem .7rem;font-size:.85rem;line-height:1.6;pointer-events:none;box-shadow:0 2px 8px rgba(0,0,0,.3)}"
    "#tip[hidden]{display:none}#tip .k{color:#adb5bd}"
    "footer{max-width:70rem;margin:1.5rem auto;padding:0 1.5rem;color:#888;font-size:.8rem}";

/* The tooltip and the event-row highlighting; all data comes from data-*
 * attributes written (escaped) above, and is inserted with textContent. */
static const char page_script[] =
    "(function(){"
    "var tip=document.getElementById('tip');"
    "function line(k,v){if(!v)return;var d=document.createElement('div'),s=document.createElement('span');"
    "s.className='k';s.textContent=k+': ';d.appendChild(s);d.appendChild(document.createTextNode(v));tip.appendChild(d);}"
    "function show(el){tip.textContent='';var d=el.dataset;"
    "if(el.classList.contains('ent')){line('type',d.type);line('canonical',d.canonical||el.textContent);"
    "line('code',d.code);line('value',d.value);line('id',el.id);}"
    "else{line('event',d.type);line('CAMEO',d.cameo);line('quad',d.quad);line('status',d.status);line('id',d.event);}"
    "var r=el.getBoundingClientRect();tip.hidden=false;"
    "tip.style.top=(window.scrollY+r.bottom+6)+'px';"
    "var left=window.scrollX+r.right-tip.offsetWidth;if(left<4)left=4;tip.style.left=left+'px';}"
    "function hide(){tip.hidden=true;}"
    "document.querySelectorAll('.ent,.trigger').forEach(function(el){"
    "el.addEventListener('mouseenter',function(){show(el);});el.addEventListener('mouseleave',hide);"
    "el.addEventListener('focus',function(){show(el);});el.addEventListener('blur',hide);});"
    "document.querySelectorAll('tr[data-marks]').forEach(function(row){"
    "var ids=row.dataset.marks.split(' ');"
    "function each(f){ids.forEach(function(id){var el=document.getElementById(id);if(el)f(el);});}"
    "row.addEventListener('mouseenter',function(){each(function(el){el.classList.add('lit');});});"
    "row.addEventListener('mouseleave',function(){each(function(el){el.classList.remove('lit');});});});"
    "})();";

typedef struct mark {
    size_t start, end;
    const syria_entity *entity; /* or */
    const syria_event *event;
} mark;

static int mark_cmp(const void *a, const void *b)
{
    const mark *x = a, *y = b;
    if (x->start != y->start) return x->start < y->start ? -1 : 1;
    return (x->entity ? 0 : 1) - (y->entity ? 0 : 1);
}

static const syria_entity *entity_by_id(const syria_doc *doc, const char *id)
{
    if (!id || !*id) return NULL;
    size_t n = syria_doc_entity_count(doc);
    /* Ids are "e1", "e2", ... in order: try the entity the number names. */
    if (id[0] == 'e' && id[1] >= '1' && id[1] <= '9') {
        size_t k = (size_t)strtoul(id + 1, NULL, 10);
        const syria_entity *e = k >= 1 && k <= n ? syria_doc_entity(doc, k - 1) : NULL;
        if (e && !strcmp(e->id, id)) return e;
    }
    for (size_t i = 0; i < n; i++) {
        const syria_entity *e = syria_doc_entity(doc, i);
        if (e && !strcmp(e->id, id)) return e;
    }
    return NULL;
}

/* An entity named in the events table: its surface text, linked to its
 * span, then the code. */
static void html_entity_ref(hbuf *b, const syria_doc *doc, const char *text, const char *id,
                            const char *code)
{
    const syria_entity *e = entity_by_id(doc, id);
    if (e) {
        hb_str(b, "<a href=\"#");
        html_cstr(b, e->id);
        hb_str(b, "\">");
        html_text(b, text + e->start, e->length);
        hb_str(b, "</a>");
    } else if (id && *id) {
        html_cstr(b, id);
    }
    if (code && *code) {
        hb_str(b, e || (id && *id) ? " <code>" : "<code>");
        html_cstr(b, code);
        hb_str(b, "</code>");
    }
}

static void html_actors(hbuf *b, const syria_doc *doc, const char *text, const syria_actor *actors,
                        size_t count)
{
    if (!count) {
        hb_str(b, "<span class=\"none\">—</span>");
        return;
    }
    for (size_t i = 0; i < count; i++) {
        if (i) hb_str(b, "، ");
        hb_str(b, "<span class=\"actor\">");
        html_entity_ref(b, doc, text, actors[i].entity, actors[i].code);
        hb_str(b, "</span>");
    }
}

static void html_mark_ids(hbuf *b, const syria_actor *actors, size_t count)
{
    for (size_t i = 0; i < count; i++)
        if (actors[i].entity && *actors[i].entity) {
            hb_str(b, " ");
            html_cstr(b, actors[i].entity);
        }
}

static void html_text_section(hbuf *b, const syria_doc *doc, const char *text, size_t len)
{
    size_t ne = syria_doc_entity_count(doc), nv = syria_doc_event_count(doc);
    mark *marks = calloc(ne + nv + 1, sizeof *marks);
    size_t nm = 0;
    if (!marks) {
        b->failed = 1;
        return;
    }
    for (size_t i = 0; i < ne; i++) {
        const syria_entity *e = syria_doc_entity(doc, i);
        if (e && e->length && e->start + e->length <= len)
            marks[nm++] = (mark){e->start, e->start + e->length, e, NULL};
    }
    for (size_t i = 0; i < nv; i++) {
        const syria_event *v = syria_doc_event(doc, i);
        if (v && v->trigger_length && v->trigger_start + v->trigger_length <= len)
            marks[nm++] = (mark){v->trigger_start, v->trigger_start + v->trigger_length, NULL, v};
    }
    /* Spans do not nest in the page: entities are placed first (one that
     * overlaps an entity placed before it is left out), then each trigger
     * that overlaps nothing placed; the events table lists every event. */
    qsort(marks, nm, sizeof *marks, mark_cmp);
    mark *keep = calloc(nm + 1, sizeof *keep);
    if (!keep) {
        free(marks);
        b->failed = 1;
        return;
    }
    size_t placed = 0;
    for (size_t i = 0; i < nm; i++)
        if (marks[i].entity && (!placed || marks[i].start >= keep[placed - 1].end))
            keep[placed++] = marks[i];
    size_t nent = placed, trigger_end = 0;
    for (size_t i = 0; i < nm; i++) {
        if (marks[i].entity || (placed > nent && marks[i].start < trigger_end)) continue;
        /* The placed entities are sorted and disjoint: the first one ending
         * after the trigger's start is the only one that can overlap it. */
        size_t lo = 0, hi = nent;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (keep[mid].end <= marks[i].start) lo = mid + 1;
            else hi = mid;
        }
        if (lo < nent && keep[lo].start < marks[i].end) continue;
        keep[placed++] = marks[i];
        trigger_end = marks[i].end;
    }
    free(marks);
    marks = keep;
    nm = placed;
    qsort(marks, nm, sizeof *marks, mark_cmp);
    hb_str(b, "<article id=\"text\" class=\"text\">");
    size_t at = 0;
    for (size_t i = 0; i < nm; i++) {
        const mark *m = &marks[i];
        if (m->start < at) continue;
        html_text(b, text + at, m->start - at);
        if (m->entity) {
            const syria_entity *e = m->entity;
            hb_printf(b, "<span class=\"ent ent-%s\" tabindex=\"0\"", syria_entity_type_name(e->type));
            html_attr(b, "id", e->id);
            html_attr(b, "data-type", syria_entity_type_name(e->type));
            html_attr(b, "data-canonical", e->canonical);
            html_attr(b, "data-code", e->code);
            html_attr(b, "data-value", e->value);
            hb_str(b, ">");
            html_text(b, text + m->start, m->end - m->start);
            hb_str(b, "</span>");
        } else {
            const syria_event *v = m->event;
            char quad[8];
            snprintf(quad, sizeof quad, "%d", v->quad);
            hb_printf(b, "<mark class=\"trigger q%d\" id=\"t-", v->quad);
            html_cstr(b, v->id);
            hb_str(b, "\"");
            html_attr(b, "data-event", v->id);
            html_attr(b, "data-type", v->type);
            html_attr(b, "data-cameo", v->cameo);
            html_attr(b, "data-quad", quad_name(v->quad));
            html_attr(b, "data-status", syria_event_status_name(v->status));
            hb_str(b, ">");
            html_text(b, text + m->start, m->end - m->start);
            hb_str(b, "</mark>");
        }
        at = m->end;
    }
    html_text(b, text + at, len - at);
    hb_str(b, "</article>\n");
    free(marks);
}

static void html_events_section(hbuf *b, const syria_doc *doc, const char *text, size_t len)
{
    size_t nv = syria_doc_event_count(doc);
    hb_printf(b, "<section id=\"events\"><h2>الأحداث <small dir=\"ltr\">(events: %zu)</small></h2>\n", nv);
    if (!nv) {
        hb_str(b, "<p class=\"none\">لا أحداث في هذا النص (no events).</p></section>\n");
        return;
    }
    hb_str(b, "<table><thead><tr><th>#</th><th>الفعل<br><small>trigger</small></th>"
              "<th>النوع<br><small>PLOVER type, mode</small></th><th>CAMEO</th>"
              "<th>الفئة<br><small>quad class</small></th><th>Goldstein</th>"
              "<th>الفاعل<br><small>sources</small></th><th>المفعول به<br><small>targets</small></th>"
              "<th>المكان<br><small>location</small></th><th>التاريخ<br><small>date</small></th>"
              "<th>الحالة<br><small>status</small></th><th>المصدر<br><small>reported by</small></th>"
              "</tr></thead><tbody>\n");
    for (size_t i = 0; i < nv; i++) {
        const syria_event *v = syria_doc_event(doc, i);
        if (!v) continue;
        hb_printf(b, "<tr class=\"event q%d\"", v->quad);
        html_attr(b, "id", v->id);
        hb_str(b, " data-marks=\"t-");
        html_cstr(b, v->id);
        html_mark_ids(b, v->sources, v->source_count);
        html_mark_ids(b, v->targets, v->target_count);
        hb_str(b, "\"><td>");
        html_cstr(b, v->id);
        hb_str(b, "</td><td class=\"trig\"><a href=\"#t-");
        html_cstr(b, v->id);
        hb_str(b, "\">");
        if (v->trigger_start + v->trigger_length <= len)
            html_text(b, text + v->trigger_start, v->trigger_length);
        hb_str(b, "</a></td><td><code>");
        html_cstr(b, v->type);
        hb_str(b, "</code>");
        if (v->mode && *v->mode) {
            hb_str(b, " <code>");
            html_cstr(b, v->mode);
            hb_str(b, "</code>");
        }
        hb_str(b, "</td><td><code>");
        html_cstr(b, v->cameo);
        hb_printf(b, "</code></td><td class=\"quad\"><span dir=\"ltr\">%d · %s</span></td><td><span dir=\"ltr\">%.1f</span></td>"
                  "<td class=\"sources\">",
                  v->quad, quad_name(v->quad), v->goldstein);
        html_actors(b, doc, text, v->sources, v->source_count);
        hb_str(b, "</td><td class=\"targets\">");
        html_actors(b, doc, text, v->targets, v->target_count);
        hb_str(b, "</td><td>");
        html_entity_ref(b, doc, text, v->location, NULL);
        hb_str(b, "</td><td class=\"date\">");
        html_cstr(b, v->date);
        hb_printf(b, "</td><td class=\"status status-%s\">%s</td><td>", syria_event_status_name(v->status),
                  syria_event_status_name(v->status));
        html_entity_ref(b, doc, text, v->reported_by, NULL);
        hb_str(b, "</td></tr>\n");
    }
    hb_str(b, "</tbody></table></section>\n");
}

char *syria_cli_html(const syria_doc *doc, size_t *len_out)
{
    hbuf b = {0};
    size_t len = 0;
    const char *text = syria_doc_text(doc, &len);
    const char *name = syria_doc_name(doc), *date = syria_doc_date(doc);
    size_t ne = syria_doc_entity_count(doc);
    size_t per_type[SYRIA_ENTITY_MISC + 1] = {0};
    for (size_t i = 0; i < ne; i++) {
        const syria_entity *e = syria_doc_entity(doc, i);
        if (e && e->type >= 0 && e->type <= SYRIA_ENTITY_MISC) per_type[e->type]++;
    }

    hb_str(&b, "<!DOCTYPE html>\n<html lang=\"ar\" dir=\"rtl\">\n<head>\n<meta charset=\"utf-8\">\n"
               "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
               "<meta name=\"generator\" content=\"libsyria ");
    html_cstr(&b, syria_version());
    hb_str(&b, "\">\n<title>");
    html_cstr(&b, *name ? name : "libsyria");
    hb_str(&b, " — libsyria</title>\n<style>");
    hb_str(&b, page_style);
    hb_str(&b, "</style>\n</head>\n<body>\n<header><h1><bdi>");
    html_cstr(&b, *name ? name : "نص");
    hb_str(&b, "</bdi></h1><p class=\"meta\">");
    if (*date) {
        hb_str(&b, "<time>");
        html_cstr(&b, date);
        hb_str(&b, "</time> · ");
    }
    hb_printf(&b, "<span id=\"counts\" dir=\"ltr\">%zu sentences · %zu tokens · %zu entities · %zu events</span></p>\n",
              syria_doc_sentence_count(doc), syria_doc_token_count(doc), ne, syria_doc_event_count(doc));
    hb_str(&b, "<ul class=\"legend\">");
    for (int t = 0; t <= SYRIA_ENTITY_MISC; t++) {
        hb_printf(&b, "<li><span class=\"swatch ent-%s\">%s</span> %s (%zu)</li>", syria_entity_type_name(t),
                  syria_entity_type_name(t), type_label(t), per_type[t]);
    }
    hb_str(&b, "</ul></header>\n<main>\n");
    html_text_section(&b, doc, text, len);
    html_events_section(&b, doc, text, len);
    hb_str(&b, "</main>\n<div id=\"tip\" role=\"tooltip\" hidden></div>\n<footer>libsyria ");
    html_cstr(&b, syria_version());
    hb_str(&b, " · schema libsyria/1</footer>\n<script>");
    hb_str(&b, page_script);
    hb_str(&b, "</script>\n</body>\n</html>\n");
    if (b.failed) {
        free(b.data);
        return NULL;
    }
    if (len_out) *len_out = b.len;
    return b.data;
}
