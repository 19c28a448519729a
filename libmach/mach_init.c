/* The task's own port, fetched once at start (mach_task_self_, read through
 * the mach_task_self() macro of <mach_init.h>), and mig_init. */
#include <mach_init.h>
#include <mach/mig_support.h>

mach_port_t mach_task_self_ = MACH_PORT_NULL;

kern_return_t mach_init(void)
{
	mach_task_self_ = (mach_task_self)();
	mig_init(0);
	return MACH_PORT_VALID(mach_task_self_) ? KERN_SUCCESS : KERN_FAILURE;
}

void mig_init(void *first_thread_data)
{
	(void)first_thread_data;
}
