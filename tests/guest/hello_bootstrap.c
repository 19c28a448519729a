/* Module 0 of the hello system test: the bootstrap task greets, spreads threads
 * over the CPUs, starts module 1 as a second task and reports for the harness. */
#include "rt/rt.h"
#include "cpu_spread.h"

int main(int argc, char **argv)
{
	print("bootstrap: hello from %s on cpu %ld of %ld\n", argc > 0 ? argv[0] : "?",
	      wb_cpu_number(), wb_cpu_count());
	check(argc >= 1, "bootstrap has its command line as argv (argc %d)", argc);
	long modules = wb_module_count();
	check(modules >= 2, "the kernel reports the boot modules (%ld)", modules);

	/* Before module 1 starts: the scheduler moves a queued thread to an idle
	 * CPU, but never between two busy ones, so with the child's own spinners
	 * on the other CPU this task's threads could all stay on this one. */
	long cpus = wb_cpu_count();
	uint64_t mask = cpu_spread_run(4, 20000000);
	uint64_t all = cpus >= 64 ? ~0ull : (1ull << cpus) - 1;
	check(mask == all, "bootstrap's 4 threads ran on every CPU (mask 0x%lx, %ld CPUs)",
	      (unsigned long)mask, cpus);

	uint64_t child = 0;
	kern_return_t result = wb_task_spawn(1, &child);
	check(result == KERN_SUCCESS, "module 1 starts as a second task (task %lu, result %d)",
	      (unsigned long)child, result);
	uint64_t no_task;
	check(wb_task_spawn(99, &no_task) == KERN_INVALID_ARGUMENT,
	      "starting a module that does not exist is refused");

	int status = -1;
	result = wb_task_wait(child, &status);
	check(result == KERN_SUCCESS && status == 0, "module 1 ended with status 0 (result %d, status %d)",
	      result, status);
	check(wb_task_wait(child, &status) == KERN_INVALID_ARGUMENT,
	      "a task already waited for cannot be waited for again");
	print("bootstrap: done, %u checks failed\n", checks_failed());
	return checks_failed() ? 1 : 0;
}
