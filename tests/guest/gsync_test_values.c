/* gsync test: the value check (32 and 64 bits), timeouts, GSYNC_MUTATE
 * without waiters, and read-only memory. */
#include "gsync_test.h"

static volatile uint32_t word;
static volatile uint64_t quad_word;
static const uint32_t read_only_word = 0x600d;

void gsync_test_values(void)
{
	mach_port_t self = mach_task_self();
	vm_address_t at = (vm_address_t)&word;
	word = 5;
	check(gsync_wait(self, at, 4, 0, 0, 0) == KERN_INVALID_ARGUMENT,
	      "gsync_wait returns KERN_INVALID_ARGUMENT at once when the word differs");
	check(gsync_wait(self, at, 5, 0, 0, GSYNC_TIMED) == KERN_TIMEDOUT,
	      "a timed wait of 0 ms on an equal word returns KERN_TIMEDOUT at once");

	uint64_t start = gsync_clock_ms();
	kern_return_t result = gsync_wait(self, at, 5, 0, 50, GSYNC_TIMED);
	uint64_t elapsed = gsync_clock_ms() - start;
	check(result == KERN_TIMEDOUT && elapsed >= 40 && elapsed < 5000,
	      "a 50 ms GSYNC_TIMED wait nobody wakes returns KERN_TIMEDOUT after %lu ms (0x%x)",
	      (unsigned long)elapsed, result);

	quad_word = (uint64_t)7 << 32 | 5;
	vm_address_t quad_at = (vm_address_t)&quad_word;
	check(gsync_wait(self, quad_at, 5, 8, 0, GSYNC_QUAD) == KERN_INVALID_ARGUMENT &&
	          gsync_wait(self, quad_at, 6, 7, 0, GSYNC_QUAD) == KERN_INVALID_ARGUMENT,
	      "GSYNC_QUAD compares both halves");
	check(gsync_wait(self, quad_at, 5, 7, 0, GSYNC_QUAD | GSYNC_TIMED) == KERN_TIMEDOUT,
	      "GSYNC_QUAD: val1 is the word at the address, val2 the word after it");
	check(gsync_wait(self, quad_at, 5, 0, 0, GSYNC_TIMED) == KERN_TIMEDOUT,
	      "without GSYNC_QUAD only the 32 bits at the address are compared");

	word = 1;
	check(gsync_wake(self, at, 99, GSYNC_MUTATE) == KERN_SUCCESS && word == 99,
	      "gsync_wake with GSYNC_MUTATE stores the value with nobody waiting");
	check(gsync_wake(self, at, 3, GSYNC_MUTATE | GSYNC_SHARED) == KERN_SUCCESS && word == 3,
	      "and with GSYNC_SHARED too");

	vm_address_t text = (vm_address_t)&read_only_word;
	check(gsync_wait(self, text, 0x600d, 0, 0, GSYNC_TIMED) == KERN_TIMEDOUT,
	      "gsync_wait reads a read-only word");
	check(gsync_wake(self, text, 0xbad, GSYNC_MUTATE) == KERN_SUCCESS &&
	          gsync_wait(self, text, 0x600d, 0, 0, GSYNC_TIMED) == KERN_TIMEDOUT,
	      "GSYNC_MUTATE does not store into read-only memory");
}
