/* Emulation test: task_create copies the emulation vector. The child (made
 * without our memory, so that our own stays as it is) gets a copy of our page
 * holding its code and its emulator entry, and a stack; its thread makes a
 * system call, which enters the inherited entry, and the parent reads the
 * result from its registers. */
#include "emulation_test.h"
#include <mach/thread_status.h>

#define CHILD_STACK_SIZE 8192

/* Polls (up to 5 s) until the thread spins at emulation_child_spin after its
 * system call; its registers. */
static bool child_spinning(mach_port_t thread, struct i386_thread_state *state)
{
	uint64_t spin = (uint64_t)emulation_child_spin;
	for (unsigned tries = 0; tries < 500; tries++) {
		mach_msg_type_number_t count = i386_THREAD_STATE_COUNT;
		if (thread_get_state(thread, i386_THREAD_STATE, (thread_state_t)state, &count) !=
		    KERN_SUCCESS)
			return false;
		/* A thread caught inside its system call, before the kernel sent it
		 * to the entry, shows the same rip (the return address) with rax
		 * still the number: only a changed rax says the call came back. */
		if (state->rip >= spin && state->rip < spin + 4 &&
		    state->rax != EMULATION_CHILD_NUMBER)
			return true;
		ipc_pause_ms(10);
	}
	return false;
}

/* The child's code page at our address of it, and a stack; its top or 0. */
static vm_address_t give_child_memory(mach_port_t child)
{
	vm_address_t page = (vm_address_t)emulation_child_page, stack = 0;
	if (vm_allocate(child, &page, 4096, FALSE) != KERN_SUCCESS ||
	    vm_write(child, page, (vm_offset_t)emulation_child_page, 4096) != KERN_SUCCESS ||
	    vm_protect(child, page, 4096, FALSE, VM_PROT_READ | VM_PROT_EXECUTE) != KERN_SUCCESS ||
	    vm_allocate(child, &stack, CHILD_STACK_SIZE, TRUE) != KERN_SUCCESS)
		return 0;
	return stack + CHILD_STACK_SIZE;
}

static void run_child(mach_port_t child)
{
	mach_port_t self = mach_task_self(), thread = MACH_PORT_NULL;
	vm_address_t stack_top = give_child_memory(child);
	if (!check(stack_top != 0 && thread_create(child, &thread) == KERN_SUCCESS,
	           "inherit: the child gets its code page, a stack and a thread"))
		return;
	struct i386_thread_state state = {
	    .rip = (uint64_t)emulation_child_code,
	    .ursp = stack_top,
	    .rfl = 0x202,
	};
	check(thread_set_state(thread, i386_THREAD_STATE, (thread_state_t)&state,
	                       i386_THREAD_STATE_COUNT) == KERN_SUCCESS &&
	          thread_resume(thread) == KERN_SUCCESS,
	      "inherit: the child's thread is set to make a system call, and resumed");
	struct i386_thread_state after;
	bool spinning = child_spinning(thread, &after);
	check(spinning, "inherit: the child's thread returned from its system call");
	check(spinning && after.rax == EMULATION_CHILD_NUMBER + 1 + 2 + 3 + 4 + 5 + 6,
	      "inherit: the inherited entry 0 gave the child its result (rax %lu)",
	      (unsigned long)after.rax);
	(void)mach_port_deallocate(self, thread);
}

void emulation_test_inherit(void)
{
	mach_port_t self = mach_task_self(), child = MACH_PORT_NULL;
	if (!check(task_set_emulation(self, (vm_address_t)emulation_child_entry, 0) == KERN_SUCCESS,
	           "inherit: the default entry is installed"))
		return;
	if (check(task_create(self, FALSE, &child) == KERN_SUCCESS,
	          "inherit: task_create (without our memory) makes a child")) {
		run_child(child);
		check(task_terminate(child) == KERN_SUCCESS,
		      "inherit: the child task is terminated");
		(void)mach_port_deallocate(self, child);
	}
	check(task_set_emulation(self, 0, 0) == KERN_SUCCESS,
	      "inherit: our default entry is removed");
}
