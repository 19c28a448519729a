/* Conformance: the kernel's RPC interfaces through the MIG user stubs: task,
 * thread and host calls. */
#include "ipc_conformance.h"
#include <mach/task_info.h>
#include <mach/host_info.h>
#include <mach/thread_status.h>

static uint8_t spinner_stack[16384] __attribute__((aligned(16)));
static volatile uint64_t spinner_count;

/* A thread made with thread_create: it runs on its own static stack and never
 * calls libmach (it has no runtime thread block). */
static void spinner(void)
{
	for (;;)
		spinner_count++;
}

static void task_calls(void)
{
	mach_port_t self = mach_task_self();
	struct task_basic_info basic;
	mach_msg_type_number_t count = TASK_BASIC_INFO_COUNT;
	check(task_info(self, TASK_BASIC_INFO, (task_info_t)&basic, &count) == KERN_SUCCESS &&
	          count == TASK_BASIC_INFO_COUNT,
	      "task_info(TASK_BASIC_INFO) answers with its full count");
	count = 1;
	check(task_info(self, TASK_BASIC_INFO, (task_info_t)&basic, &count) != KERN_SUCCESS,
	      "task_info with too small a count is refused");
	thread_array_t threads = 0;
	mach_msg_type_number_t thread_count = 0;
	check(task_threads(self, &threads, &thread_count) == KERN_SUCCESS && thread_count >= 1,
	      "task_threads lists at least this thread (%u)", thread_count);
	for (mach_msg_type_number_t i = 0; i < thread_count; i++)
		(void)mach_port_deallocate(self, threads[i]);
	if (thread_count)
		(void)vm_deallocate(self, (vm_address_t)threads, thread_count * sizeof(*threads));
	mach_port_t special = MACH_PORT_NULL;
	check(task_get_special_port(self, TASK_KERNEL_PORT, &special) == KERN_SUCCESS &&
	          special == self,
	      "task_get_special_port(TASK_KERNEL_PORT) is our task port's name");
	(void)mach_port_deallocate(self, special);
	mach_port_t port = ipc_new_receive();
	(void)mach_port_insert_right(self, port, port, MACH_MSG_TYPE_MAKE_SEND);
	mach_port_t saved = MACH_PORT_NULL;
	(void)task_get_special_port(self, TASK_EXCEPTION_PORT, &saved);
	check(task_set_special_port(self, TASK_EXCEPTION_PORT, port) == KERN_SUCCESS &&
	          task_get_special_port(self, TASK_EXCEPTION_PORT, &special) == KERN_SUCCESS &&
	          special == port,
	      "task_set_special_port then task_get_special_port give back the port");
	(void)mach_port_deallocate(self, special);
	(void)task_set_special_port(self, TASK_EXCEPTION_PORT, saved);
	if (MACH_PORT_VALID(saved))
		(void)mach_port_deallocate(self, saved);
	(void)mach_port_destroy(self, port);
	check(task_get_special_port(self, 999, &special) == KERN_INVALID_ARGUMENT,
	      "task_get_special_port of an unknown slot is KERN_INVALID_ARGUMENT");
	check(task_set_name(self, "ipc_conformance") == KERN_SUCCESS, "task_set_name");
	check(task_info(0x7ffff7, TASK_BASIC_INFO, (task_info_t)&basic, &count) ==
	          MACH_SEND_INVALID_DEST,
	      "an RPC to a name we do not hold fails with MACH_SEND_INVALID_DEST");
}

static void thread_calls(void)
{
	mach_port_t self = mach_task_self();
	mach_port_t thread = MACH_PORT_NULL;
	check(thread_create(self, &thread) == KERN_SUCCESS && MACH_PORT_VALID(thread),
	      "thread_create gives a thread port");
	struct i386_thread_state state = {0};
	mach_msg_type_number_t count = i386_THREAD_STATE_COUNT;
	check(thread_get_state(thread, i386_THREAD_STATE, (thread_state_t)&state, &count) ==
	              KERN_SUCCESS &&
	          count == i386_THREAD_STATE_COUNT,
	      "thread_get_state of the new thread (count %u)", count);
	state.rip = (uint64_t)spinner;
	state.ursp = (uint64_t)(spinner_stack + sizeof(spinner_stack)) - 8;
	check(thread_set_state(thread, i386_THREAD_STATE, (thread_state_t)&state,
	                       i386_THREAD_STATE_COUNT) == KERN_SUCCESS,
	      "thread_set_state sets rip and the user stack");
	check(thread_resume(thread) == KERN_SUCCESS, "thread_resume starts it");
	for (unsigned spin = 0; spinner_count == 0 && spin < 1000; spin++)
		(void)swtch_pri(0);
	check(spinner_count != 0, "the created thread runs");
	check(thread_suspend(thread) == KERN_SUCCESS, "thread_suspend");
	struct i386_thread_state seen = {0};
	count = i386_THREAD_STATE_COUNT;
	check(thread_get_state(thread, i386_THREAD_STATE, (thread_state_t)&seen, &count) ==
	              KERN_SUCCESS &&
	          seen.ursp > (uint64_t)spinner_stack &&
	          seen.ursp <= (uint64_t)(spinner_stack + sizeof(spinner_stack)),
	      "thread_get_state of the suspended thread shows it on its stack");
	uint64_t frozen = spinner_count;
	(void)swtch_pri(0);
	check(spinner_count == frozen, "a suspended thread does not run");
	count = 2;
	check(thread_get_state(thread, i386_THREAD_STATE, (thread_state_t)&seen, &count) !=
	          KERN_SUCCESS,
	      "thread_get_state with too small a count is refused");
	check(thread_terminate(thread) == KERN_SUCCESS, "thread_terminate");
	(void)mach_port_deallocate(self, thread);
}

static void host_calls(void)
{
	mach_port_t host = mach_host_self();
	check(MACH_PORT_VALID(host), "mach_host_self gives a host port");
	struct host_basic_info basic;
	mach_msg_type_number_t count = HOST_BASIC_INFO_COUNT;
	check(host_info(host, HOST_BASIC_INFO, (host_info_t)&basic, &count) == KERN_SUCCESS &&
	          basic.avail_cpus == wb_cpu_count(),
	      "host_info(HOST_BASIC_INFO) reports the CPUs online (%d)", basic.avail_cpus);
	kernel_version_t version;
	check(host_kernel_version(host, version) == KERN_SUCCESS && version[0] != '\0',
	      "host_kernel_version answers a version string");
	time_value_t first, second;
	check(host_get_time(host, &first) == KERN_SUCCESS && first.microseconds >= 0 &&
	          first.microseconds < 1000000,
	      "host_get_time answers a time with microseconds in range");
	check(host_get_time(host, &second) == KERN_SUCCESS &&
	          (second.seconds > first.seconds ||
	           (second.seconds == first.seconds && second.microseconds >= first.microseconds)),
	      "host_get_time does not go backwards");
	(void)mach_port_deallocate(mach_task_self(), host);
}

void conformance_kernel_calls(void)
{
	task_calls();
	thread_calls();
	host_calls();
}
