/* Pager suite, garbage answers: a pager answers its first data_request with a
 * malformed or unasked-for supply or error (then, mostly, with the right data);
 * the kernel must not panic or hang, and the reader gets the pager's data or an
 * exception, never different data. */
#include "pager_tests.h"

#define GARBAGE_SIZE (64 * KIB)
#define WRONG_WORD   0xbadbadbadbadbad0ull
#define HUGE_OFFSET  0xfffffffffffff000ull

struct garbage_case {
	const char *name;
	/* The first answer; returns true if the right data should follow at once. */
	bool (*first_answer)(struct pager *pager, uint64_t offset, uint64_t length);
};

/* A buffer of `bytes` (rounded up to pages) holding the pager's data from
 * offset on, or WRONG_WORD everywhere. */
static uint64_t *filled(const struct pager *pager, uint64_t offset, uint64_t bytes, bool wrong)
{
	vm_address_t address = 0;
	uint64_t rounded = (bytes + PAGE - 1) & ~(PAGE - 1);
	if (vm_allocate(mach_task_self(), &address, rounded, TRUE) != KERN_SUCCESS)
		return NULL;
	uint64_t *words = (uint64_t *)address;
	for (uint64_t at = 0; at < rounded; at += 8)
		words[at / 8] = wrong ? WRONG_WORD : pager_word(pager, offset + at);
	return words;
}

static void supply_filled(struct pager *pager, uint64_t offset, uint64_t bytes, bool wrong)
{
	uint64_t *words = filled(pager, offset, bytes, wrong);
	if (!words)
		return;
	(void)pager_supply_raw(pager, offset, words, bytes, VM_PROT_NONE, FALSE);
	(void)vm_deallocate(mach_task_self(), (vm_address_t)words,
	                    (bytes + PAGE - 1) & ~(PAGE - 1));
}

static bool unrequested_offsets(struct pager *pager, uint64_t offset, uint64_t length)
{
	/* The right data, but for places nobody asked about: beyond the mapping and
	 * far beyond anything. Offered data is the pager's to give. */
	supply_filled(pager, 1 * MIB, 2 * PAGE, false);
	supply_filled(pager, offset + length + 16 * PAGE, PAGE, false);
	return true;
}

static bool resident_again(struct pager *pager, uint64_t offset, uint64_t length)
{
	/* The right answer, then different data for the same pages, which the
	 * kernel holds now and must ignore. */
	(void)pager_supply(pager, offset, length);
	supply_filled(pager, offset, length, true);
	return false;
}

static bool unaligned_offset(struct pager *pager, uint64_t offset, uint64_t length)
{
	(void)length;
	supply_filled(pager, offset + 0x100, PAGE, true);
	supply_filled(pager, offset + 8, 2 * PAGE, true);
	return true;
}

static bool partial_page(struct pager *pager, uint64_t offset, uint64_t length)
{
	(void)length;
	/* One page and a half of the right data: the half page must be dropped and
	 * asked for again, not zero-filled. */
	supply_filled(pager, offset, PAGE + PAGE / 2, false);
	return false;
}

static bool short_supply(struct pager *pager, uint64_t offset, uint64_t length)
{
	(void)length;
	supply_filled(pager, offset, 100, false);
	return true;
}

static bool zero_size(struct pager *pager, uint64_t offset, uint64_t length)
{
	(void)length;
	(void)pager_supply_raw(pager, offset, NULL, 0, VM_PROT_NONE, FALSE);
	return true;
}

static bool beyond_the_object(struct pager *pager, uint64_t offset, uint64_t length)
{
	/* The whole request and as much again past the end of the mapping. */
	supply_filled(pager, offset, length + GARBAGE_SIZE, false);
	return false;
}

static bool huge_offset(struct pager *pager, uint64_t offset, uint64_t length)
{
	(void)offset;
	(void)length;
	supply_filled(pager, HUGE_OFFSET, PAGE, true);
	supply_filled(pager, HUGE_OFFSET - PAGE, 4 * PAGE, true);
	return true;
}

