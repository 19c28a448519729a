/* The closing checks of the Hurd stubs' host tests (included by each test
 * program, after tap.h): what the loopback saw over the whole run. */
#ifndef WB_TEST_HURD_STUB_CHECKS_H
#define WB_TEST_HURD_STUB_CHECKS_H

#include "hurd_test_servers.h"
#include "mig_loopback.h"
#include "tap.h"

/* Every out-of-line region freed, no misuse, and expected_calls RPCs served. */
static void check_loopback_run(unsigned expected_calls)
{
	CHECK(loopback_live_regions() == 0,
	      "every out-of-line region was freed by whoever owned it");
	CHECK(loopback_misuse_count() == 0, "no stub misused mach_msg or MIG's memory routines");
	CHECK(test_server_calls == expected_calls, "all %u RPCs reached the server demux (%u)",
	      expected_calls, test_server_calls);
}

#endif
