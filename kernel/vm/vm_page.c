/* Resident pages (see vm_page.h): a descriptor array indexed by frame number
 * up to the highest RAM frame, and a chained hash on (object, offset). */
#include "vm/vm_page.h"
#include "vm/vm_charge.h"
#include "vm/vm_object.h"
#include "vm/physmem.h"
#include "arch/x86_64/pmap.h"
#include "kern/boot_info.h"
#include "dev/console.h"
#include "lib/kstring.h"

static struct vm_page *pages;     /* pages[frame] */
static uint64_t page_count;       /* frames described */
static struct vm_page **buckets;  /* the (object, offset) hash */
static uint64_t bucket_mask;
struct vm_page_statistics vm_page_stats;

static uint64_t pages_for(uint64_t bytes)
{
	return (bytes + PAGE_SIZE - 1) / PAGE_SIZE;
}

void vm_page_system_init(void)
{
	uint64_t top = 0;
	for (unsigned i = 0; i < boot_info.memory_range_count; i++) {
		if (boot_info.memory[i].end > top)
			top = boot_info.memory[i].end;
	}
	page_count = top / PAGE_SIZE;
	uint64_t bucket_count = 1;
	while (bucket_count < page_count / 4)
		bucket_count <<= 1;
	bucket_mask = bucket_count - 1;
	uint64_t phys;
	if (!physmem_alloc_contiguous(pages_for(page_count * sizeof(struct vm_page)), 1, 0, &phys))
		panic("vm: no memory for %lu page descriptors", (unsigned long)page_count);
	pages = phys_to_virt(phys);
	if (!physmem_alloc_contiguous(pages_for(bucket_count * sizeof(struct vm_page *)), 1, 0, &phys))
		panic("vm: no memory for the page hash");
	buckets = phys_to_virt(phys);
	pmap_pv_system_init(page_count);
}

static struct vm_page **bucket_of(const struct vm_object *object, uint64_t offset)
{
	uint64_t key = (uint64_t)(uintptr_t)object / 64 * 0x9e3779b97f4a7c15ull + offset / PAGE_SIZE;
	key ^= key >> 29;
	return &buckets[key & bucket_mask];
}

uint64_t vm_page_phys(const struct vm_page *page)
{
	return (uint64_t)(page - pages) * PAGE_SIZE;
}

struct vm_page *vm_page_of_phys(uint64_t phys)
{
	uint64_t frame = phys / PAGE_SIZE;
	return frame < page_count ? &pages[frame] : NULL;
}

uint64_t vm_page_frame_count(void)
{
	return page_count;
}

static void insert(struct vm_page *page, struct vm_object *object, uint64_t offset)
{
	page->object = object;
	page->offset = offset;
	struct vm_page **bucket = bucket_of(object, offset);
	page->hash_next = *bucket;
	*bucket = page;
	page->object_prev = NULL;
	page->object_next = object->pages;
	if (object->pages)
		object->pages->object_prev = page;
	object->pages = page;
	object->resident_pages++;
}

static void take_out(struct vm_page *page)
{
	struct vm_object *object = page->object;
	struct vm_page **link = bucket_of(object, page->offset);
	while (*link != page)
		link = &(*link)->hash_next;
	*link = page->hash_next;
	if (page->object_prev)
		page->object_prev->object_next = page->object_next;
	else
		object->pages = page->object_next;
	if (page->object_next)
		page->object_next->object_prev = page->object_prev;
	object->resident_pages--;
	page->object = NULL;
	page->hash_next = page->object_prev = page->object_next = NULL;
}

struct vm_page *vm_page_alloc(struct vm_object *object, uint64_t offset)
{
	uint64_t phys;
	if (!physmem_alloc_page(&phys))
		return NULL;
	struct vm_page *page = vm_page_of_phys(phys);
	if (!page) { /* RAM above the described range cannot happen: all RAM is described */
		physmem_free_pages(phys, 1);
		return NULL;
	}
	memset(page, 0, sizeof(*page));
	insert(page, object, offset);
	vm_page_stats.resident++;
	return page;
}

struct vm_page *vm_page_insert_frame(struct vm_object *object, uint64_t offset, uint64_t phys)
{
	struct vm_page *page = vm_page_of_phys(phys);
	if (!page)
		return NULL;
	memset(page, 0, sizeof(*page));
	insert(page, object, offset);
	vm_page_stats.resident++;
	return page;
}

void vm_page_free(struct vm_page *page)
{
	uint64_t phys = vm_page_phys(page);
	pmap_page_protect(phys, 0);
	vm_charge_page_freed(page);
	if (page->wire_count)
		vm_page_stats.wired--;
	take_out(page);
	page->wire_count = 0;
	page->flags = 0;
	vm_page_stats.resident--;
	physmem_free_pages(phys, 1);
}

struct vm_page *vm_page_lookup(struct vm_object *object, uint64_t offset)
{
	vm_page_stats.lookups++;
	for (struct vm_page *page = *bucket_of(object, offset); page; page = page->hash_next) {
		if (page->object == object && page->offset == offset) {
			vm_page_stats.hits++;
			return page;
		}
	}
	return NULL;
}

void vm_page_rename(struct vm_page *page, struct vm_object *object, uint64_t offset)
{
	take_out(page);
	insert(page, object, offset);
}

void vm_page_wire(struct vm_page *page)
{
	if (page->wire_count++ == 0)
		vm_page_stats.wired++;
}

void vm_page_unwire(struct vm_page *page)
{
	if (page->wire_count > 0 && --page->wire_count == 0)
		vm_page_stats.wired--;
}
