/* lib/trivfs: a translator's start — handing its control port to whoever
 * started it: a parent file system or settrans (fsys_startup on the
 * INIT_PORT_BOOTSTRAP init port) or, without one, the boot runner — and
 * finding the auth port io_reauthenticate needs. */
#include "trivfs_internal.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <hurd/fsys.h>
#include <libmach/glibc.h>
#include <wildebeest/bootstrap_registry_client.h>
#include <wildebeest/native.h>

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

void trivfs_set_auth(struct trivfs *fs, mach_port_t auth)
{
	pthread_mutex_lock(&fs->lock);
	mach_port_t old = fs->auth;
	fs->auth = auth;
	pthread_mutex_unlock(&fs->lock);
	if (MACH_PORT_VALID(old) && old != auth)
		(void)mach_port_deallocate(mach_task_self(), old);
}

/* The auth port of io_reauthenticate when the config gave none: a
 * translator's INIT_PORT_AUTH, a boot module's "auth" in the boot runner's
 * registry (asked before the control port is registered: the runner answers
 * only while it waits for us). None is no error: io_reauthenticate is then
 * EOPNOTSUPP, as it was before servers had one. */
static void find_auth(struct trivfs *fs, bool translator)
{
	pthread_mutex_lock(&fs->lock);
	bool have = MACH_PORT_VALID(fs->auth);
	pthread_mutex_unlock(&fs->lock);
	if (have)
		return;
	mach_port_t auth = MACH_PORT_NULL;
	if (translator)
		auth = native_get_init_port(INIT_PORT_AUTH);
	else if (bootstrap_registry_lookup_named(libmach_bootstrap_port, "auth", &auth) != 0)
		auth = MACH_PORT_NULL;
	if (MACH_PORT_VALID(auth))
		trivfs_set_auth(fs, auth);
}

mach_port_t trivfs_underlying_node(struct trivfs *fs)
{
	return fs->underlying;
}

/* Path 1 if the starter gave an INIT_PORT_BOOTSTRAP init port, else path 2. */
static int start_up(struct trivfs *fs)
{
	mach_port_t parent = native_get_init_port(INIT_PORT_BOOTSTRAP);
	find_auth(fs, MACH_PORT_VALID(parent));
	if (!MACH_PORT_VALID(parent)) {
		int error = trivfs_startup_with_boot_runner(fs, libmach_bootstrap_port);
		if (error)
			fprintf(stderr, "%s: cannot register the control port: %s\n",
			        fs->config.name, strerror(error));
		return error;
	}
	mach_port_t underlying = MACH_PORT_NULL;
	int error = trivfs_startup_with_parent(fs, parent, HURD_O_READ, &underlying);
	(void)mach_port_deallocate(mach_task_self(), parent);
	if (error) {
		fprintf(stderr, "%s: fsys_startup failed: %s\n", fs->config.name,
		        error > 0 && error < 0x10000000 ? strerror(error) : "no answer");
		return error;
	}
	fs->underlying = underlying;
	return 0;
}

int trivfs_serve_as_boot_module(struct trivfs *fs)
{
	if (start_up(fs) != 0)
		return 1;
	printf("%s: serving\n", fs->config.name);
	fflush(stdout);
	trivfs_wait_gone(fs);
	/* The last references go as the RPCs in progress end. */
	size_t left = trivfs_object_count(fs);
	for (int i = 0; i < 200 && left != 0; i++) {
		usleep(10000);
		left = trivfs_object_count(fs);
	}
	if (MACH_PORT_VALID(fs->underlying))
		(void)mach_port_deallocate(mach_task_self(), fs->underlying);
	fs->underlying = MACH_PORT_NULL;
	printf("%s: gone, %zu lib/ports objects left\n", fs->config.name, left);
	return left == 0 ? 0 : 1;
}
