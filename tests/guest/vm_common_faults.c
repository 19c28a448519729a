/* Faults the VM programs provoke on purpose, caught as Mach exceptions: one
 * exception port served by its own thread (exc.defs' exception_raise), and
 * probes that mark themselves so the handler can resume them past the access. */
#include "vm_common.h"
#include <mach/exc_server.h>
#include <mach/exception.h>
#include <mach/thread_special_ports.h>
#include <mach/thread_status.h>

/* A probe puts this in r12, its own stack pointer in r13 and the address to
 * resume at in rbx; the handler resumes there with rcx = 1 (faulted). */
#define VM_PROBE_MAGIC 0x56504d42 /* "VMPB" */

static mach_port_t fault_port = MACH_PORT_NULL;
static struct vm_fault_record record;

kern_return_t catch_exception_raise(mach_port_t exception_port, mach_port_t thread,
                                    mach_port_t task, integer_t exception, integer_t code,
                                    integer_t subcode)
{
	(void)exception_port;
	struct i386_thread_state state = {0};
	mach_msg_type_number_t count = i386_THREAD_STATE_COUNT;
	bool resumed = false;
	if (thread_get_state(thread, i386_THREAD_STATE, (thread_state_t)&state, &count) ==
	        KERN_SUCCESS &&
	    (uint32_t)state.r12 == VM_PROBE_MAGIC) {
		state.rip = state.rbx;
		state.ursp = state.r13;
		state.rcx = 1;
		state.r12 = 0;
		resumed = thread_set_state(thread, i386_THREAD_STATE, (thread_state_t)&state,
		                           i386_THREAD_STATE_COUNT) == KERN_SUCCESS;
	}
	record.task = task;
	record.exception = exception;
	record.code = code;
	record.subcode = subcode;
	__atomic_store_n(&record.count, record.count + 1, __ATOMIC_RELEASE);
	if (!resumed)
		print("# vm: an exception outside a probe (task 0x%x, %d/%d/0x%x, rip 0x%lx): its "
		      "task is left to die\n",
		      task, exception, code, subcode, (unsigned long)state.rip);
	(void)mach_port_deallocate(mach_task_self(), thread);
	(void)mach_port_deallocate(mach_task_self(), task);
	return resumed ? KERN_SUCCESS : KERN_FAILURE;
}

bool vm_faults_start(void)
{
	if (!ipc_exception_server_start(exc_server, &fault_port))
		return false;
	/* One fault now, before any accounting snapshot: the first exception
	 * makes per-thread ports that live as long as their thread (the kernel's
	 * reply port for this thread's exception RPCs, the server thread's MIG
	 * reply port); made later, the leak check would count them. */
	unsigned before = vm_last_fault().count;
	return !vm_probe_read(0, NULL) /* page 0: never mapped */ &&
	       vm_last_fault().count != before;
}

mach_port_t vm_faults_port(void)
{
	return fault_port;
}

struct vm_fault_record vm_last_fault(void)
{
	struct vm_fault_record copy;
	copy.count = __atomic_load_n(&record.count, __ATOMIC_ACQUIRE);
	copy.task = record.task;
	copy.exception = record.exception;
	copy.code = record.code;
	copy.subcode = record.subcode;
	return copy;
}

bool vm_fault_was(unsigned before, mach_port_t task, kern_return_t code, uint64_t address)
{
	struct vm_fault_record seen = vm_last_fault();
	bool matches = seen.count != before && seen.task == task &&
	               seen.exception == EXC_BAD_ACCESS && seen.code == code &&
	               (uint32_t)seen.subcode == (uint32_t)address;
	if (!matches)
		print("# vm: latest exception: %s, task 0x%x, exception %d code 0x%x subcode 0x%x; "
		      "expected task 0x%x, EXC_BAD_ACCESS code 0x%x subcode 0x%x\n",
		      seen.count != before ? "new" : "none since the access", seen.task,
		      seen.exception, seen.code, seen.subcode, task, code, (uint32_t)address);
	return matches;
}

bool vm_probe_read(uint64_t address, uint64_t *value)
{
	uint64_t faulted = 0, word = 0;
	__asm__ volatile("mov %%rsp, %%r13\n\t"
	                 "lea 1f(%%rip), %%rbx\n\t"
	                 "movl %[magic], %%r12d\n\t"
	                 "mov (%[address]), %[word]\n"
	                 "1:\n\t"
	                 "xorl %%r12d, %%r12d"
	                 : [word] "+&r"(word), "+c"(faulted)
	                 : [address] "r"(address), [magic] "i"(VM_PROBE_MAGIC)
	                 : "rbx", "r12", "r13", "memory");
	if (value)
		*value = word;
	return !faulted;
}

bool vm_probe_write(uint64_t address, uint64_t value)
{
	uint64_t faulted = 0;
	__asm__ volatile("mov %%rsp, %%r13\n\t"
	                 "lea 1f(%%rip), %%rbx\n\t"
	                 "movl %[magic], %%r12d\n\t"
	                 "mov %[value], (%[address])\n"
	                 "1:\n\t"
	                 "xorl %%r12d, %%r12d"
	                 : "+c"(faulted)
	                 : [address] "r"(address), [value] "r"(value), [magic] "i"(VM_PROBE_MAGIC)
	                 : "rbx", "r12", "r13", "memory");
	return !faulted;
}

bool vm_probe_execute(uint64_t address)
{
	uint64_t faulted = 0;
	__asm__ volatile("mov %%rsp, %%r13\n\t"
	                 "lea 1f(%%rip), %%rbx\n\t"
	                 "movl %[magic], %%r12d\n\t"
	                 "call *%[address]\n"
	                 "1:\n\t"
	                 "xorl %%r12d, %%r12d"
	                 : "+c"(faulted)
	                 : [address] "r"(address), [magic] "i"(VM_PROBE_MAGIC)
	                 : "rbx", "r12", "r13", "memory");
	return !faulted;
}
