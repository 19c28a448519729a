/* The Linux x86_64 ABI of the emulator's thread, futex, time, randomness and
 * scheduling calls: numbers and layouts as Linux publishes them (written here;
 * the rest of the ABI is in linux_abi.h). */
#ifndef EMUL_LINUX_THREAD_ABI_H
#define EMUL_LINUX_THREAD_ABI_H

#include <stdint.h>

#define LINUX_EAGAIN    11
#define LINUX_E2BIG     7
#define LINUX_ETIMEDOUT 110

/* futex(2) */
#define LINUX_FUTEX_WAIT           0
#define LINUX_FUTEX_WAKE           1
#define LINUX_FUTEX_REQUEUE        3
#define LINUX_FUTEX_CMP_REQUEUE    4
#define LINUX_FUTEX_WAKE_OP        5
#define LINUX_FUTEX_WAIT_BITSET    9
#define LINUX_FUTEX_WAKE_BITSET    10
#define LINUX_FUTEX_PRIVATE_FLAG   128
#define LINUX_FUTEX_CLOCK_REALTIME 256
#define LINUX_FUTEX_COMMAND_MASK   0x7f
#define LINUX_FUTEX_WAITERS        0x80000000u
#define LINUX_FUTEX_OWNER_DIED     0x40000000u
#define LINUX_FUTEX_TID_MASK       0x3fffffffu

/* clone(2), clone3(2) */
#define LINUX_CSIGNAL              0x000000ffull
#define LINUX_CLONE_VM             0x00000100ull
#define LINUX_CLONE_FS             0x00000200ull
#define LINUX_CLONE_FILES          0x00000400ull
#define LINUX_CLONE_SIGHAND        0x00000800ull
#define LINUX_CLONE_PIDFD          0x00001000ull
#define LINUX_CLONE_VFORK          0x00004000ull
#define LINUX_CLONE_THREAD         0x00010000ull
#define LINUX_CLONE_SYSVSEM        0x00040000ull
#define LINUX_CLONE_SETTLS         0x00080000ull
#define LINUX_CLONE_PARENT_SETTID  0x00100000ull
#define LINUX_CLONE_CHILD_CLEARTID 0x00200000ull
#define LINUX_CLONE_DETACHED       0x00400000ull
#define LINUX_CLONE_CHILD_SETTID   0x01000000ull

struct linux_clone_args {
	uint64_t flags, pidfd, child_tid, parent_tid, exit_signal, stack, stack_size, tls, set_tid,
	    set_tid_size, cgroup;
};
#define LINUX_CLONE_ARGS_SIZE_VER0 64 /* up to tls */

/* set_robust_list(2): struct robust_list_head is three words. */
struct linux_robust_list_head {
	uint64_t next;            /* the first entry; the head's own address ends the list */
	int64_t futex_offset;     /* from an entry to its futex word */
	uint64_t list_op_pending; /* an entry being added or removed, or 0 */
};

/* Clocks */
#define LINUX_CLOCK_REALTIME           0
#define LINUX_CLOCK_MONOTONIC          1
#define LINUX_CLOCK_PROCESS_CPUTIME_ID 2
#define LINUX_CLOCK_THREAD_CPUTIME_ID  3
#define LINUX_CLOCK_MONOTONIC_RAW      4
#define LINUX_CLOCK_REALTIME_COARSE    5
#define LINUX_CLOCK_MONOTONIC_COARSE   6
#define LINUX_CLOCK_BOOTTIME           7
#define LINUX_CLOCK_REALTIME_ALARM     8
#define LINUX_CLOCK_BOOTTIME_ALARM     9
#define LINUX_CLOCK_TAI                11
#define LINUX_TIMER_ABSTIME            1

struct linux_timespec {
	int64_t seconds, nanoseconds;
};
struct linux_timeval {
	int64_t seconds, microseconds;
};
struct linux_timezone {
	int32_t minutes_west, dst_time;
};

/* getrandom(2) */
#define LINUX_GRND_NONBLOCK 0x1
#define LINUX_GRND_RANDOM   0x2
#define LINUX_GRND_INSECURE 0x4

#endif
