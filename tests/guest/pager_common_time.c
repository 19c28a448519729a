/* Time for the pager tests: the kernel's clock (host_get_time, milliseconds),
 * sleeping on a port nobody sends to, and a thread that counts to show a task
 * keeps running while one of its threads waits for a pager. */
#include "pager_probe.h"

static mach_port_t host_port = MACH_PORT_NULL;
static mach_port_t sleep_port = MACH_PORT_NULL;

uint64_t pager_now_ms(void)
{
	if (!MACH_PORT_VALID(host_port))
		host_port = mach_host_self();
	time_value_t now = {0, 0};
	if (host_get_time(host_port, &now) != KERN_SUCCESS)
		return 0;
	return (uint64_t)now.seconds * 1000 + (uint64_t)now.microseconds / 1000;
}

void pager_sleep_ms(unsigned milliseconds)
{
	if (!MACH_PORT_VALID(sleep_port) &&
	    mach_port_allocate(mach_task_self(), MACH_PORT_RIGHT_RECEIVE, &sleep_port) !=
	        KERN_SUCCESS)
		return;
	mach_msg_header_t header;
	(void)mach_msg(&header, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0, sizeof(header), sleep_port,
	               milliseconds, MACH_PORT_NULL);
}

static void counter_thread(uint64_t counter_address)
{
	struct counter *counter = (struct counter *)counter_address;
	while (!__atomic_load_n(&counter->stop, __ATOMIC_ACQUIRE))
		__atomic_add_fetch(&counter->count, 1, __ATOMIC_RELAXED);
	__atomic_store_n(&counter->stopped, true, __ATOMIC_RELEASE);
}

bool counter_start(struct counter *counter)
{
	*counter = (struct counter){0};
	kern_return_t result = rt_thread_start(counter_thread, (uint64_t)counter);
	if (result != KERN_SUCCESS) {
		check(false, "helper: a counting thread starts (0x%x)", result);
		return false;
	}
	return true;
}

void counter_stop(struct counter *counter)
{
	__atomic_store_n(&counter->stop, true, __ATOMIC_RELEASE);
	if (!pager_wait_until(counter->stopped, 3000))
		check(false, "helper: the counting thread stops");
}
