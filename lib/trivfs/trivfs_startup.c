/* lib/trivfs: a translator's start — handing its control port to whoever
 * started it: a parent file system (fsys_startup) or the boot runner. */
#include "trivfs_internal.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <hurd/fsys.h>
#include <libmach/glibc.h>
#include <wildebeest/bootstrap_registry_client.h>

int trivfs_startup_with_parent(struct trivfs *fs, mach_port_t bootstrap, int openflags,
                               mach_port_t *underlying)
{
	mach_port_t control;
	int error = trivfs_control_port(fs, &control);
	if (error)
		return error;
	/* The control right moves to the parent; ours goes with it. */
	kern_return_t kr =
	    fsys_startup(bootstrap, openflags, control, MACH_MSG_TYPE_MOVE_SEND, underlying);
	if (kr != KERN_SUCCESS)
		(void)mach_port_deallocate(mach_task_self(), control);
	return kr;
}

int trivfs_startup_with_boot_runner(struct trivfs *fs, mach_port_t bootstrap)
{
	if (!MACH_PORT_VALID(bootstrap))
		return EINVAL;
	mach_port_t control;
	int error = trivfs_control_port(fs, &control);
	if (error)
		return error;
	mach_msg_return_t result = bootstrap_registry_register(bootstrap, control);
	if (result != MACH_MSG_SUCCESS) {
		(void)mach_port_deallocate(mach_task_self(), control);
		return EIO;
	}
	return 0;
}

int trivfs_serve_as_boot_module(struct trivfs *fs)
{
	int error = trivfs_startup_with_boot_runner(fs, libmach_bootstrap_port);
	if (error) {
		fprintf(stderr, "%s: cannot register the control port: %s\n", fs->config.name,
		        strerror(error));
		return 1;
	}
	printf("%s: serving\n", fs->config.name);
	fflush(stdout);
	trivfs_wait_gone(fs);
	/* The last references go as the RPCs in progress end. */
	size_t left = trivfs_object_count(fs);
	for (int i = 0; i < 200 && left != 0; i++) {
		usleep(10000);
		left = trivfs_object_count(fs);
	}
	printf("%s: gone, %zu lib/ports objects left\n", fs->config.name, left);
	return left == 0 ? 0 : 1;
}
