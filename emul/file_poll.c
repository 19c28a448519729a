/* poll, ppoll, select and pselect6. Every open descriptor is ready at once
 * (regular tmpfs files and the console never wait: reads of the console are
 * end of input); io_select is not asked yet, so descriptors whose server
 * could make a reader wait (terminals, pipes) are reported ready too. With no
 * descriptor ready-to-watch the call sleeps for its timeout. */
#include <mach.h>
#include "clock.h"
#include "files.h"
#include "linux_abi.h"
#include "linux_files_abi.h"
#include "syscalls.h"

#define LINUX_POLLIN     0x001
#define LINUX_POLLPRI    0x002
#define LINUX_POLLOUT    0x004
#define LINUX_POLLNVAL   0x020
#define LINUX_POLLRDNORM 0x040
#define LINUX_POLLWRNORM 0x100
#define POLL_MAX_FDS     4096

struct linux_pollfd {
	int32_t fd;
	int16_t events, revents;
};

static int fd_is_open(int fd)
{
	struct emul_fd_ref ref;
	if (emul_fd_get(fd, &ref) < 0)
		return 0;
	emul_fd_put(&ref);
	return 1;
}

/* Sleeps for timeout_ns (negative: forever) when nothing was ready. */
static long wait_nothing_ready(int64_t timeout_ns)
{
	if (timeout_ns == 0)
		return 0;
	if (timeout_ns < 0) {
		/* Nothing will ever become ready: sleep until interrupted. */
		for (;;) {
			long error =
			    emul_sleep_until(emul_clock_monotonic_ns() + 3600 * EMUL_NS_PER_SECOND);
			if (error < 0)
				return error;
		}
	}
	return emul_sleep_until(emul_clock_monotonic_ns() + timeout_ns);
}

static long poll_fds(uint64_t address, uint64_t count, int64_t timeout_ns)
{
	if (count > POLL_MAX_FDS)
		return -LINUX_EINVAL;
	if (!emul_user_range_ok(address, count * sizeof(struct linux_pollfd),
	                        VM_PROT_READ | VM_PROT_WRITE))
		return -LINUX_EFAULT;
	struct linux_pollfd *fds = (struct linux_pollfd *)address;
	long ready = 0;
	for (uint64_t i = 0; i < count; i++) {
		fds[i].revents = 0;
		if (fds[i].fd < 0)
			continue;
		if (!fd_is_open(fds[i].fd))
			fds[i].revents = LINUX_POLLNVAL;
		else
			fds[i].revents = fds[i].events & (LINUX_POLLIN | LINUX_POLLOUT |
			                                  LINUX_POLLRDNORM | LINUX_POLLWRNORM);
		if (fds[i].revents)
			ready++;
	}
	if (ready)
		return ready;
	long error = wait_nothing_ready(timeout_ns);
	return error < 0 ? error : 0;
}

long emul_sys_poll(struct emul_frame *frame)
{
	int32_t milliseconds = (int32_t)frame->rdx;
	return poll_fds(frame->rdi, frame->rsi, milliseconds < 0 ? -1 : milliseconds * 1000000ll);
}

long emul_sys_ppoll(struct emul_frame *frame)
{
	int64_t timeout_ns = -1;
	if (frame->rdx) {
		long error = emul_timespec_from_user(frame->rdx, &timeout_ns);
		if (error < 0)
			return error;
	}
	return poll_fds(frame->rdi, frame->rsi, timeout_ns);
}

/* select's three sets over nfds descriptors. */
static long select_fds(int64_t nfds, uint64_t read_set, uint64_t write_set, uint64_t except_set,
                       int64_t timeout_ns)
{
	if (nfds < 0 || nfds > EMUL_FD_MAX * 4)
		return -LINUX_EINVAL;
	uint64_t bytes = (((uint64_t)nfds + 63) / 64) * 8;
	uint64_t sets[3] = {read_set, write_set, except_set};
	for (int s = 0; s < 3; s++)
		if (sets[s] && !emul_user_range_ok(sets[s], bytes, VM_PROT_READ | VM_PROT_WRITE))
			return -LINUX_EFAULT;
	long ready = 0;
	for (int64_t fd = 0; fd < nfds; fd++) {
		uint64_t bit = 1ull << (fd % 64);
		int asked = 0;
		for (int s = 0; s < 2; s++)
			if (sets[s] && (((uint64_t *)sets[s])[fd / 64] & bit))
				asked = 1;
		if (except_set && (((uint64_t *)except_set)[fd / 64] & bit))
			asked = 1;
		if (asked && !fd_is_open((int)fd))
			return -LINUX_EBADF;
	}
	for (int64_t fd = 0; fd < nfds; fd++) {
		uint64_t bit = 1ull << (fd % 64);
		for (int s = 0; s < 2; s++)
			if (sets[s] && (((uint64_t *)sets[s])[fd / 64] & bit))
				ready++;
		if (except_set)
			((uint64_t *)except_set)[fd / 64] &= ~bit; /* nothing exceptional */
	}
	if (ready)
		return ready;
	long error = wait_nothing_ready(timeout_ns);
	return error < 0 ? error : 0;
}

long emul_sys_select(struct emul_frame *frame)
{
	int64_t timeout_ns = -1;
	if (frame->r8) {
		int64_t timeval[2];
		long error = emul_copy_from_user(timeval, frame->r8, sizeof(timeval));
		if (error < 0)
			return error;
		if (timeval[0] < 0 || timeval[1] < 0 || timeval[1] >= 1000000)
			return -LINUX_EINVAL;
		timeout_ns = timeval[0] * EMUL_NS_PER_SECOND + timeval[1] * 1000;
	}
	return select_fds((int32_t)frame->rdi, frame->rsi, frame->rdx, frame->r10, timeout_ns);
}

long emul_sys_pselect6(struct emul_frame *frame)
{
	int64_t timeout_ns = -1;
	if (frame->r8) {
		long error = emul_timespec_from_user(frame->r8, &timeout_ns);
		if (error < 0)
			return error;
	}
	return select_fds((int32_t)frame->rdi, frame->rsi, frame->rdx, frame->r10, timeout_ns);
}
