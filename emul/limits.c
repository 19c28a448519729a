/* Resource limits, recorded only (nothing enforces them yet): prlimit64,
 * getrlimit and setrlimit on this process, with Linux's usual defaults. */
#include <mach.h>
#include "emul.h"
#include "linux_abi.h"
#include "syscalls.h"

static emul_lock_t limits_lock;
static struct linux_rlimit limits[LINUX_RLIMIT_COUNT];

void emul_limits_init(void)
{
	for (unsigned i = 0; i < LINUX_RLIMIT_COUNT; i++)
		limits[i] = (struct linux_rlimit){LINUX_RLIM_INFINITY, LINUX_RLIM_INFINITY};
	limits[LINUX_RLIMIT_STACK].current = 8ull << 20;
	limits[LINUX_RLIMIT_NOFILE] = (struct linux_rlimit){1024, 4096};
}

static long exchange_limit(uint64_t resource, uint64_t new_limit, uint64_t old_limit)
{
	if (resource >= LINUX_RLIMIT_COUNT)
		return -LINUX_EINVAL;
	struct linux_rlimit wanted;
	if (new_limit) {
		long copied = emul_copy_from_user(&wanted, new_limit, sizeof(wanted));
		if (copied < 0)
			return copied;
		if (wanted.current > wanted.maximum)
			return -LINUX_EINVAL;
	}
	if (old_limit && !emul_user_range_ok(old_limit, sizeof(struct linux_rlimit), VM_PROT_WRITE))
		return -LINUX_EFAULT;
	emul_lock(&limits_lock);
	struct linux_rlimit previous = limits[resource];
	if (new_limit)
		limits[resource] = wanted;
	emul_unlock(&limits_lock);
	if (old_limit)
		return emul_copy_to_user(old_limit, &previous, sizeof(previous));
	return 0;
}

long emul_sys_prlimit64(struct emul_frame *frame)
{
	int64_t pid = (int64_t)(int32_t)frame->rdi;
	if (pid != 0 && pid != emul_process.pid)
		return -LINUX_ESRCH;
	return exchange_limit(frame->rsi, frame->rdx, frame->r10);
}

long emul_sys_getrlimit(struct emul_frame *frame)
{
	return exchange_limit(frame->rdi, 0, frame->rsi);
}

long emul_sys_setrlimit(struct emul_frame *frame)
{
	if (frame->rsi == 0)
		return -LINUX_EFAULT;
	return exchange_limit(frame->rdi, frame->rsi, 0);
}
