/* Module 1 of the hello system test: a second task started by the bootstrap;
 * it greets with its arguments and runs threads on every CPU too. */
#include "rt/rt.h"
#include "cpu_spread.h"

int main(int argc, char **argv)
{
	print("child: hello from module 1 (%s) on cpu %ld, %d arguments\n", argc > 0 ? argv[0] : "?",
	      wb_cpu_number(), argc);
	for (int i = 1; i < argc; i++)
		print("child: argv[%d] = %s\n", i, argv[i]);
	long cpus = wb_cpu_count();
	uint64_t mask = cpu_spread_run(4, 20000000);
	uint64_t all = cpus >= 64 ? ~0ull : (1ull << cpus) - 1;
	print("child: threads ran on cpu mask 0x%lx\n", (unsigned long)mask);
	return mask == all ? 0 : 3;
}
