/* The pager programs' leak checks (pager_accounting.h): kernel objects through
 * the IPC programs' host_slab_info helpers, names, and free pages, compared
 * between the start and the end of a program. */
#include "pager_accounting.h"
#include "ipc_common.h"
#include "pager_probe.h"

/* Up to 8 runtime threads at once (rt.h); each touches most of its stack. */
#define WARM_UP_THREADS     8
#define WARM_UP_STACK_BYTES (56 * 1024)

static struct ipc_kernel_counts kernel_before, kernel_after;
static struct ipc_name_snapshot names_before, names_after;
static long free_before = -1;
static volatile unsigned warm_up_started, warm_up_finished;

long pager_free_pages(void)
{
	vm_statistics_data_t statistics;
	if (vm_statistics(mach_task_self(), &statistics) != KERN_SUCCESS)
		return -1;
	return statistics.free_count;
}

static void warm_up_thread(uint64_t unused)
{
	(void)unused;
	volatile uint8_t area[WARM_UP_STACK_BYTES];
	for (unsigned i = 0; i < sizeof(area); i += 512)
		area[i] = 0;
	/* Everyone holds a stack of their own until all have started. */
	__atomic_add_fetch(&warm_up_started, 1, __ATOMIC_ACQ_REL);
	for (unsigned spins = 0;
	     __atomic_load_n(&warm_up_started, __ATOMIC_ACQUIRE) < WARM_UP_THREADS && spins < 2000;
	     spins++)
		pager_sleep_ms(1);
	__atomic_add_fetch(&warm_up_finished, 1, __ATOMIC_ACQ_REL);
}

/* One word every 2 MiB (a page table's reach) of a region as large as the
 * program's mappings will be, at the addresses they will get (first fit). */
static void warm_up_page_tables(uint64_t bytes)
{
	vm_address_t region = 0;
	if (!bytes || vm_allocate(mach_task_self(), &region, bytes, TRUE) != KERN_SUCCESS)
		return;
	for (uint64_t at = 0; at < bytes; at += 2 * 1024 * 1024)
		*(volatile uint64_t *)(region + at) = 0;
	(void)vm_deallocate(mach_task_self(), region, bytes);
}

void pager_accounting_warm_up(uint64_t address_space)
{
	memset(&ipc_received, 0, sizeof(ipc_received));
	memset(&kernel_before, 0, sizeof(kernel_before));
	memset(&kernel_after, 0, sizeof(kernel_after));
	memset(&names_before, 0, sizeof(names_before));
	memset(&names_after, 0, sizeof(names_after));
	(void)pager_now_ms();
	pager_sleep_ms(1);
	unsigned started = 0;
	for (unsigned i = 0; i < WARM_UP_THREADS; i++)
		if (rt_thread_start(warm_up_thread, 0) == KERN_SUCCESS)
			started++;
	(void)pager_wait_until(warm_up_finished >= started, 5000);
	pager_sleep_ms(50); /* their stacks are released after they return */
	warm_up_page_tables(address_space);
}

bool pager_accounting_start(void)
{
	kern_return_t kernel = ipc_snapshot_kernel_counts(&kernel_before);
	kern_return_t names = ipc_snapshot_names(&names_before);
	free_before = pager_free_pages();
	return check(kernel == KERN_SUCCESS && names == KERN_SUCCESS && free_before > 0,
	             "start: kernel object counts, names and free pages are read (0x%x 0x%x %ld)",
	             kernel, names, free_before);
}

void pager_accounting_finish(const char *program)
{
	kern_return_t kernel = ipc_snapshot_kernel_counts(&kernel_after);
	check(kernel == KERN_SUCCESS && ipc_kernel_counts_equal(&kernel_before, &kernel_after),
	      "%s: at the end every kernel object count is back to its start", program);
	kern_return_t names = ipc_snapshot_names(&names_after);
	check(names == KERN_SUCCESS && ipc_snapshots_equal(&names_before, &names_after),
	      "%s: at the end the task holds exactly its starting names", program);
	long free_after = pager_free_pages();
	long difference = free_after - free_before;
	check(free_after > 0 && difference <= PAGER_FREE_PAGES_SLACK &&
	          -difference <= PAGER_FREE_PAGES_SLACK,
	      "%s: at the end free memory is back within %u pages of the start (%ld then %ld)",
	      program, PAGER_FREE_PAGES_SLACK, free_before, free_after);
}
