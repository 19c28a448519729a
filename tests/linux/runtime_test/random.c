/* getrandom: the bytes asked for, different each time, with GRND_NONBLOCK and
 * GRND_RANDOM accepted; a bad buffer is EFAULT. */
#include "runtime_test.h"
#include <errno.h>
#include <string.h>
#include <sys/random.h>

bool runtime_test_random(void)
{
	unsigned char first[32], second[32], third[64];
	ssize_t first_count = getrandom(first, sizeof(first), 0);
	ssize_t second_count = getrandom(second, sizeof(second), GRND_NONBLOCK);
	ssize_t third_count = getrandom(third, sizeof(third), GRND_RANDOM);
	bool ok = runtime_check(first_count == 32 && second_count == 32 && third_count == 64,
	                        "getrandom gives the bytes asked for (flags 0, GRND_NONBLOCK, "
	                        "GRND_RANDOM)");
	ok &= runtime_check(memcmp(first, second, sizeof(first)) != 0 &&
	                        memcmp(first, third, sizeof(first)) != 0,
	                    "three getrandom calls give different bytes");
	void *volatile bad_address = (void *)8; /* volatile: the compiler must not see it */
	errno = 0;
	ok &= runtime_check(getrandom(bad_address, 16, 0) == -1 && errno == EFAULT,
	                    "getrandom into a bad address is EFAULT");
	return ok;
}
