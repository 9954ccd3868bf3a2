/* The extract stage: PLOVER events with CAMEO codes from the tagged
 * document (doc->ents), written to doc->evs and doc->actors. */
#ifndef SYRIA_EXTRACT_EXTRACT_H
#define SYRIA_EXTRACT_EXTRACT_H

struct syria_doc;

int extract_stage(struct syria_doc *doc);

#endif
