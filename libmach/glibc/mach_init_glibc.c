/* mach_init for ordinary glibc programs on the emulator: the task port from the
 * mach_task_self trap, the bootstrap port from the emulator's escape hatch. */
#include <mach_init.h>
#include <mach/mig_support.h>
#include <libmach/glibc.h>
#include <wildebeest/native.h>

mach_port_t mach_task_self_ = MACH_PORT_NULL;
mach_port_t libmach_bootstrap_port = MACH_PORT_NULL;

kern_return_t mach_init(void)
{
	if (!MACH_PORT_VALID(mach_task_self_))
		mach_task_self_ = (mach_task_self)();
	if (!MACH_PORT_VALID(libmach_bootstrap_port))
		libmach_bootstrap_port = native_get_port(EMUL_PORT_BOOTSTRAP);
	mig_init(0);
	return MACH_PORT_VALID(mach_task_self_) ? KERN_SUCCESS : KERN_FAILURE;
}

void mig_init(void *first_thread_data)
{
	(void)first_thread_data;
}

/* Runs before main, so that a program may call MIG stubs at once; calling
 * mach_init again later changes nothing. */
__attribute__((constructor)) static void mach_init_at_start(void)
{
	(void)mach_init();
}
