/* The per-thread one-page check cache (user_check_cache.h), kept in the
 * thread's emulator block: one page checked writable, one checked readable. */
#include <mach.h>
#include "emul.h"
#include "user_check_cache.h"

#define PAGE_MASK (~(uint64_t)4095)

bool emul_user_range_ok_cached(uint64_t address, uint64_t length, int protection)
{
	if (length == 0 || address + length < address)
		return emul_user_range_ok(address, length, protection);
	struct emul_thread *self = emul_thread_self();
	uint64_t page = address & PAGE_MASK;
	bool one_page = page == ((address + length - 1) & PAGE_MASK);
	bool writing = (protection & VM_PROT_WRITE) != 0;
	if (one_page && page != 0 &&
	    (page == self->checked_writable_page ||
	     (!writing && page == self->checked_readable_page)))
		return true;
	if (!emul_user_range_ok(address, length, protection))
		return false;
	if (one_page) {
		if (writing)
			self->checked_writable_page = page;
		else
			self->checked_readable_page = page;
	}
	return true;
}
