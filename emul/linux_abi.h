/* The Linux x86_64 user ABI the emulator speaks: errno values, flags and
 * structure layouts as Linux publishes them (numbers only, written here). */
#ifndef EMUL_LINUX_ABI_H
#define EMUL_LINUX_ABI_H

#include <stdint.h>

#define LINUX_EPERM  1
#define LINUX_ENOENT 2
#define LINUX_ESRCH  3
#define LINUX_EINTR  4
#define LINUX_EBADF  9
#define LINUX_ENOMEM 12
#define LINUX_EACCES 13
#define LINUX_EFAULT 14
#define LINUX_EEXIST 17
#define LINUX_ENODEV 19
#define LINUX_EINVAL 22
#define LINUX_ENOTTY 25
#define LINUX_ENOSYS 38

#define LINUX_PAGE_SIZE 4096ull

/* mmap */
#define LINUX_PROT_READ           0x1
#define LINUX_PROT_WRITE          0x2
#define LINUX_PROT_EXEC           0x4
#define LINUX_PROT_GROWSDOWN      0x01000000
#define LINUX_PROT_GROWSUP        0x02000000
#define LINUX_MAP_SHARED          0x01
#define LINUX_MAP_PRIVATE         0x02
#define LINUX_MAP_SHARED_VALIDATE 0x03
#define LINUX_MAP_TYPE            0x0f
#define LINUX_MAP_FIXED           0x10
#define LINUX_MAP_ANONYMOUS       0x20
#define LINUX_MAP_32BIT           0x40
#define LINUX_MAP_GROWSDOWN       0x0100
#define LINUX_MAP_DENYWRITE       0x0800
#define LINUX_MAP_EXECUTABLE      0x1000
#define LINUX_MAP_LOCKED          0x2000
#define LINUX_MAP_NORESERVE       0x4000
#define LINUX_MAP_POPULATE        0x8000
#define LINUX_MAP_NONBLOCK        0x10000
#define LINUX_MAP_STACK           0x20000
#define LINUX_MAP_HUGETLB         0x40000
#define LINUX_MAP_FIXED_NOREPLACE 0x100000
#define LINUX_MREMAP_MAYMOVE      1
#define LINUX_MREMAP_FIXED        2
#define LINUX_MADV_DONTNEED       4
#define LINUX_MADV_FREE           8

/* arch_prctl */
#define LINUX_ARCH_SET_GS 0x1001
#define LINUX_ARCH_SET_FS 0x1002
#define LINUX_ARCH_GET_FS 0x1003
#define LINUX_ARCH_GET_GS 0x1004

/* fstatat */
#define LINUX_AT_EMPTY_PATH 0x1000
#define LINUX_S_IFCHR       0020000

struct linux_stat {
	uint64_t st_dev, st_ino, st_nlink;
	uint32_t st_mode, st_uid, st_gid, pad0;
	uint64_t st_rdev;
	int64_t st_size, st_blksize, st_blocks;
	uint64_t st_atime_sec, st_atime_nsec, st_mtime_sec, st_mtime_nsec, st_ctime_sec,
	    st_ctime_nsec;
	int64_t unused[3];
};

struct linux_iovec {
	uint64_t base, length;
};
#define LINUX_IOV_MAX 1024

#define LINUX_UTS_FIELD 65
struct linux_utsname {
	char sysname[LINUX_UTS_FIELD], nodename[LINUX_UTS_FIELD], release[LINUX_UTS_FIELD],
	    version[LINUX_UTS_FIELD], machine[LINUX_UTS_FIELD], domainname[LINUX_UTS_FIELD];
};

struct linux_rlimit {
	uint64_t current, maximum;
};
#define LINUX_RLIMIT_STACK  3
#define LINUX_RLIMIT_NOFILE 7
#define LINUX_RLIMIT_COUNT  16
#define LINUX_RLIM_INFINITY (~0ull)

/* signals */
#define LINUX_NSIG        64
#define LINUX_SIGKILL     9
#define LINUX_SIGSTOP     19
#define LINUX_SIG_BLOCK   0
#define LINUX_SIG_UNBLOCK 1
#define LINUX_SIG_SETMASK 2
struct linux_sigaction {
	uint64_t handler, flags, restorer, mask;
};
struct linux_stack {
	uint64_t sp;
	int32_t flags, pad;
	uint64_t size;
};
#define LINUX_SS_ONSTACK    1
#define LINUX_SS_DISABLE    2
#define LINUX_SS_AUTODISARM (1u << 31)
#define LINUX_MINSIGSTKSZ   2048

/* ioctl */
#define LINUX_TCGETS 0x5401

#endif
