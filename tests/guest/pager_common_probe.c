/* Probes (see pager_probe.h): accesses to pager-backed memory on worker threads
 * whose exceptions come to one port served here (exc.defs through exc_server);
 * a faulting access is recorded and skipped, the worker carries on. */
#include "pager_probe.h"
#include <mach/exc_server.h>
#include <mach/exception.h>
#include <mach/thread_special_ports.h>
#include <mach/thread_status.h>

static mach_port_t exception_port = MACH_PORT_NULL;
static struct probe *current_probe; /* one probe runs at a time */

/* A probe runs on a copy in one of these slots, so that a worker that outlives
 * its time limit (stuck in the kernel) never writes into the caller's frame: its
 * slot is simply never used again. */
#define PROBE_SLOTS 16
static struct probe slots[PROBE_SLOTS];
static bool slot_taken[PROBE_SLOTS];

void probe_setup(void)
{
	if (MACH_PORT_VALID(exception_port))
		return;
	memset(slots, 0, sizeof(slots)); /* touched now, not during a measured test */
	mach_port_t self = mach_task_self();
	if (mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &exception_port) != KERN_SUCCESS ||
	    mach_port_insert_right(self, exception_port, exception_port, MACH_MSG_TYPE_MAKE_SEND) !=
	        KERN_SUCCESS)
		check(false, "helper: the probes' exception port is made");
}

/* exc.defs' server routine: record, then resume the thread after the access
 * (its address is in rbx) with rcx set, which the access reports as failure. */
kern_return_t catch_exception_raise(mach_port_t port, mach_port_t thread, mach_port_t task,
                                    integer_t exception, integer_t code, integer_t subcode)
{
	(void)port;
	struct probe *probe = current_probe;
	if (probe) {
		if (!probe->exceptions++) {
			probe->exception = exception;
			probe->code = code;
			probe->subcode = subcode;
			probe->first_exception_ms = pager_now_ms();
		}
	}
	struct i386_thread_state state;
	mach_msg_type_number_t count = i386_THREAD_STATE_COUNT;
	kern_return_t result =
	    thread_get_state(thread, i386_THREAD_STATE, (thread_state_t)&state, &count);
	if (result == KERN_SUCCESS) {
		state.rip = state.rbx;
		state.rcx = 1;
		result = thread_set_state(thread, i386_THREAD_STATE, (thread_state_t)&state,
		                          i386_THREAD_STATE_COUNT);
	}
	(void)mach_port_deallocate(mach_task_self(), thread);
	(void)mach_port_deallocate(mach_task_self(), task);
	return result;
}

static void verify_range(struct probe *probe)
{
	uint64_t step = probe->words_step ? probe->words_step : 1;
	for (uint64_t word = 0; word < probe->range_bytes / 8; word += step) {
		uint64_t value = 0;
		uint64_t at = word * 8;
		if (!probe_load(&probe->range[word], &value))
			continue; /* counted as an exception */
		uint64_t expected =
		    probe->pager ? pager_word(probe->pager, probe->object_offset + at) : 0;
		probe->words_checked++;
		if (value != expected && !probe->mismatches++) {
			probe->first_mismatch_offset = at;
			probe->first_mismatch_value = value;
		}
	}
}

static void probe_thread(uint64_t probe_address)
{
	struct probe *probe = (struct probe *)probe_address;
	probe->thread = mach_thread_self();
	(void)thread_set_special_port(probe->thread, THREAD_EXCEPTION_PORT, exception_port);
	probe->started_ms = pager_now_ms();
	__atomic_store_n(&probe->started, true, __ATOMIC_RELEASE);
	if (probe->range)
		verify_range(probe);
	for (unsigned i = 0; i < probe->access_count; i++) {
		struct probe_access *access = &probe->accesses[i];
		access->ok = access->write ? probe_store(access->address, access->value)
		                           : probe_load(access->address, &access->value);
		access->done_ms = pager_now_ms();
	}
	probe->finished_ms = pager_now_ms();
	__atomic_store_n(&probe->finished, true, __ATOMIC_RELEASE);
}

bool probe_start(struct probe *probe)
{
	probe_setup();
	struct probe *slot = NULL;
	for (unsigned i = 0; i < PROBE_SLOTS && !slot; i++)
		if (!slot_taken[i]) {
			slot_taken[i] = true;
			slot = &slots[i];
		}
	probe->running = NULL;
	if (!slot) {
		check(false, "helper: a probe slot is free (too many stuck probes)");
		return false;
	}
	*slot = *probe;
	slot->words_checked = slot->mismatches = 0;
	slot->exceptions = 0;
	slot->exception = slot->code = slot->subcode = 0;
	slot->started = slot->finished = false;
	slot->thread = MACH_PORT_NULL;
	current_probe = slot;
	kern_return_t result = rt_thread_start(probe_thread, (uint64_t)slot);
	if (result != KERN_SUCCESS) {
		current_probe = NULL;
		slot_taken[slot - slots] = false;
		check(false, "helper: a probe thread starts (0x%x)", result);
		return false;
	}
	probe->running = slot;
	return true;
}

bool probe_finish(struct probe *probe, unsigned timeout_ms)
{
	struct probe *slot = probe->running;
	if (!slot)
		return false;
	uint64_t deadline = pager_now_ms() + timeout_ms;
	while (!__atomic_load_n(&slot->finished, __ATOMIC_ACQUIRE) && pager_now_ms() < deadline)
		(void)mach_msg_server_timeout(exc_server, 512, exception_port, MACH_RCV_TIMEOUT, 5);
	bool finished = __atomic_load_n(&slot->finished, __ATOMIC_ACQUIRE);
	mach_port_t thread = slot->thread;
	/* A worker still stuck is ended; its runtime stack and its slot stay taken. */
	if (!finished && MACH_PORT_VALID(thread)) {
		print("# probe: still blocked after %u ms, terminating it\n", timeout_ms);
		(void)thread_terminate(thread);
	}
	if (MACH_PORT_VALID(thread))
		(void)mach_port_deallocate(mach_task_self(), thread);
	*probe = *slot;
	probe->thread = MACH_PORT_NULL;
	probe->running = NULL;
	if (finished)
		slot_taken[slot - slots] = false;
	current_probe = NULL;
	return finished;
}

bool probe_run(struct probe *probe, unsigned timeout_ms)
{
	return probe_start(probe) && probe_finish(probe, timeout_ms);
}

void probe_add_load(struct probe *probe, volatile void *address)
{
	if (probe->access_count < PROBE_MAX_ACCESSES)
		probe->accesses[probe->access_count++] =
		    (struct probe_access){.address = (volatile uint64_t *)address};
}

void probe_add_store(struct probe *probe, volatile void *address, uint64_t value)
{
	if (probe->access_count < PROBE_MAX_ACCESSES)
		probe->accesses[probe->access_count++] = (struct probe_access){
		    .address = (volatile uint64_t *)address, .write = true, .value = value};
}

void probe_set_pager_range(struct probe *probe, const volatile void *address, uint64_t bytes,
                           const struct pager *pager, uint64_t object_offset)
{
	probe->range = (const volatile uint64_t *)address;
	probe->range_bytes = bytes;
	probe->pager = pager;
	probe->object_offset = object_offset;
}

void probe_set_zero_range(struct probe *probe, const volatile void *address, uint64_t bytes)
{
	probe_set_pager_range(probe, address, bytes, NULL, 0);
}
