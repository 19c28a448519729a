/* The in-guest external pager protocol suite: module 0 of its system test
 * (module 1 is pager_child). Pagers are threads of this task or the helper task,
 * speaking memory_object.defs; every assertion is a TAP line and the exit
 * status is the verdict. Boot with pager-timeout=1500 on the kernel command line. */
#include "pager_tests.h"
#include "pager_accounting.h"

int main(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	print("pager_tests: start\n");
	probe_setup();
	pager_accounting_warm_up(16 * MIB);
	bool counted = pager_accounting_start();

	pager_tests_harness();
	pager_tests_harness_many();
	pager_tests_basic();
	pager_tests_partial();
	pager_tests_sharing();
	pager_tests_unavailable();
	pager_tests_error();
	pager_tests_lock();
	pager_tests_terminate();
	pager_tests_timeout();
	pager_tests_death();
	pager_tests_garbage_supply();
	pager_tests_garbage_control();

	if (counted)
		pager_accounting_finish("pager suite");
	print("pager_tests: done, %u checks failed\n", checks_failed());
	return checks_failed() ? 1 : 0;
}
