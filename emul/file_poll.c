/* poll, ppoll, select and pselect6: the Linux layouts turned into questions
 * for file_wait.c (io_select on each descriptor's server) and back. */
#include <hurd/hurd_types.h>
#include <mach.h>
#include "clock.h"
#include "file_wait.h"
#include "files.h"
#include "lib/kstring.h"
#include "linux_abi.h"
#include "linux_files_abi.h"
#include "syscalls.h"

#define LINUX_POLLIN     0x001
#define LINUX_POLLPRI    0x002
#define LINUX_POLLOUT    0x004
#define LINUX_POLLERR    0x008
#define LINUX_POLLNVAL   0x020
#define LINUX_POLLRDNORM 0x040
#define LINUX_POLLWRNORM 0x100
#define POLL_READ        (LINUX_POLLIN | LINUX_POLLRDNORM)
#define POLL_WRITE       (LINUX_POLLOUT | LINUX_POLLWRNORM)
#define POLL_MAX_FDS     4096
#define SELECT_MAX_FDS   (EMUL_FD_MAX * 4)
#define SELECT_WORDS     (SELECT_MAX_FDS / 64)

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

static void poll_request(void *context, int i, int *fd, int *kinds)
{
	struct linux_pollfd *entry = (struct linux_pollfd *)context + i;
	*fd = entry->fd;
	*kinds = (entry->events & POLL_READ ? SELECT_READ : 0) |
	         (entry->events & POLL_WRITE ? SELECT_WRITE : 0) |
	         (entry->events & LINUX_POLLPRI ? SELECT_URG : 0);
}

static void poll_answer(void *context, int i, int kinds)
{
	struct linux_pollfd *entry = (struct linux_pollfd *)context + i;
	int revents = 0;
	if (kinds & EMUL_WAIT_INVALID)
		revents = LINUX_POLLNVAL;
	else if (kinds & EMUL_WAIT_ERROR)
		revents = LINUX_POLLERR;
	else
		revents = (kinds & SELECT_READ ? entry->events & POLL_READ : 0) |
		          (kinds & SELECT_WRITE ? entry->events & POLL_WRITE : 0) |
		          (kinds & SELECT_URG ? entry->events & LINUX_POLLPRI : 0);
	entry->revents = (int16_t)revents;
}

static long poll_fds(uint64_t address, uint64_t count, int64_t timeout_ns)
{
	if (count > POLL_MAX_FDS)
		return -LINUX_EINVAL;
	if (!emul_user_range_ok(address, count * sizeof(struct linux_pollfd),
	                        VM_PROT_READ | VM_PROT_WRITE))
		return -LINUX_EFAULT;
	struct linux_pollfd *fds = (struct linux_pollfd *)address;
	for (uint64_t i = 0; i < count; i++)
		fds[i].revents = 0;
	struct emul_wait_set set = {fds, (int)count, poll_request, poll_answer};
	return emul_wait_ready(&set, timeout_ns);
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

/* select's three sets: the caller's, copied in, and the answers. */
struct select_sets {
	uint64_t in[3][SELECT_WORDS], out[3][SELECT_WORDS];
};

static const int select_kinds[3] = {SELECT_READ, SELECT_WRITE, SELECT_URG};

static void select_request(void *context, int i, int *fd, int *kinds)
{
	struct select_sets *sets = context;
	uint64_t bit = 1ull << (i % 64);
	*kinds = 0;
	for (int s = 0; s < 3; s++)
		if (sets->in[s][i / 64] & bit)
			*kinds |= select_kinds[s];
	*fd = *kinds ? i : -1;
}

static void select_answer(void *context, int i, int kinds)
{
	struct select_sets *sets = context;
	uint64_t bit = 1ull << (i % 64);
	int failed = kinds & (EMUL_WAIT_INVALID | EMUL_WAIT_ERROR);
	for (int s = 0; s < 3; s++) {
		/* A descriptor whose server failed is ready: the call says why. */
		int hit = (sets->in[s][i / 64] & bit) && (failed ? s < 2 : kinds & select_kinds[s]);
		if (hit)
			sets->out[s][i / 64] |= bit;
		else
			sets->out[s][i / 64] &= ~bit;
	}
}

static long count_bits(uint64_t word)
{
	long bits = 0;
	for (; word; word &= word - 1)
		bits++;
	return bits;
}

static long select_fds(int64_t nfds, uint64_t read_set, uint64_t write_set, uint64_t except_set,
                       int64_t timeout_ns)
{
	if (nfds < 0 || nfds > SELECT_MAX_FDS)
		return -LINUX_EINVAL;
	uint64_t bytes = (((uint64_t)nfds + 63) / 64) * 8;
	uint64_t user[3] = {read_set, write_set, except_set};
	struct select_sets sets;
	memset(&sets, 0, sizeof(sets));
	for (int s = 0; s < 3; s++) {
		if (!user[s])
			continue;
		if (!emul_user_range_ok(user[s], bytes, VM_PROT_READ | VM_PROT_WRITE))
			return -LINUX_EFAULT;
		long error = emul_copy_from_user(sets.in[s], user[s], bytes);
		if (error < 0)
			return error;
		if (nfds % 64) /* bits beyond nfds are not asked about */
			sets.in[s][nfds / 64] &= (1ull << (nfds % 64)) - 1;
	}
	for (int64_t fd = 0; fd < nfds; fd++) {
		uint64_t bit = 1ull << (fd % 64);
		if (((sets.in[0][fd / 64] | sets.in[1][fd / 64] | sets.in[2][fd / 64]) & bit) &&
		    !fd_is_open((int)fd))
			return -LINUX_EBADF;
	}
	struct emul_wait_set set = {&sets, (int)nfds, select_request, select_answer};
	long result = emul_wait_ready(&set, timeout_ns);
	if (result < 0)
		return result;
	long bits = 0;
	for (int s = 0; s < 3; s++) {
		for (uint64_t w = 0; w < bytes / 8; w++)
			bits += count_bits(sets.out[s][w]);
		if (user[s]) {
			long error = emul_copy_to_user(user[s], sets.out[s], bytes);
			if (error < 0)
				return error;
		}
	}
	return bits;
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
