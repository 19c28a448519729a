/* The pager memory-pressure test: module 0 of a boot with little RAM (192 MiB,
 * at most 128 MiB of it left free: the rest is wired as ballast). A pager thread
 * serves a 256 MiB object; reading it through twice gives the pattern on every
 * page, so pages were evicted; clean ones were dropped, not returned, and the
 * second pass asked the pager for them again. Between the passes the first
 * 16 MiB are written: the second pass pushes them out, so they must come back
 * to the pager with data_return, and reading them again gives what was written.
 * Then anonymous memory takes the room of the object's pages. */
#include "pager.h"
#include "pager_accounting.h"
#include "pager_probe.h"
#include <mach/exception.h>

#define MIB             (1024ull * 1024)
#define OBJECT_SIZE     (256 * MIB)
#define OBJECT_PAGES    (OBJECT_SIZE / PAGER_PAGE_SIZE)
#define FREE_AT_MOST    (128 * MIB)
#define FREE_TARGET     (120 * MIB) /* what the ballast leaves free */
#define WORDS_STEP      64          /* 8 words checked per page */
#define PASS_TIMEOUT_MS 200000 /* generous: 2 CPUs under TCG on a loaded host */
#define WRITTEN_PAGES   4096 /* the first 16 MiB: one word written in each */
#define WRITTEN_WORD    1    /* which: never one the passes check (every 64th) */
#define RETURN_WAIT_MS  20000
#define ANONYMOUS_SIZE  (40 * MIB) /* within the task's share with the ballast and store */

static mach_port_t host_privileged_port(int argc, char **argv)
{
	static const char prefix[] = "--host-priv-port=";
	for (int i = 1; i < argc; i++) {
		if (strncmp(argv[i], prefix, sizeof(prefix) - 1))
			continue;
		mach_port_t name = 0;
		for (const char *c = argv[i] + sizeof(prefix) - 1; *c >= '0' && *c <= '9'; c++)
			name = name * 10 + (mach_port_t)(*c - '0');
		return name;
	}
	return MACH_PORT_NULL;
}

struct ballast {
	vm_address_t address;
	uint64_t size;
	bool wired;
};

/* Wires enough memory that at most FREE_TARGET stays free. */
static void ballast_take(struct ballast *ballast, mach_port_t host_priv)
{
	*ballast = (struct ballast){0};
	long free_pages = pager_free_pages();
	uint64_t free_bytes = free_pages > 0 ? (uint64_t)free_pages * PAGER_PAGE_SIZE : 0;
	if (free_bytes > FREE_TARGET) {
		ballast->size = free_bytes - FREE_TARGET;
		kern_return_t result =
		    vm_allocate(mach_task_self(), &ballast->address, ballast->size, TRUE);
		if (result == KERN_SUCCESS)
			result = vm_wire(host_priv, mach_task_self(), ballast->address,
			                 ballast->size, VM_PROT_READ | VM_PROT_WRITE);
		ballast->wired = result == KERN_SUCCESS;
		check(ballast->wired, "pressure: %lu MiB are wired as ballast (0x%x)",
		      (unsigned long)(ballast->size / MIB), result);
	}
	free_pages = pager_free_pages();
	check(free_pages > 0 && (uint64_t)free_pages * PAGER_PAGE_SIZE <= FREE_AT_MOST,
	      "pressure: at most 128 MiB of RAM is free before the object is read (%lu MiB)",
	      (unsigned long)(free_pages * PAGER_PAGE_SIZE / MIB));
}

static void ballast_release(struct ballast *ballast, mach_port_t host_priv)
{
	if (ballast->wired)
		(void)vm_wire(host_priv, mach_task_self(), ballast->address, ballast->size,
		              VM_PROT_NONE);
	if (ballast->address)
		(void)vm_deallocate(mach_task_self(), ballast->address, ballast->size);
	*ballast = (struct ballast){0};
}

