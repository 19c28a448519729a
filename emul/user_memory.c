/* Checking the pointers a program passes before the emulator touches them:
 * vm_region on the task itself says whether a range is mapped with the rights
 * needed, so a bad pointer is -EFAULT, never a fault inside the emulator.
 * (Another thread unmapping the range between check and use is not covered.) */
#include <mach.h>
#include "emul.h"
#include "linux_abi.h"
#include "lib/kstring.h"

#define USER_SPACE_END 0x800000000000ull

int emul_user_range_ok(uint64_t address, uint64_t length, int protection)
{
	if (length == 0)
		return 1;
	if (address >= USER_SPACE_END || length > USER_SPACE_END - address)
		return 0;
	uint64_t cursor = address, end = address + length;
	while (cursor < end) {
		vm_address_t region = cursor;
		vm_size_t size = 0;
		vm_prot_t current = 0, maximum = 0;
		vm_inherit_t inheritance = 0;
		boolean_t shared = FALSE;
		mach_port_t object_name = MACH_PORT_NULL;
		vm_offset_t offset = 0;
		kern_return_t result =
		    vm_region(mach_task_self(), &region, &size, &current, &maximum, &inheritance,
		              &shared, &object_name, &offset);
		if (MACH_PORT_VALID(object_name))
			(void)mach_port_deallocate(mach_task_self(), object_name);
		if (result != KERN_SUCCESS || region > cursor ||
		    (current & protection) != protection)
			return 0;
		if (region + size <= cursor)
			return 0;
		cursor = region + size;
	}
	return 1;
}

long emul_copy_to_user(uint64_t address, const void *data, size_t length)
{
	if (!emul_user_range_ok(address, length, VM_PROT_WRITE))
		return -LINUX_EFAULT;
	memcpy((void *)address, data, length);
	return 0;
}

long emul_copy_from_user(void *data, uint64_t address, size_t length)
{
	if (!emul_user_range_ok(address, length, VM_PROT_READ))
		return -LINUX_EFAULT;
	memcpy(data, (const void *)address, length);
	return 0;
}
