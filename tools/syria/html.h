/* syria analyze --format html: one self-contained right-to-left page. */
#ifndef SYRIA_CLI_HTML_H
#define SYRIA_CLI_HTML_H

#include <stddef.h>

#include "syria/syria.h"

/* The page for one analysed document: the text with its entities
 * highlighted by type (hovering one shows its canonical name and code) and
 * event triggers marked, then a table of the events. Everything the page
 * needs is inline; every piece of text is escaped. Returns a malloc'd
 * NUL-terminated string (its length in *len), or NULL when out of memory. */
char *syria_cli_html(const syria_doc *doc, size_t *len);

#endif
