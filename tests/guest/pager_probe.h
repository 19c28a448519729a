/* Touching pager-backed memory without risking the test: each access runs on a
 * worker thread whose faults come to us as exceptions (recorded, then the access
 * is skipped), with a time limit; plus the clock, sleeping and a counting thread. */
#ifndef WB_GUEST_PAGER_PROBE_H
#define WB_GUEST_PAGER_PROBE_H

#include "pager.h"

/* --- time --- */
uint64_t pager_now_ms(void);
void pager_sleep_ms(unsigned milliseconds);
/* Evaluates condition every 2 ms until it holds or timeout_ms pass; its value. */
#define pager_wait_until(condition, timeout_ms)                                                    \
	({                                                                                         \
		uint64_t wait_deadline_ = pager_now_ms() + (timeout_ms);                           \
		bool wait_met_;                                                                    \
		while (!(wait_met_ = (condition)) && pager_now_ms() < wait_deadline_)              \
			pager_sleep_ms(2);                                                         \
		wait_met_;                                                                         \
	})

/* --- single accesses that survive a fault --- */
/* A load or store that, if it faults, is skipped by the exception handler
 * (probe_run's), which then makes it return false. Only on a probe's thread. */
static inline bool probe_load(const volatile uint64_t *address, uint64_t *value)
{
	uint64_t loaded = 0, failed = 0;
	__asm__ volatile("lea 1f(%%rip), %%rbx\n\t"
	                 "mov (%2), %0\n"
	                 "1:"
	                 : "+&r"(loaded), "+c"(failed)
	                 : "r"(address)
	                 : "rbx", "memory");
	*value = loaded;
	return !failed;
}

static inline bool probe_store(volatile uint64_t *address, uint64_t value)
{
	uint64_t failed = 0;
	__asm__ volatile("lea 1f(%%rip), %%rbx\n\t"
	                 "mov %2, (%1)\n"
	                 "1:"
	                 : "+c"(failed)
	                 : "r"(address), "r"(value)
	                 : "rbx", "memory");
	return !failed;
}

/* --- probes --- */
#define PROBE_MAX_ACCESSES 16
struct probe_access {
	volatile uint64_t *address;
	bool write;
	uint64_t value; /* to store, or loaded */
	bool ok;        /* did not fault */
	uint64_t done_ms;
};

struct probe {
	/* A range to verify word by word (every words_step-th word) against a
	 * pager's data (zeros without pager), or a list of single accesses, or
	 * both (range first). */
	const volatile uint64_t *range;
	uint64_t range_bytes, words_step;
	const struct pager *pager;
	uint64_t object_offset;
	struct probe_access accesses[PROBE_MAX_ACCESSES];
	unsigned access_count;
	/* Results. */
	uint64_t words_checked, mismatches, first_mismatch_offset, first_mismatch_value;
	unsigned exceptions;
	integer_t exception, code, subcode; /* the first */
	uint64_t started_ms, first_exception_ms, finished_ms;
	volatile bool started, finished;
	mach_port_t thread;
	struct probe *running; /* the copy the worker uses (probe_start..probe_finish) */
};

/* Makes the exception port the probes use (once, before any snapshot). */
void probe_setup(void);
/* Runs the probe on a new thread and serves its exceptions until it finishes
 * or timeout_ms pass (then it is terminated). True if it finished. */
bool probe_run(struct probe *probe, unsigned timeout_ms);
/* Starts the probe without waiting; probe_finish serves and waits as above. */
bool probe_start(struct probe *probe);
bool probe_finish(struct probe *probe, unsigned timeout_ms);
/* Adds a load or store of one word. */
void probe_add_load(struct probe *probe, volatile void *address);
void probe_add_store(struct probe *probe, volatile void *address, uint64_t value);
/* Sets the range check: every step-th word of [address, address + bytes) must
 * equal pager_word(pager, object_offset + position). */
void probe_set_pager_range(struct probe *probe, const volatile void *address, uint64_t bytes,
                           const struct pager *pager, uint64_t object_offset);
/* Same, expecting zeros. */
void probe_set_zero_range(struct probe *probe, const volatile void *address, uint64_t bytes);

/* --- a thread that counts, to show the task keeps running --- */
struct counter {
	volatile uint64_t count;
	volatile bool stop, stopped;
};
bool counter_start(struct counter *counter);
void counter_stop(struct counter *counter);

#endif