/* One sequential pass; returns pages asked for during it. */
static uint64_t read_pass(struct pager *pager, vm_address_t mapping, unsigned pass)
{
	uint64_t requested_before = pager->requested_bytes;
	struct probe probe = {0};
	probe_set_pager_range(&probe, (void *)mapping, OBJECT_SIZE, pager, 0);
	probe.words_step = WORDS_STEP;
	bool finished = probe_run(&probe, PASS_TIMEOUT_MS);
	uint64_t elapsed = probe.finished_ms - probe.started_ms;
	check(finished && !probe.exceptions && !probe.mismatches &&
	          probe.words_checked == OBJECT_SIZE / 8 / WORDS_STEP,
	      "pressure: pass %u reads the pattern on all 65536 pages (%lu words checked, %lu "
	      "wrong, %u exceptions, the first code 0x%x, %lu ms)",
	      pass, (unsigned long)probe.words_checked, (unsigned long)probe.mismatches,
	      probe.exceptions, (unsigned)probe.code, (unsigned long)elapsed);
	return (pager->requested_bytes - requested_before) / PAGER_PAGE_SIZE;
}

/* What the write phase stores in page's written word. */
static uint64_t written_value(const struct pager *pager, uint64_t page)
{
	return ~pager_pattern(pager->seed, page * PAGER_PAGE_SIZE + WRITTEN_WORD * 8);
}

static void write_pages(struct pager *pager, vm_address_t mapping)
{
	for (uint64_t page = 0; page < WRITTEN_PAGES; page++) {
		volatile uint64_t *word =
		    (volatile uint64_t *)(mapping + page * PAGER_PAGE_SIZE) + WRITTEN_WORD;
		*word = written_value(pager, page);
	}
}

/* After the second pass: every written page went back to the pager once, and
 * reading it again (from the pager, which keeps what was returned) gives what
 * was written. */
/* vm_statistics' pageouts: pages the kernel sent back to pagers to evict them. */
static long pageouts(void)
{
	vm_statistics_data_t statistics;
	return vm_statistics(mach_task_self(), &statistics) == KERN_SUCCESS ? statistics.pageouts
	                                                                    : -1;
}

static void check_written_back(struct pager *pager, vm_address_t mapping, long pageouts_before)
{
	bool returned = pager_wait_until(pager->returns >= WRITTEN_PAGES, RETURN_WAIT_MS);
	long pageouts_after = pageouts();
	check(pageouts_before >= 0 && pageouts_after - pageouts_before == WRITTEN_PAGES,
	      "pressure: vm_statistics counts the 4096 pages returned as pageouts (%ld)",
	      pageouts_after - pageouts_before);
	unsigned stored = 0;
	for (uint64_t page = 0; page < WRITTEN_PAGES; page++)
		stored += pager->store_valid[page] != 0;
	check(returned && pager->returns == WRITTEN_PAGES &&
	          pager->dirty_returns == WRITTEN_PAGES && stored == WRITTEN_PAGES,
	      "pressure: each of the 4096 written pages was returned dirty once as it was evicted, "
	      "no clean page was (%u data_return, %u dirty, %u pages stored)",
	      pager->returns, pager->dirty_returns, stored);
	uint64_t requested_before = pager->requested_bytes;
	unsigned wrong = 0;
	for (uint64_t page = 0; page < WRITTEN_PAGES; page++) {
		const volatile uint64_t *word =
		    (const volatile uint64_t *)(mapping + page * PAGER_PAGE_SIZE) + WRITTEN_WORD;
		wrong += *word != written_value(pager, page);
	}
	uint64_t asked = (pager->requested_bytes - requested_before) / PAGER_PAGE_SIZE;
	check(!wrong && asked >= WRITTEN_PAGES / 2,
	      "pressure: the written pages read back as written, from the pager (%u wrong, %lu "
	      "pages asked for again)",
	      wrong, (unsigned long)asked);
}

/* With the object's pages filling free memory, anonymous memory still gets
 * pages: its faults evict the pager's pages (anonymous memory itself is never
 * evicted). */
