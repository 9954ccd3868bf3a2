/* The extract stage (issue 4): not written yet; produces no events. */
#include "extract/extract.h"

#include "core/doc.h"

int extract_stage(struct syria_doc *doc)
{
    (void)doc;
    return SYRIA_OK;
}
