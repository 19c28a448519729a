/* In-guest runtime (see rt.h): everything goes out through the mach_print trap,
 * so a test program needs nothing but the kernel. */
#include "rt.h"
#include <stdarg.h>

static unsigned failures;

void print(const char *format, ...)
{
	char line[512];
	va_list args;
	va_start(args, format);
	format_string(line, sizeof(line), format, args);
	va_end(args);
	mach_print(line);
}

bool check(bool passed, const char *format, ...)
{
	char description[400];
	va_list args;
	va_start(args, format);
	format_string(description, sizeof(description), format, args);
	va_end(args);
	print("tap: %s - %s\n", passed ? "ok" : "not ok", description);
	if (!passed)
		failures++;
	return passed;
}

unsigned checks_failed(void)
{
	return failures;
}

/* New threads start here with rdi = the spawn record; they never return. */
struct spawn_record {
	void (*fn)(uint64_t);
	uint64_t argument;
};

static void thread_trampoline(uint64_t record_address)
{
	struct spawn_record *record = (struct spawn_record *)record_address;
	record->fn(record->argument);
	wb_thread_exit();
}

kern_return_t thread_spawn(void (*fn)(uint64_t), uint64_t argument, void *stack, uint64_t size)
{
	/* The record lives at the top of the new thread's own stack. */
	uint64_t top = ((uint64_t)stack + size) & ~(uint64_t)15;
	struct spawn_record *record = (struct spawn_record *)(top - 32);
	record->fn = fn;
	record->argument = argument;
	uint64_t rsp = top - 64 - 8; /* as if called: rsp+8 is 16-byte aligned */
	uint64_t id;
	return wb_thread_spawn((uint64_t)thread_trampoline, rsp, (uint64_t)record, &id);
}
