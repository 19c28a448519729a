/* Emptying a task for a new image (exec on the caller's own task): its
 * threads stopped, its whole user address space and every name of its port
 * space gone. Called only after the new image has been read and checked. */
#include "exec_server.h"

#include <errno.h>
#include <stdio.h>
#include <unistd.h>

/* The user part of an x86_64 address space: the kernel clamps the range to
 * the task's map. */
#define USER_SPACE_END 0x800000000000ull

/* Termination is asynchronous (each thread ends at its next stop): the task
 * is asked again until only the keeper is left, at most this long. */
#define THREADS_GONE_MS 10000

/* The threads task_threads lists (exec's send rights): 0 or a Mach error. */
static kern_return_t list_threads(mach_port_t task, thread_array_t *threads,
                                  mach_msg_type_number_t *count)
{
	*threads = NULL;
	*count = 0;
	return task_threads(task, threads, count);
}

static void free_list(thread_array_t threads, mach_msg_type_number_t count)
{
	for (mach_msg_type_number_t i = 0; i < count; i++)
		if (MACH_PORT_VALID(threads[i]))
			(void)mach_port_deallocate(mach_task_self(), threads[i]);
	if (threads)
		(void)vm_deallocate(mach_task_self(), (vm_address_t)threads,
		                    count * sizeof(*threads));
}

/* Terminates every listed thread but keeper; *others how many there were. */
static kern_return_t terminate_others(mach_port_t task, mach_port_t keeper,
                                      mach_msg_type_number_t *others)
{
	thread_array_t threads;
	mach_msg_type_number_t count;
	kern_return_t result = list_threads(task, &threads, &count);
	*others = 0;
	for (mach_msg_type_number_t i = 0; result == KERN_SUCCESS && i < count; i++) {
		if (threads[i] == keeper)
			continue;
		(void)thread_terminate(threads[i]);
		(*others)++;
	}
	free_list(threads, count);
	return result;
}

/* The kernel ends a task when its last thread is gone, so one thread (the
 * keeper, held, never running the old program again) stays until the new
 * image's thread exists. The task is suspended first, so that no thread runs
 * on meanwhile; resumed once the others are asked to end, so that each
 * reaches the point where it does (a thread ends before it would return to
 * user mode). */
static kern_return_t terminate_threads(mach_port_t task, mach_port_t *keeper)
{
	*keeper = MACH_PORT_NULL;
	kern_return_t result = task_suspend(task);
	if (result != KERN_SUCCESS)
		return result;
	thread_array_t threads;
	mach_msg_type_number_t count;
	result = list_threads(task, &threads, &count);
	if (result == KERN_SUCCESS && count > 0) {
		result = thread_suspend(threads[0]);
		if (result == KERN_SUCCESS) {
			*keeper = threads[0];
			threads[0] = MACH_PORT_NULL;
		}
	}
	free_list(threads, count);
	mach_msg_type_number_t others = 0;
	if (result == KERN_SUCCESS)
		result = terminate_others(task, *keeper, &others);
	if (result == KERN_SUCCESS)
		result = task_resume(task);
	for (unsigned waited_ms = 0; result == KERN_SUCCESS && others > 0; waited_ms++) {
		if (waited_ms == THREADS_GONE_MS)
			return KERN_FAILURE;
		usleep(1000);
		result = terminate_others(task, *keeper, &others);
	}
	return result;
}

void exec_release_keeper(mach_port_t keeper)
{
	if (!MACH_PORT_VALID(keeper))
		return;
	(void)thread_terminate(keeper);
	(void)thread_resume(keeper); /* it ends at once: it never runs the program again */
	(void)mach_port_deallocate(mach_task_self(), keeper);
}

/* mach_port_destroy of every name: the rights exec passes on are exec's own
 * copies (they came in the request), so none of them is lost. */
static kern_return_t destroy_names(mach_port_t task)
{
	mach_port_array_t names = NULL;
	mach_port_type_array_t types = NULL;
	mach_msg_type_number_t name_count = 0, type_count = 0;
	kern_return_t result = mach_port_names(task, &names, &name_count, &types, &type_count);
	if (result != KERN_SUCCESS)
		return result;
	for (mach_msg_type_number_t i = 0; i < name_count; i++)
		(void)mach_port_destroy(task, names[i]);
	if (names)
		(void)vm_deallocate(mach_task_self(), (vm_address_t)names,
		                    name_count * sizeof(*names));
	if (types)
		(void)vm_deallocate(mach_task_self(), (vm_address_t)types,
		                    type_count * sizeof(*types));
	return KERN_SUCCESS;
}

int exec_clear_task(mach_port_t task, mach_port_t *keeper)
{
	kern_return_t result = terminate_threads(task, keeper);
	if (result == KERN_SUCCESS)
		result = vm_deallocate(task, 0, USER_SPACE_END);
	if (result == KERN_SUCCESS)
		result = destroy_names(task);
	if (result != KERN_SUCCESS)
		fprintf(stderr, "exec: the old image could not be cleared (0x%x)\n", result);
	return result == KERN_SUCCESS ? 0 : ESRCH;
}
