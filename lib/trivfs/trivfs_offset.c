/* lib/trivfs: offset arithmetic — io_seek's new offset with its range checks
 * and the part of a file a read at an offset finds. */
#include "trivfs_logic.h"

#include <errno.h>

int trivfs_seek(int64_t current, int64_t size, int64_t offset, int whence, int64_t *result)
{
	int64_t base;
	switch (whence) {
	case 0:
		base = 0;
		break;
	case 1:
		base = current;
		break;
	case 2:
		base = size;
		break;
	default:
		return EINVAL;
	}
	int64_t position;
	if (__builtin_add_overflow(base, offset, &position))
		return EOVERFLOW;
	if (position < 0)
		return EINVAL;
	*result = position;
	return 0;
}

size_t trivfs_read_span(int64_t offset, int64_t size, size_t amount)
{
	if (offset < 0 || offset >= size)
		return 0;
	uint64_t left = (uint64_t)(size - offset);
	return left < amount ? (size_t)left : amount;
}
