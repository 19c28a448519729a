/* The host unit tests' page source (host_pages.h). */
#include "host_pages.h"
#include <stdlib.h>
#include <string.h>

long host_pages_out;
bool host_pages_refused;

static void *alloc_pages(size_t count)
{
	if (host_pages_refused)
		return NULL;
	void *pages = aligned_alloc(ZONE_PAGE_SIZE, count * ZONE_PAGE_SIZE);
	if (pages) {
		memset(pages, 0x5a, count * ZONE_PAGE_SIZE);
		host_pages_out += (long)count;
	}
	return pages;
}

static void free_pages(void *address, size_t count)
{
	host_pages_out -= (long)count;
	free(address);
}

const struct zone_page_source host_page_source = {alloc_pages, free_pages};
