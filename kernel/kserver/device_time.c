/* The "time" device (device_time.h): its only operation is device_map, which
 * makes a physical-memory object of the time page, read-only and cached. */
#include "device_time.h"
#include "kobject.h"
#include "kern/time_page.h"
#include "lib/kstring.h"
#include <wildebeest/time_page.h>

#define PAGE_BYTES 4096ull

bool device_time_is_name(const char *name)
{
	return strncmp(name, WB_TIME_DEVICE_NAME, sizeof(dev_name_t)) == 0;
}

io_return_t device_time_open(dev_mode_t mode, device_t *device)
{
	if (mode & D_WRITE)
		return D_READ_ONLY;
	if (time_page_physical() == 0)
		return D_NO_SUCH_DEVICE;
	device_t opened = device_create_kind(KOBJECT_DEVICE);
	if (!opened)
		return D_NO_MEMORY;
	opened->time_device = true;
	*device = opened;
	return D_SUCCESS;
}

kern_return_t device_time_map(device_t device, vm_prot_t prot, vm_offset_t offset, vm_size_t size,
                              ipc_port_t *pager)
{
	(void)device;
	if (prot & ~VM_PROT_READ)
		return KERN_PROTECTION_FAILURE;
	if (offset != 0 || size == 0 || size > PAGE_BYTES)
		return KERN_INVALID_ARGUMENT;
	device_t object = device_create_kind(KOBJECT_PHYSICAL_MEMORY);
	if (!object)
		return KERN_RESOURCE_SHORTAGE;
	object->physical_base = time_page_physical();
	object->size = PAGE_BYTES;
	object->protection = VM_PROT_READ;
	object->cached = true;
	*pager = convert_device_to_port(object); /* a send right; the object ends with the last */
	return *pager ? KERN_SUCCESS : KERN_RESOURCE_SHORTAGE;
}
