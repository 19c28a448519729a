/* Host unit test of the kernel object allocator (kernel/kern/zone.c). */
#include "tap.h"
#include "host_pages.h"
#include "kern/zone.h"
#include <stdlib.h>
#include <string.h>

int main(void)
{
	zone_set_page_source(&host_page_source);
	struct zone small, large;
	zone_init(&small, "small", 40, 1000);
	zone_init(&large, "large", 16384, 3);
	CHECK(zone_list() == &large && large.next == &small, "zones are registered for reports");
	void *objects[1000];
	int distinct = 1, zeroed = 1;
	for (int i = 0; i < 1000; i++) {
		objects[i] = zone_alloc(&small);
		if (!objects[i] || ((char *)objects[i])[0] != 0)
			zeroed = 0;
		if (objects[i])
			memset(objects[i], 0xab, 40);
	}
	for (int i = 1; i < 1000; i++)
		distinct &= objects[i] != objects[i - 1];
	CHECK(zeroed && distinct, "1000 zeroed objects are allocated");
	CHECK(small.in_use == 1000 && small.peak == 1000, "the zone counts them");
	CHECK(zone_alloc(&small) == NULL && small.refusals == 1,
	      "the 1001st is refused by the limit");
	for (int i = 0; i < 1000; i += 2)
		zone_free(&small, objects[i]);
	CHECK(small.in_use == 500, "frees are counted");
	for (int i = 0; i < 1000; i += 2)
		objects[i] = zone_alloc(&small);
	CHECK(small.in_use == 1000, "freed objects are reused");
	for (int i = 0; i < 1000; i++)
		zone_free(&small, objects[i]);
	CHECK(small.in_use == 0 && small.pages <= 1, "an empty zone keeps at most one page (%zu)",
	      small.pages);
	void *a = zone_alloc(&large), *b = zone_alloc(&large), *c = zone_alloc(&large);
	CHECK(a && b && c && ((uintptr_t)a % ZONE_PAGE_SIZE) == 0, "large objects get whole pages");
	CHECK(zone_alloc(&large) == NULL, "the large zone's limit holds");
	zone_free(&large, a);
	zone_free(&large, b);
	zone_free(&large, c);
	CHECK(large.in_use == 0 && large.pages == 0, "large objects give their pages back");
	CHECK(host_pages_out == (long)small.pages, "no page leaked (%ld out)", host_pages_out);
	if (small.empty) /* the one cached empty slab goes back with the zone */
		host_page_source.free_pages(small.empty, 1);
	return tap_finish();
}
