/* Boot modules (see boot_modules.h): each is a static executable still in the
 * physical memory the loader put it in, reached through the direct map. The
 * bootstrap task gets the host-privileged and device master ports, named on
 * its command line; it reads modules as devices (kserver/device_routines.c). */
#include "kern/boot_modules.h"
#include "kern/boot_info.h"
#include "kern/program_loader.h"
#include "kern/task.h"
#include "kserver/device_bootstrap.h"
#include "kserver/device_object.h"
#include "vm/physmem.h"
#include "dev/console.h"

unsigned boot_module_count(void)
{
	return boot_info.module_count;
}

kern_return_t boot_module_spawn(struct task *parent, unsigned index, struct task **task_out)
{
	if (index >= boot_info.module_count)
		return KERN_INVALID_ARGUMENT;
	const struct boot_module *module = &boot_info.modules[index];
	return program_spawn(parent, phys_to_virt(module->start), module->end - module->start,
			     module->cmdline, task_out);
}

bool boot_modules_start_bootstrap(void)
{
	if (boot_info.module_count == 0) {
		kprintf("boot: no boot modules: there is no bootstrap task to start\n");
		return false;
	}
	if (!device_system_init()) {
		kprintf("boot: no memory for the device master port\n");
		return false;
	}
	const struct boot_module *module = &boot_info.modules[0];
	struct task *task;
	kern_return_t result =
	    program_spawn_prepared(NULL, phys_to_virt(module->start), module->end - module->start,
				   module->cmdline, device_bootstrap_give_ports, &task);
	if (result != KERN_SUCCESS) {
		kprintf("boot: the bootstrap module could not be started (error %d)\n", result);
		return false;
	}
	return true;
}
