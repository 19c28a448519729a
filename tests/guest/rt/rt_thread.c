/* Threads of the guest runtime: every thread (main included) runs on a stack
 * of RT_STACK_SIZE bytes aligned to its size, with its thread block at the
 * base, so the block is found by masking the stack pointer. The block carries
 * libmach's per-thread data (the MIG reply port): this file is libmach's
 * libmach_thread_data hook for guest programs. */
#include "rt.h"
#include "rt_stack.h"
#include <libmach/thread_data.h>

#define RT_THREAD_MAGIC 0x5754687265616421ull /* "WThread!" */
#define RT_POOL_THREADS 8

struct rt_thread_block {
	uint64_t magic;
	struct libmach_thread_data mach;
	void (*function)(uint64_t);
	uint64_t argument;
	uint32_t in_use; /* cleared by rt_thread_release_and_exit */
};

/* The main thread's stack (crt0.S switches to it) and the pool for the rest. */
uint8_t rt_main_stack[RT_STACK_SIZE] __attribute__((aligned(RT_STACK_SIZE)));
static uint8_t pool_stacks[RT_POOL_THREADS][RT_STACK_SIZE] __attribute__((aligned(RT_STACK_SIZE)));

/* libmach, when linked: weak so that programs without it link too. */
extern kern_return_t mach_init(void) __attribute__((weak));
extern void libmach_thread_exit(void) __attribute__((weak));
extern _Noreturn void rt_thread_release_and_exit(uint32_t *in_use);
extern int main(int argc, char **argv);
_Noreturn void rt_start(int argc, char **argv);

static struct rt_thread_block *block_of_stack(uint8_t *stack)
{
	return (struct rt_thread_block *)stack;
}

struct libmach_thread_data *libmach_thread_data(void)
{
	uint64_t stack_pointer = (uint64_t)__builtin_frame_address(0);
	return &((struct rt_thread_block *)(stack_pointer & ~(uint64_t)(RT_STACK_SIZE - 1)))->mach;
}

_Noreturn void rt_start(int argc, char **argv)
{
	struct rt_thread_block *main_block = block_of_stack(rt_main_stack);
	main_block->magic = RT_THREAD_MAGIC;
	main_block->in_use = 1;
	if (mach_init && mach_init() != KERN_SUCCESS)
		print("rt: mach_init found no task port\n");
	wb_task_exit(main(argc, argv));
}

static _Noreturn void thread_trampoline(uint64_t block_address)
{
	struct rt_thread_block *block = (struct rt_thread_block *)block_address;
	block->function(block->argument);
	if (libmach_thread_exit)
		libmach_thread_exit();
	rt_thread_release_and_exit(&block->in_use);
}

kern_return_t rt_thread_start(void (*function)(uint64_t), uint64_t argument)
{
	for (unsigned i = 0; i < RT_POOL_THREADS; i++) {
		struct rt_thread_block *block = block_of_stack(pool_stacks[i]);
		uint32_t expected = 0;
		if (!__atomic_compare_exchange_n(&block->in_use, &expected, 1, false,
		                                 __ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
			continue;
		block->magic = RT_THREAD_MAGIC;
		block->mach = (struct libmach_thread_data){0};
		block->function = function;
		block->argument = argument;
		/* Entered as if called: rsp + 8 is 16-byte aligned. */
		uint64_t stack_pointer = (uint64_t)(pool_stacks[i] + RT_STACK_SIZE) - 8;
		uint64_t thread_id;
		kern_return_t result = wb_thread_spawn((uint64_t)thread_trampoline, stack_pointer,
		                                       (uint64_t)block, &thread_id);
		if (result != KERN_SUCCESS)
			__atomic_store_n(&block->in_use, 0, __ATOMIC_RELEASE);
		return result;
	}
	return KERN_RESOURCE_SHORTAGE;
}

bool rt_on_runtime_stack(void)
{
	uint64_t stack_pointer = (uint64_t)__builtin_frame_address(0);
	struct rt_thread_block *block =
	    (struct rt_thread_block *)(stack_pointer & ~(uint64_t)(RT_STACK_SIZE - 1));
	return (uint8_t *)block == rt_main_stack ||
	       ((uint8_t *)block >= pool_stacks[0] &&
	        (uint8_t *)block < pool_stacks[RT_POOL_THREADS - 1] + RT_STACK_SIZE);
}

kern_return_t thread_spawn(void (*function)(uint64_t), uint64_t argument, void *stack,
                           uint64_t size)
{
	(void)stack;
	(void)size;
	return rt_thread_start(function, argument);
}
