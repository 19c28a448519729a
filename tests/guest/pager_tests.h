/* The parts of the in-guest pager protocol suite (pager_tests.c runs them in
 * order); each prints one TAP line per assertion through check(). */
#ifndef WB_GUEST_PAGER_TESTS_H
#define WB_GUEST_PAGER_TESTS_H

#include "pager.h"
#include "pager_child.h"
#include "pager_probe.h"

#define KIB  1024ull
#define MIB  (1024ull * 1024)
#define PAGE PAGER_PAGE_SIZE

/* The word at byte `offset` of a mapping. */
static inline volatile uint64_t *pager_tests_word(vm_address_t mapping, uint64_t offset)
{
	return (volatile uint64_t *)(mapping + offset);
}

/* vm_deallocate of every mapping (addresses 0 are skipped), then waits for the
 * pager's terminate; false (and a failed check naming `group`) if none came. */
bool pager_tests_unmap_all(struct pager *pager, const char *group, vm_address_t *mappings,
                           const uint64_t *sizes, unsigned count);

void pager_tests_harness(void);
void pager_tests_harness_many(void);
void pager_tests_basic(void);
void pager_tests_partial(void);
void pager_tests_sharing(void);
void pager_tests_unavailable(void);
void pager_tests_error(void);
void pager_tests_lock(void);
void pager_tests_terminate(void);
void pager_tests_timeout(void);
void pager_tests_death(void);
void pager_tests_garbage_supply(void);
void pager_tests_garbage_control(void);

#endif
