/* User-memory copies (see user_copy.h) through the direct map, after checking
 * each page is mapped, user-accessible and, for writes, writable. */
#include "vm/user_copy.h"
#include "vm/physmem.h"
#include "arch/x86_64/pmap.h"
#include "lib/kstring.h"

static bool user_page(struct address_space *space, uint64_t address, bool write, void **kernel_address)
{
	uint64_t phys;
	unsigned flags;
	if (!pmap_translate(space, address, &phys, &flags) || !(flags & PMAP_USER))
		return false;
	if (write && !(flags & PMAP_WRITE))
		return false;
	*kernel_address = phys_to_virt(phys);
	return true;
}

static size_t chunk_in_page(uint64_t address, size_t remaining)
{
	size_t room = PAGE_SIZE - (address & (PAGE_SIZE - 1));
	return remaining < room ? remaining : room;
}

bool copy_from_user(struct address_space *space, void *dest, uint64_t user_source, size_t length)
{
	if (user_source >= USER_SPACE_END || length > USER_SPACE_END - user_source)
		return false;
	char *out = dest;
	while (length > 0) {
		void *page;
		if (!user_page(space, user_source, false, &page))
			return false;
		size_t n = chunk_in_page(user_source, length);
		memcpy(out, page, n);
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
		void *page;
		if (!user_page(space, user_dest, true, &page))
			return false;
		size_t n = chunk_in_page(user_dest, length);
		memcpy(page, in, n);
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
		void *page;
		if (!user_page(space, user_source, false, &page))
			return false;
		size_t n = chunk_in_page(user_source, max - copied);
		const char *text = page;
		for (size_t i = 0; i < n; i++) {
			dest[copied++] = text[i];
			if (text[i] == '\0')
				return true;
		}
		user_source += n;
	}
	return false;
}
