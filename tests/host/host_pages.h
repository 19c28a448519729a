/* The page source of host unit tests: whole pages from the C library, filled
 * with a non-zero pattern (the allocators under test must zero what they hand
 * out), counted, and refusable to simulate a shortage. */
#ifndef WB_TESTS_HOST_PAGES_H
#define WB_TESTS_HOST_PAGES_H

#include <stdbool.h>
#include "kern/zone.h"

extern long host_pages_out;     /* pages handed out and not yet returned */
extern bool host_pages_refused; /* while true, every request fails */
extern const struct zone_page_source host_page_source;

#endif