static bool odd_lock_and_precious(struct pager *pager, uint64_t offset, uint64_t length)
{
	uint64_t *words = filled(pager, offset, length, false);
	if (words) {
		(void)pager_supply_raw(pager, offset, words, length, 0x7fffff00, 7);
		(void)vm_deallocate(mach_task_self(), (vm_address_t)words, length);
	}
	return true;
}

static bool error_odd_size(struct pager *pager, uint64_t offset, uint64_t length)
{
	(void)length;
	(void)memory_object_data_error(pager->control, offset, 100, KERN_MEMORY_ERROR);
	return true;
}

static bool error_zero_size(struct pager *pager, uint64_t offset, uint64_t length)
{
	(void)length;
	(void)memory_object_data_error(pager->control, offset, 0, KERN_MEMORY_ERROR);
	return true;
}

static bool error_unaligned(struct pager *pager, uint64_t offset, uint64_t length)
{
	(void)length;
	(void)memory_object_data_error(pager->control, offset + 8, PAGE, KERN_MEMORY_ERROR);
	return true;
}

static bool error_overflowing(struct pager *pager, uint64_t offset, uint64_t length)
{
	(void)length;
	(void)memory_object_data_error(pager->control, offset + PAGE, HUGE_OFFSET, KERN_SUCCESS);
	(void)memory_object_data_unavailable(pager->control, HUGE_OFFSET, 2 * PAGE);
	return true;
}

static const struct garbage_case cases[] = {
    {"a supply at offsets never requested", unrequested_offsets},
    {"different data for pages already supplied", resident_again},
    {"supplies at unaligned offsets", unaligned_offset},
    {"a supply of one and a half pages", partial_page},
    {"a supply of 100 bytes", short_supply},
    {"a supply of no bytes", zero_size},
    {"a supply past the end of the object", beyond_the_object},
    {"supplies at offsets near 2^64", huge_offset},
    {"a supply with a nonsense lock value and precious flag", odd_lock_and_precious},
    {"data_error of 100 bytes", error_odd_size},
    {"data_error of no bytes", error_zero_size},
    {"data_error at an unaligned offset", error_unaligned},
    {"data_error and data_unavailable whose ranges overflow", error_overflowing},
};

static const struct garbage_case *current_case;
static unsigned answers;

static void answer_with_garbage_first(struct pager *pager, uint64_t offset, uint64_t length,
                                      vm_prot_t access)
{
	if (answers++ == 0 && current_case->first_answer(pager, offset, length))
		(void)pager_supply(pager, offset, length);
	else if (answers > 1)
		pager_answer_supply(pager, offset, length, access);
}

static void run_case(const struct garbage_case *garbage, uint64_t seed)
{
	struct pager pager;
	if (!pager_open(&pager, GARBAGE_SIZE, seed, false))
		return;
	current_case = garbage;
	answers = 0;
	pager.answer_request = answer_with_garbage_first;
	vm_address_t mappings[1] = {0};
	const uint64_t sizes[1] = {GARBAGE_SIZE};
	kern_return_t mapped = pager_map(&pager, GARBAGE_SIZE, 0, FALSE, &mappings[0]);
	if (mapped == KERN_SUCCESS) {
		struct probe probe = {0};
		probe_set_pager_range(&probe, (void *)mappings[0], GARBAGE_SIZE, &pager, 0);
		bool finished = probe_run(&probe, 60000);
		check(finished && !probe.mismatches,
		      "garbage: after %s, every word read is the pager's or faulted (%lu wrong, "
		      "first at 0x%lx: 0x%lx; %u exceptions)",
		      garbage->name, (unsigned long)probe.mismatches,
		      (unsigned long)probe.first_mismatch_offset,
		      (unsigned long)probe.first_mismatch_value, probe.exceptions);
	} else {
		check(false, "garbage: vm_map for %s (0x%x)", garbage->name, mapped);
	}
	pager_tests_unmap_all(&pager, "garbage", mappings, sizes, 1);
	pager_close(&pager);
}

void pager_tests_garbage_supply(void)
{
	for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		run_case(&cases[i], 0x600 + i);
}