static void check_anonymous_gets_room(void)
{
	vm_address_t anonymous = 0;
	kern_return_t made = vm_allocate(mach_task_self(), &anonymous, ANONYMOUS_SIZE, TRUE);
	struct probe probe = {0};
	bool finished = false;
	if (made == KERN_SUCCESS) {
		probe_set_zero_range(&probe, (const volatile void *)anonymous, ANONYMOUS_SIZE);
		probe.words_step = PAGER_PAGE_SIZE / 8;
		finished = probe_run(&probe, PASS_TIMEOUT_MS);
		(void)vm_deallocate(mach_task_self(), anonymous, ANONYMOUS_SIZE);
	}
	check(made == KERN_SUCCESS && finished && !probe.exceptions && !probe.mismatches,
	      "pressure: 40 MiB of anonymous memory are touched while the object fills memory "
	      "(0x%x, %u exceptions, code 0x%x)",
	      made, probe.exceptions, probe.code);
}

static void read_write_read(struct pager *pager, long free_at_start)
{
	vm_address_t mapping = 0;
	vm_prot_t access = VM_PROT_READ | VM_PROT_WRITE;
	kern_return_t mapped = vm_map(mach_task_self(), &mapping, OBJECT_SIZE, 0, TRUE,
	                              pager->object, 0, FALSE, access, access, VM_INHERIT_NONE);
	if (!check(mapped == KERN_SUCCESS, "pressure: vm_map of a 256 MiB object succeeds (0x%x)",
	           mapped))
		return;
	uint64_t first = read_pass(pager, mapping, 1);
	unsigned never = 0;
	for (uint64_t page = 0; page < OBJECT_PAGES; page++)
		if (!pager->page_requests[page])
			never++;
	check(!never && first >= OBJECT_PAGES,
	      "pressure: the first pass asked the pager for every page (%lu asked, %u never)",
	      (unsigned long)first, never);
	check(pager->returns == 0,
	      "pressure: clean pages were dropped, never returned to the pager (%u data_return)",
	      pager->returns);
	long pageouts_before = pageouts();
	write_pages(pager, mapping);
	uint64_t second = read_pass(pager, mapping, 2);
	/* What did not fit in the free memory must have gone and come back. */
	uint64_t at_least = OBJECT_PAGES - (uint64_t)free_at_start;
	check(second >= at_least,
	      "pressure: the second pass asked again for the pages evicted meanwhile (%lu asked, "
	      "at least %lu expected)",
	      (unsigned long)second, (unsigned long)at_least);
	check_written_back(pager, mapping, pageouts_before);
	check_anonymous_gets_room();
	kern_return_t unmapped = vm_deallocate(mach_task_self(), mapping, OBJECT_SIZE);
	check(unmapped == KERN_SUCCESS &&
	          pager_wait_until(pager->terminates == pager->inits, 10000),
	      "pressure: unmapping it terminates the object (0x%x)", unmapped);
}

int main(int argc, char **argv)
{
	print("pager_pressure: start\n");
	probe_setup();
	pager_accounting_warm_up(2 * OBJECT_SIZE + 128 * MIB); /* the object and its store */
	mach_port_t host_priv = host_privileged_port(argc, argv);
	check(MACH_PORT_VALID(host_priv), "pressure: the host-privileged port is in argv");
	bool counted = pager_accounting_start();

	struct ballast ballast;
	ballast_take(&ballast, host_priv);
	long free_at_start = pager_free_pages();
	static struct pager pager;
	if (pager_open(&pager, OBJECT_SIZE, 0x2b, true)) {
		read_write_read(&pager, free_at_start);
		pager_close(&pager);
	}
	ballast_release(&ballast, host_priv);

	if (counted)
		pager_accounting_finish("pressure");
	print("pager_pressure: done, %u checks failed\n", checks_failed());
	return checks_failed() ? 1 : 0;
}
