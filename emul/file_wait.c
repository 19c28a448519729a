/* Readiness of descriptors for poll and select through io_select: one round of
 * zero-timeout questions, then a bounded wait on one descriptor that can block,
 * which a signal ends through its server (interrupt_operation). */
#include <mach.h>
#include <intr_io.h>
#include <timed_io.h>
#include "clock.h"
#include "file_wait.h"
#include "files.h"
#include "linux_abi.h"
#include "linux_files_abi.h"
#include "signal_wait.h"

/* While more than one descriptor could become ready, the wait on the first of
 * them lasts at most this long before every descriptor is asked again. */
#define WAIT_SLICE_NS (20 * 1000000ll)
/* One io_select waits at most an hour; a longer timeout asks again. */
#define WAIT_LONGEST_NS (3600 * EMUL_NS_PER_SECOND)

/* The kinds (SELECT_*) ready on fd among wanted, or EMUL_WAIT_INVALID /
 * EMUL_WAIT_ERROR; *can_block is set when the server answered "not yet". */
static int ask_now(int fd, int wanted, int *can_block)
{
	struct emul_fd_ref ref;
	if (emul_fd_get(fd, &ref) < 0)
		return EMUL_WAIT_INVALID;
	int ready = wanted;
	if (ref.entry.kind == EMUL_FD_PORT && !ref.entry.path_only && wanted) {
		int kinds = wanted;
		kern_return_t answer =
		    timed_io_select(ref.entry.port, EMUL_FILE_RPC_MS, (time_spec_t){0, 0}, &kinds);
		long error = emul_rpc_errno(answer);
		if (error == 0) {
			ready = kinds & wanted;
			if (!ready)
				*can_block = 1;
		} else if (error != -LINUX_EOPNOTSUPP) {
			ready = EMUL_WAIT_ERROR; /* dead or silent server */
		}
		/* EOPNOTSUPP: a server without io_select never makes anyone wait. */
	}
	emul_fd_put(&ref);
	return ready;
}

/* Waits up to wait_ns (negative: without end) for fd to become ready for
 * wanted: 0 (ready, timed out or gone: the next round tells) or -EINTR. A
 * server that answers "nothing" at once although asked to wait (netfs for a
 * kind its open does not allow) is not asked again before a slice has passed:
 * no busy loop. */
static long wait_one(int fd, int wanted, int64_t wait_ns)
{
	struct emul_fd_ref ref;
	if (emul_fd_get(fd, &ref) < 0)
		return 0;
	time_spec_t timeout = {-1, 0};
	natural_t rpc_ms = EMUL_WAITING_IO_MS;
	if (wait_ns > WAIT_LONGEST_NS)
		wait_ns = WAIT_LONGEST_NS; /* the RPC's own bound must fit natural_t ms */
	if (wait_ns >= 0) {
		timeout.seconds = wait_ns / EMUL_NS_PER_SECOND;
		timeout.nanoseconds = wait_ns % EMUL_NS_PER_SECOND;
		/* The server answers when its timeout passes: the RPC's own bound
		 * is that plus the usual margin for a server that never does. */
		rpc_ms = (natural_t)(wait_ns / 1000000) + EMUL_FILE_RPC_MS;
	}
	int64_t start = emul_clock_monotonic_ns();
	int kinds = wanted;
	/* A signal has the server answer it now (interrupt_operation, EINTR);
	 * a lost answer would only be asked again: it may be aborted. */
	kern_return_t answer = MACH_RCV_INTERRUPTED; /* a signal came first */
	if (emul_signal_rpc_begin(ref.entry.port, true)) {
		answer = intr_io_select(ref.entry.port, rpc_ms, timeout, &kinds);
		emul_signal_rpc_end();
	}
	emul_fd_put(&ref);
	long error = emul_rpc_errno(answer);
	if (error == -LINUX_EINTR) /* not ours (a port shared across fork): ask again */
		return emul_signal_interrupts() ? error : 0;
	if (error == 0 && !(kinds & wanted)) {
		int64_t end = start + WAIT_SLICE_NS;
		if (wait_ns >= 0 && wait_ns < WAIT_SLICE_NS)
			end = start + wait_ns;
		if (emul_clock_monotonic_ns() < end)
			return emul_sleep_until(end);
	}
	return 0;
}

/* Sleeps until deadline_ns (negative: until interrupted): 0 or -EINTR. */
static long sleep_out(int64_t deadline_ns)
{
	if (deadline_ns >= 0)
		return emul_sleep_until(deadline_ns);
	for (;;) {
		long error =
		    emul_sleep_until(emul_clock_monotonic_ns() + 3600 * EMUL_NS_PER_SECOND);
		if (error < 0)
			return error;
	}
}

long emul_wait_ready(const struct emul_wait_set *set, int64_t timeout_ns)
{
	int64_t deadline = timeout_ns < 0 ? -1 : emul_clock_monotonic_ns() + timeout_ns;
	for (;;) {
		long ready = 0;
		int blockers = 0, first_fd = -1, first_kinds = 0;
		for (int i = 0; i < set->count; i++) {
			int fd = -1, wanted = 0;
			set->request(set->context, i, &fd, &wanted);
			if (fd < 0)
				continue;
			int can_block = 0;
			int kinds = ask_now(fd, wanted, &can_block);
			set->answer(set->context, i, kinds);
			if (kinds)
				ready++;
			if (can_block && blockers++ == 0) {
				first_fd = fd;
				first_kinds = wanted;
			}
		}
		if (ready)
			return ready;
		int64_t now = emul_clock_monotonic_ns();
		if (timeout_ns == 0 || (deadline >= 0 && now >= deadline))
			return 0;
		if (!blockers) {
			long error = sleep_out(deadline);
			return error < 0 ? error : 0;
		}
		int64_t wait_ns = deadline < 0 ? -1 : deadline - now;
		if (blockers > 1 && (wait_ns < 0 || wait_ns > WAIT_SLICE_NS))
			wait_ns = WAIT_SLICE_NS;
		long error = wait_one(first_fd, first_kinds, wait_ns);
		if (error < 0)
			return error;
	}
}
