/* Questions about a token's proclitic string (tok.prefix, as the clitic
 * stage stores it: و+ال is "وال"), asked per token by several stages. */
#ifndef SYRIA_CORE_AFFIX_H
#define SYRIA_CORE_AFFIX_H

#include <stddef.h>

/* Does the proclitic string contain the article ال? (A loop over a few
 * bytes: strstr's set-up costs more than the search on strings this short.) */
static inline int prefix_has_article(const char *prefix)
{
    if (!prefix) return 0;
    for (const unsigned char *p = (const unsigned char *)prefix; p[0]; p++)
        if (p[0] == 0xD8 && p[1] == 0xA7 && p[2] == 0xD9 && p[3] == 0x84) return 1;
    return 0;
}

#endif
