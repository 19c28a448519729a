/* Waiter threads and timing for the in-guest gsync test: a waiter is a runtime
 * thread blocked in gsync_wait; thread_info tells when it sleeps. */
#include "gsync_test.h"
#include <mach/thread_info.h>

/* How long a condition that must come is waited for: the waits end when it
 * comes, so a generous bound costs nothing unless the test fails anyway, and a
 * loaded host (a virtual CPU off its host CPU for a while) does not fail it. */
#define PATIENCE_MS 30000

uint64_t gsync_clock_ms(void)
{
	mach_port_t host = mach_host_self();
	time_value_t now = {0, 0};
	(void)host_get_time(host, &now);
	(void)mach_port_deallocate(mach_task_self(), host);
	return (uint64_t)now.seconds * 1000 + (uint64_t)now.microseconds / 1000;
}

kern_return_t gsync_thread_start(void (*function)(uint64_t), uint64_t argument)
{
	kern_return_t result = KERN_RESOURCE_SHORTAGE;
	for (unsigned tries = 0; tries < 500 && result == KERN_RESOURCE_SHORTAGE; tries++) {
		result = rt_thread_start(function, argument);
		if (result == KERN_RESOURCE_SHORTAGE)
			ipc_pause_ms(2);
	}
	return result;
}

static void waiter_main(uint64_t argument)
{
	struct gsync_waiter *waiter = (struct gsync_waiter *)argument;
	waiter->thread = mach_thread_self();
	kern_return_t result = gsync_wait(waiter->task, waiter->address, waiter->low, waiter->high,
	                                  waiter->msec, waiter->flags);
	waiter->result = result;
	__atomic_store_n(&waiter->done, true, __ATOMIC_RELEASE);
}

bool gsync_wait_until_asleep(mach_port_t thread)
{
	uint64_t give_up = gsync_clock_ms() + PATIENCE_MS;
	for (unsigned tries = 0;; tries++) {
		struct thread_basic_info info;
		mach_msg_type_number_t count = THREAD_BASIC_INFO_COUNT;
		if (thread_info(thread, THREAD_BASIC_INFO, (thread_info_t)&info, &count) ==
		        KERN_SUCCESS &&
		    info.run_state == TH_STATE_WAITING)
			return true;
		if (gsync_clock_ms() >= give_up)
			return false;
		if (tries < 100)
			(void)swtch();
		else
			ipc_pause_ms(1);
	}
}

bool gsync_start_timed_waiter(struct gsync_waiter *waiter, mach_port_t task, vm_address_t address,
                              unsigned low, int flags, natural_t msec)
{
	*waiter = (struct gsync_waiter){.task = task,
	                                .address = address,
	                                .low = low,
	                                .msec = msec,
	                                .flags = flags,
	                                .result = -1};
	if (gsync_thread_start(waiter_main, (uint64_t)waiter) != KERN_SUCCESS)
		return false;
	uint64_t give_up = gsync_clock_ms() + PATIENCE_MS;
	for (unsigned tries = 0; waiter->thread == MACH_PORT_NULL && gsync_clock_ms() < give_up;
	     tries++) {
		if (tries < 2000)
			(void)swtch();
		else
			ipc_pause_ms(1);
	}
	return MACH_PORT_VALID(waiter->thread) && gsync_wait_until_asleep(waiter->thread) &&
	       !__atomic_load_n(&waiter->done, __ATOMIC_ACQUIRE);
}

bool gsync_start_waiter(struct gsync_waiter *waiter, mach_port_t task, vm_address_t address,
                        unsigned low, int flags)
{
	return gsync_start_timed_waiter(waiter, task, address, low, flags, 0);
}

static unsigned count_done(struct gsync_waiter *waiters, unsigned count)
{
	unsigned done = 0;
	for (unsigned i = 0; i < count; i++)
		done += __atomic_load_n(&waiters[i].done, __ATOMIC_ACQUIRE);
	return done;
}

unsigned gsync_done_after_settling(struct gsync_waiter *waiters, unsigned count, unsigned expected)
{
	uint64_t give_up = gsync_clock_ms() + PATIENCE_MS;
	while (count_done(waiters, count) < expected && gsync_clock_ms() < give_up)
		ipc_pause_ms(1);
	ipc_pause_ms(100);
	return count_done(waiters, count);
}

bool gsync_finish_waiters(struct gsync_waiter *waiters, unsigned count)
{
	uint64_t give_up = gsync_clock_ms() + PATIENCE_MS;
	while (count_done(waiters, count) < count && gsync_clock_ms() < give_up)
		ipc_pause_ms(1);
	bool all = count_done(waiters, count) == count;
	for (unsigned i = 0; i < count; i++) {
		if (MACH_PORT_VALID(waiters[i].thread))
			(void)mach_port_deallocate(mach_task_self(), waiters[i].thread);
		waiters[i].thread = MACH_PORT_NULL;
	}
	return all;
}
