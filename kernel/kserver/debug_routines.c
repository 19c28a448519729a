/* mach_debug.defs, served: host_slab_info reports the kernel's object
 * accounting — every zone (kind of kernel object, kalloc's size classes among
 * them), kalloc's page blocks and the physical page frames — so that tests can
 * check that nothing leaked. */
#include "kserver_types.h"
#include "mach_debug_server.h"
#include "ipc/ipc_kernel.h"
#include "kern/kalloc.h"
#include "kern/zone.h"
#include "lib/kstring.h"
#include "vm/physmem.h"
#include <mach_debug/slab_info.h>

#define PAGE_BYTES 4096

static void set_name(cache_info_t *info, const char *name)
{
	size_t length = strnlen(name, CACHE_NAME_MAX_LEN - 1);
	memcpy(info->name, name, length);
	info->name[length] = '\0';
}

static void describe_zone(cache_info_t *info, struct zone *zone)
{
	irq_state_t state = spin_lock_irqsave(&zone->lock);
	info->obj_size = zone->object_size;
	info->buf_size = zone->object_size;
	info->slab_size = PAGE_BYTES;
	info->nr_objs = zone->in_use;
	info->nr_slabs = zone->pages;
	info->nr_bufs = zone->object_size ? zone->pages * PAGE_BYTES / zone->object_size : 0;
	spin_unlock_irqrestore(&zone->lock, state);
	set_name(info, zone->name);
}

/* The entries after the zones: kalloc's page blocks and the page frames. */
#define EXTRA_ENTRIES 2

static void describe_extras(cache_info_t *info)
{
	struct kalloc_statistics kalloc = kalloc_statistics();
	info[0].obj_size = PAGE_BYTES;
	info[0].nr_objs = kalloc.large_in_use;
	info[0].nr_bufs = kalloc.large_bytes / PAGE_BYTES;
	set_name(&info[0], "kalloc.large");
	uint64_t usable = physmem_usable_count();
	info[1].obj_size = PAGE_BYTES;
	info[1].nr_objs = usable - physmem_free_count();
	info[1].nr_bufs = usable;
	set_name(&info[1], "physical pages");
}

kern_return_t host_slab_info(host_t host, cache_info_array_t *info, mach_msg_type_number_t *infoCnt)
{
	if (!host)
		return KERN_INVALID_HOST;
	size_t count = EXTRA_ENTRIES;
	for (struct zone *zone = zone_list(); zone; zone = zone->next)
		count++;
	cache_info_t *entries = *info;
	size_t bytes = count * sizeof(cache_info_t);
	if (count > *infoCnt) {
		entries = ipc_kernel_ool_alloc(bytes);
		if (!entries)
			return KERN_RESOURCE_SHORTAGE;
	}
	memset(entries, 0, bytes);
	size_t index = 0;
	/* Zones are registered at boot and never removed, so the list is stable. */
	for (struct zone *zone = zone_list(); zone && index < count - EXTRA_ENTRIES;
	     zone = zone->next)
		describe_zone(&entries[index++], zone);
	describe_extras(&entries[index]);
	*info = entries;
	*infoCnt = (mach_msg_type_number_t)(index + EXTRA_ENTRIES);
	return KERN_SUCCESS;
}
