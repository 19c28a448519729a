/* The kernel's accounting as the VM programs check it: kernel object counts
 * (host_slab_info) and free pages (vm_statistics), once dead tasks are reaped. */
#include "vm_common.h"

bool vm_statistics_now(vm_statistics_data_t *statistics)
{
	return vm_statistics(mach_task_self(), statistics) == KERN_SUCCESS;
}

static bool counts_equal_quietly(const struct ipc_kernel_counts *before,
                                 const struct ipc_kernel_counts *after)
{
	if (before->count != after->count)
		return false;
	for (unsigned i = 0; i < before->count; i++)
		if (before->entries[i].in_use != after->entries[i].in_use)
			return false;
	return true;
}

static void take_once(struct vm_accounting *snapshot)
{
	snapshot->have_counts = ipc_snapshot_kernel_counts(&snapshot->counts) == KERN_SUCCESS;
	snapshot->have_statistics = vm_statistics_now(&snapshot->statistics);
}

bool vm_accounting_take(struct vm_accounting *snapshot)
{
	vm_sleep(0); /* its port is made before the first snapshot, not counted after */
	/* Tasks and threads that ended just before are reaped a little later:
	 * wait (up to 2 s) for two snapshots 50 ms apart to agree. */
	take_once(snapshot);
	for (unsigned tries = 0; tries < 40; tries++) {
		struct vm_accounting again;
		vm_sleep(50);
		take_once(&again);
		bool steady = again.have_counts && snapshot->have_counts &&
		              counts_equal_quietly(&snapshot->counts, &again.counts);
		*snapshot = again;
		if (steady)
			break;
	}
	return snapshot->have_counts && snapshot->have_statistics;
}

/* True if no zone holds more objects than before (fewer is not a leak: what
 * was still being reaped at the first snapshot, or collapsed since); with
 * loud, prints every difference. */
static bool counts_not_above(const struct ipc_kernel_counts *before,
                             const struct ipc_kernel_counts *after, bool loud)
{
	bool not_above = before->count == after->count;
	for (unsigned i = 0; i < before->count && i < after->count; i++) {
		unsigned long was = before->entries[i].in_use, is = after->entries[i].in_use;
		if (was == is)
			continue;
		if (loud)
			print("# kernel %s: %lu in use before, %lu after\n",
			      before->entries[i].name, was, is);
		if (is > was)
			not_above = false;
	}
	return not_above;
}

static bool pages_back(const struct vm_accounting *before, const struct vm_accounting *now,
                       unsigned page_slack)
{
	return now->statistics.free_count + (integer_t)page_slack >= before->statistics.free_count;
}

void vm_accounting_check(const struct vm_accounting *before, unsigned page_slack, const char *when)
{
	struct vm_accounting now = {0};
	/* Tasks end when their last thread has been reaped: give them time. */
	for (unsigned tries = 0; tries < 20; tries++) {
		vm_accounting_take(&now);
		if (now.have_counts && before->have_counts &&
		    counts_not_above(&before->counts, &now.counts, false) && now.have_statistics &&
		    before->have_statistics && pages_back(before, &now, page_slack))
			break;
		vm_sleep(50);
	}
	check(before->have_counts && now.have_counts &&
	          counts_not_above(&before->counts, &now.counts, true),
	      "%s, no kernel object count is above what it was", when);
	check(before->have_statistics && now.have_statistics &&
	          pages_back(before, &now, page_slack),
	      "%s, free pages are back within %u of before (%d before, %d now)", when, page_slack,
	      before->have_statistics ? before->statistics.free_count : -1,
	      now.have_statistics ? now.statistics.free_count : -1);
}
