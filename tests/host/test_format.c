/* Host unit test of the kernel's printf-style formatter (kernel/lib/format.c),
 * compared with the C library's snprintf. */
#include "tap.h"
#include "lib/format.h"
#include <string.h>
#include <stdint.h>

#define SAME(fmt, ...)                                                                             \
	do {                                                                                       \
		char ours[128], libc[128];                                                         \
		format_string_to(ours, sizeof(ours), fmt, __VA_ARGS__);                            \
		snprintf(libc, sizeof(libc), fmt, __VA_ARGS__);                                    \
		CHECK(strcmp(ours, libc) == 0, "'%s' formats as the C library does ('%s')", fmt, ours); \
	} while (0)

int main(void)
{
	SAME("%d %i %u", -42, 7, 4000000000u);
	SAME("%x %X %o", 0xbeefu, 0xbeefu, 8u);
	SAME("%ld %lu %lx", (long)INT64_MIN, (unsigned long)UINT64_MAX, 0x123456789abcul);
	SAME("[%5d] [%-5d] [%05d] [%05d]", 42, 42, 42, -42);
	SAME("[%s] [%10s] [%-4s] %c%%", "x", "right", "l", 'z');
	SAME("%016lx", 0xfful);
	char small[5];
	int n = format_string_to(small, sizeof(small), "%s", "truncated");
	CHECK(n == 9 && strcmp(small, "trun") == 0, "output is truncated and terminated, full length returned");
	return tap_finish();
}
