/* Kernel object accounting as the tests see it: host_slab_info (mach_debug.defs)
 * lists every kernel zone with its objects in use; a test takes a snapshot
 * before and after and expects the same counts (no leaked kernel object). */
#include "ipc_common.h"
#include <mach/mach_debug.h>

static bool same_name(const char *a, const char *b)
{
	for (unsigned i = 0; a[i] || b[i]; i++)
		if (a[i] != b[i])
			return false;
	return true;
}

/* Physical pages are not objects: caches and user memory move them; nor are
 * the pmap's reverse-map entries, one per user page mapped, which come and go
 * as the test's own stack and buffers are touched. */
static bool is_object_count(const cache_info_t *entry)
{
	return !same_name(entry->name, "physical pages") &&
	       !same_name(entry->name, "pmap reverse map");
}

kern_return_t ipc_snapshot_kernel_counts(struct ipc_kernel_counts *snapshot)
{
	cache_info_array_t entries = NULL;
	mach_msg_type_number_t count = 0;
	mach_port_t host = mach_host_self();
	kern_return_t result = host_slab_info(host, &entries, &count);
	(void)mach_port_deallocate(mach_task_self(), host);
	if (result != KERN_SUCCESS)
		return result;
	snapshot->count = 0;
	for (mach_msg_type_number_t i = 0; i < count && snapshot->count < IPC_MAX_KERNEL_COUNTS;
	     i++) {
		if (!is_object_count(&entries[i]))
			continue;
		struct ipc_kernel_count *kept = &snapshot->entries[snapshot->count++];
		for (unsigned c = 0; c < sizeof(kept->name); c++)
			kept->name[c] = entries[i].name[c];
		kept->in_use = entries[i].nr_objs;
	}
	(void)vm_deallocate(mach_task_self(), (vm_address_t)entries, count * sizeof(*entries));
	return KERN_SUCCESS;
}

bool ipc_kernel_counts_equal(const struct ipc_kernel_counts *before,
                             const struct ipc_kernel_counts *after)
{
	bool equal = before->count == after->count;
	for (unsigned i = 0; i < before->count && i < after->count; i++) {
		if (before->entries[i].in_use != after->entries[i].in_use) {
			print("# kernel %s: %lu in use before, %lu after\n",
			      before->entries[i].name, (unsigned long)before->entries[i].in_use,
			      (unsigned long)after->entries[i].in_use);
			equal = false;
		}
	}
	return equal;
}

void ipc_pause_ms(unsigned ms)
{
	mach_port_t self = mach_task_self(), port = MACH_PORT_NULL;
	if (mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &port) != KERN_SUCCESS)
		return;
	mach_msg_header_t header;
	(void)mach_msg(&header, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0, sizeof(header), port, ms,
	               MACH_PORT_NULL);
	(void)mach_port_destroy(self, port);
}

bool ipc_kernel_counts_settle(const struct ipc_kernel_counts *before)
{
	static struct ipc_kernel_counts now;
	for (unsigned tries = 0; tries < 200; tries++) {
		if (ipc_snapshot_kernel_counts(&now) != KERN_SUCCESS)
			return false;
		bool equal = now.count == before->count;
		for (unsigned i = 0; equal && i < now.count; i++)
			equal = now.entries[i].in_use == before->entries[i].in_use;
		if (equal)
			return true;
		ipc_pause_ms(10);
	}
	return ipc_kernel_counts_equal(before, &now);
}
