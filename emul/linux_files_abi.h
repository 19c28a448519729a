/* The Linux x86_64 numbers and layouts of the file system calls (open flags,
 * *at flags, fcntl, ioctl, stat, statx, statfs, dirent64): published values,
 * written here. */
#ifndef EMUL_LINUX_FILES_ABI_H
#define EMUL_LINUX_FILES_ABI_H

#include <stdint.h>
#include "linux_thread_abi.h" /* struct linux_timespec */

#define LINUX_EIO        5
#define LINUX_ENXIO      6
#define LINUX_EAGAIN     11
#define LINUX_EBUSY      16
#define LINUX_EXDEV      18
#define LINUX_ENOTDIR    20
#define LINUX_EISDIR     21
#define LINUX_EMFILE     24
#define LINUX_ESPIPE     29
#define LINUX_ERANGE     34
#define LINUX_ENOTEMPTY  39
#define LINUX_ELOOP      40
#define LINUX_EOVERFLOW  75
#define LINUX_EOPNOTSUPP 95
#define LINUX_ETIMEDOUT  110

#define LINUX_O_ACCMODE   03
#define LINUX_O_RDONLY    00
#define LINUX_O_WRONLY    01
#define LINUX_O_RDWR      02
#define LINUX_O_CREAT     0100
#define LINUX_O_EXCL      0200
#define LINUX_O_NOCTTY    0400
#define LINUX_O_TRUNC     01000
#define LINUX_O_APPEND    02000
#define LINUX_O_NONBLOCK  04000
#define LINUX_O_DSYNC     010000
#define LINUX_O_ASYNC     020000
#define LINUX_O_DIRECT    040000
#define LINUX_O_LARGEFILE 0100000
#define LINUX_O_DIRECTORY 0200000
#define LINUX_O_NOFOLLOW  0400000
#define LINUX_O_NOATIME   01000000
#define LINUX_O_CLOEXEC   02000000
#define LINUX_O_SYNC      04010000
#define LINUX_O_PATH      010000000
#define LINUX_O_TMPFILE   020000000

#define LINUX_AT_FDCWD            (-100)
#define LINUX_AT_SYMLINK_NOFOLLOW 0x100
#define LINUX_AT_REMOVEDIR        0x200
#define LINUX_AT_EACCESS          0x200
#define LINUX_AT_SYMLINK_FOLLOW   0x400
#define LINUX_AT_NO_AUTOMOUNT     0x800
#define LINUX_AT_STATX_SYNC_TYPE  0x6000
#define LINUX_RENAME_NOREPLACE    1
#define LINUX_RENAME_EXCHANGE     2
#define LINUX_RENAME_WHITEOUT     4

#define LINUX_F_DUPFD         0
#define LINUX_F_GETFD         1
#define LINUX_F_SETFD         2
#define LINUX_F_GETFL         3
#define LINUX_F_SETFL         4
#define LINUX_F_GETLK         5
#define LINUX_F_SETLK         6
#define LINUX_F_SETLKW        7
#define LINUX_F_DUPFD_CLOEXEC 1030
#define LINUX_FD_CLOEXEC      1

#define LINUX_SEEK_SET 0
#define LINUX_SEEK_CUR 1
#define LINUX_SEEK_END 2

#define LINUX_R_OK 4
#define LINUX_W_OK 2
#define LINUX_X_OK 1

#define LINUX_TCGETS     0x5401
#define LINUX_TCSETS     0x5402
#define LINUX_TCSETSW    0x5403
#define LINUX_TCSETSF    0x5404
#define LINUX_TIOCGPGRP  0x540F
#define LINUX_TIOCSPGRP  0x5410
#define LINUX_TIOCGWINSZ 0x5413
#define LINUX_TIOCSWINSZ 0x5414
#define LINUX_FIONREAD   0x541B
#define LINUX_FIONBIO    0x5421

#define LINUX_S_IFMT  0170000
#define LINUX_S_IFDIR 0040000
#define LINUX_S_IFLNK 0120000
#define LINUX_S_IFREG 0100000

#define LINUX_UTIME_NOW  ((1l << 30) - 1)
#define LINUX_UTIME_OMIT ((1l << 30) - 2)

struct linux_statx_timestamp {
	int64_t seconds;
	uint32_t nanoseconds;
	int32_t reserved;
};
struct linux_statx {
	uint32_t mask, blksize;
	uint64_t attributes;
	uint32_t nlink, uid, gid;
	uint16_t mode, spare0;
	uint64_t ino, size, blocks, attributes_mask;
	struct linux_statx_timestamp atime, btime, ctime, mtime;
	uint32_t rdev_major, rdev_minor, dev_major, dev_minor;
	uint64_t spare[14];
};
_Static_assert(sizeof(struct linux_statx) == 256, "struct statx is 256 bytes");
#define LINUX_STATX_BASIC_STATS 0x7ffu

struct linux_statfs {
	int64_t type, block_size;
	uint64_t blocks, blocks_free, blocks_available, files, files_free;
	int32_t fsid[2];
	int64_t name_max, fragment_size, flags, spare[4];
};
_Static_assert(sizeof(struct linux_statfs) == 120, "struct statfs is 120 bytes");

struct linux_dirent64 {
	uint64_t ino;
	int64_t offset;
	uint16_t record_length;
	uint8_t type;
	char name[];
};

#endif
