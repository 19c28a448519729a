/* Conformance: the task emulation vector (mach.defs task_set_emulation,
 * task_set_emulation_vector, task_get_emulation_vector), and its inheritance
 * by a task made with task_create. */
#include "ipc_conformance.h"

static bool vector_is(mach_port_t task, int start, const vm_offset_t *expected, unsigned count)
{
	int got_start = -1;
	emulation_vector_t vector = NULL;
	mach_msg_type_number_t got_count = 0;
	if (task_get_emulation_vector(task, &got_start, &vector, &got_count) != KERN_SUCCESS)
		return false;
	bool same = got_start == start && got_count == count;
	for (unsigned i = 0; same && i < count; i++)
		same = vector[i] == expected[i];
	if (vector)
		(void)vm_deallocate(mach_task_self(), (vm_address_t)vector,
		                    got_count * sizeof(vm_offset_t));
	return same;
}

void conformance_emulation(void)
{
	mach_port_t self = mach_task_self();
	check(vector_is(self, 0, NULL, 0), "a task starts with an empty emulation vector");
	check(task_set_emulation(self, 0x401000, 5) == KERN_SUCCESS,
	      "task_set_emulation sets the entry of system call 5");
	vm_offset_t range[3] = {0x402000, 0x403000, 0x404000};
	check(task_set_emulation_vector(self, 10, range, 3) == KERN_SUCCESS,
	      "task_set_emulation_vector sets entries 10-12");
	const vm_offset_t expected[8] = {0x401000, 0, 0, 0, 0, 0x402000, 0x403000, 0x404000};
	check(vector_is(self, 5, expected, 8),
	      "task_get_emulation_vector returns entries 5-12, unset ones 0");
	check(task_set_emulation(self, 0x401000, -1) == KERN_INVALID_ARGUMENT,
	      "a negative system call number is refused (Mach traps are not emulated)");
	check(task_set_emulation(self, 0x401000, 5000) == KERN_INVALID_ARGUMENT,
	      "a number beyond the vector's 1024 entries is refused");
	check(task_set_emulation(self, 0xffff800000000000ul, 6) == KERN_INVALID_ADDRESS,
	      "an entry point outside user space is refused");

	mach_port_t child = MACH_PORT_NULL;
	check(task_create(self, FALSE, &child) == KERN_SUCCESS, "task_create makes an empty task");
	check(vector_is(child, 5, expected, 8), "the new task inherited the emulation vector");
	check(task_set_emulation(child, 0, 5) == KERN_SUCCESS && vector_is(self, 5, expected, 8),
	      "changing the child's vector leaves ours alone");
	check(task_terminate(child) == KERN_SUCCESS, "the empty task is terminated");
	(void)mach_port_deallocate(self, child);
	check(task_create(self, TRUE, &child) == KERN_SUCCESS,
	      "task_create with inherited memory makes a task");
	check(task_terminate(child) == KERN_SUCCESS, "that task is terminated");
	(void)mach_port_deallocate(self, child);
}
