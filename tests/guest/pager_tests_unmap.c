/* Ending a test's mappings of a pager's object and waiting for the kernel to
 * terminate the object, as every part of the pager suite does last. */
#include "pager_tests.h"

bool pager_tests_unmap_all(struct pager *pager, const char *group, vm_address_t *mappings,
                           const uint64_t *sizes, unsigned count)
{
	kern_return_t result = KERN_SUCCESS;
	for (unsigned i = 0; i < count; i++) {
		if (!mappings[i])
			continue;
		kern_return_t unmapped = vm_deallocate(mach_task_self(), mappings[i], sizes[i]);
		if (unmapped != KERN_SUCCESS)
			result = unmapped;
		mappings[i] = 0;
	}
	if (!pager->inits)
		return result == KERN_SUCCESS;
	bool terminated = pager_wait_until(pager->terminates >= pager->inits, 5000);
	return check(result == KERN_SUCCESS && terminated,
	             "%s: unmapping every mapping terminates the object (0x%x, %u inits, %u "
	             "terminates)",
	             group, result, pager->inits, pager->terminates);
}
