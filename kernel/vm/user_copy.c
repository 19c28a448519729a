/* User-memory copies (see user_copy.h) a page at a time under the tables' lock;
 * a page not mapped as needed is faulted in through the task's address map
 * (zero-fill, copy-on-write) and the copy retried. */
#include "vm/user_copy.h"
#include "vm/vm_map.h"
#include "arch/x86_64/layout.h"
#include "arch/x86_64/pmap.h"

#define FAULT_RETRIES 4 /* another thread may unmap the page between fault and copy */

static size_t chunk_in_page(uint64_t address, size_t remaining)
{
	size_t room = PAGE_SIZE - (address & (PAGE_SIZE - 1));
	return remaining < room ? remaining : room;
}

static bool copy_chunk(struct address_space *space, uint64_t address, void *buffer, size_t size,
		       bool to_user)
{
	for (unsigned attempt = 0; attempt <= FAULT_RETRIES; attempt++) {
		if (pmap_copy_user(space, address, buffer, size, to_user))
			return true;
		if (!space->map ||
		    vm_fault(space->map, address, to_user ? VM_PROT_WRITE : VM_PROT_READ) != KERN_SUCCESS)
			return false;
	}
	return false;
}

bool copy_from_user(struct address_space *space, void *dest, uint64_t user_source, size_t length)
{
	if (user_source >= USER_SPACE_END || length > USER_SPACE_END - user_source)
		return false;
	char *out = dest;
	while (length > 0) {
		size_t n = chunk_in_page(user_source, length);
		if (!copy_chunk(space, user_source, out, n, false))
			return false;
		out += n;
		user_source += n;
		length -= n;
	}
	return true;
}

bool copy_to_user(struct address_space *space, uint64_t user_dest, const void *source, size_t length)
{
	if (user_dest >= USER_SPACE_END || length > USER_SPACE_END - user_dest)
		return false;
	const char *in = source;
	while (length > 0) {
		size_t n = chunk_in_page(user_dest, length);
		if (!copy_chunk(space, user_dest, (void *)in, n, true))
			return false;
		in += n;
		user_dest += n;
		length -= n;
	}
	return true;
}

bool copy_string_from_user(struct address_space *space, char *dest, uint64_t user_source, size_t max)
{
	size_t copied = 0;
	while (copied < max) {
		if (user_source >= USER_SPACE_END)
			return false;
		size_t n = chunk_in_page(user_source, max - copied);
		if (!copy_chunk(space, user_source, dest + copied, n, false))
			return false;
		for (size_t i = 0; i < n; i++) {
			if (dest[copied + i] == '\0')
				return true;
		}
		copied += n;
		user_source += n;
	}
	return false;
}
