/* The "random" device (device_random.h): opening it; its reads are served in
 * device_routines.c through entropy_read. */
#include "device_random.h"
#include "kobject.h"
#include "lib/kstring.h"

bool device_random_is_name(const char *name)
{
	return strncmp(name, "random", sizeof(dev_name_t)) == 0;
}

io_return_t device_random_open(dev_mode_t mode, device_t *device)
{
	if (mode & D_WRITE)
		return D_READ_ONLY;
	device_t opened = device_create_kind(KOBJECT_DEVICE);
	if (!opened)
		return D_NO_MEMORY;
	opened->random_device = true;
	*device = opened;
	return D_SUCCESS;
}
