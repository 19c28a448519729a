/* The C side of hurd/hurd_types.defs: the types the Hurd protocols' MIG stubs
 * name, and the constants of the protocols (retry types, open modes, ...). */
#ifndef WB_HURD_HURD_TYPES_H
#define WB_HURD_HURD_TYPES_H

#include <stdint.h>
#include <mach/std_types.h>
#include <mach/port.h>
#include <mach/message.h>

/* Subsystem numbers of the interfaces (the .defs files in hurd/). Each owns a
 * block of 1000 message ids: requests from its base, replies at +100 (also
 * the ids of its NAME_reply interface, if it has one). Reserved for the
 * interfaces to come: 38000 password, 39000 crash. */
#define HURD_SUBSYSTEM_FS      30000
#define HURD_SUBSYSTEM_IO      31000
#define HURD_SUBSYSTEM_FSYS    32000
#define HURD_SUBSYSTEM_AUTH    33000
#define HURD_SUBSYSTEM_PROC    34000
#define HURD_SUBSYSTEM_EXEC    35000
#define HURD_SUBSYSTEM_TERM    36000
#define HURD_SUBSYSTEM_STARTUP 37000

/* Errors: a routine answers 0 or a positive Linux errno value (ENOENT, EPERM,
 * ...), which the emulator can hand to programs as it is; routines a server
 * does not define answer EOPNOTSUPP (mk/hurd.mk). MIG's own errors (MIG_*,
 * negative) and mach_msg's (above 0x10000000) cannot be taken for one. Servers
 * turn KERN_* failures into errno values (KERN_RESOURCE_SHORTAGE: ENOMEM)
 * before answering, since KERN_* codes share errno's small numbers. */

/* Ports named by what the server behind them is (all plain send rights). */
typedef mach_port_t file_t;
typedef mach_port_t io_t;
typedef mach_port_t fsys_t;
typedef mach_port_t auth_t;
typedef mach_port_t process_t;
typedef mach_port_t exec_t;
typedef mach_port_t term_t;
typedef mach_port_t startup_t;

/* The reply port of a routine whose server may answer later (sreplyport). */
typedef mach_port_t reply_port_t;

/* Fixed-width scalars of the protocols. The names carry a hurd_ prefix: the
 * servers are glibc programs on Linux's ABI, whose off_t, mode_t, ... are not
 * necessarily these. */
typedef int64_t hurd_off_t;
typedef uint32_t hurd_mode_t;
typedef uint32_t hurd_uid_t;
typedef uint32_t hurd_gid_t;
typedef int32_t hurd_pid_t;

/* Strings travel inline and NUL-terminated: a name or option (string_t), a
 * path (path_t, at most 4096 bytes with the NUL, Linux's PATH_MAX). */
#define HURD_STRING_MAX 1024
#define HURD_PATH_MAX   4096
typedef char string_t[HURD_STRING_MAX];
typedef const char *const_string_t;
typedef char path_t[HURD_PATH_MAX];
typedef const char *const_path_t;

/* Byte arrays (file contents, directory entries, argz vectors): inline when
 * small, out of line otherwise, as MIG decides. */
typedef char *data_t;
typedef const char *const_data_t;
/* User and group ids (auth), process ids (proc), ints and ports (exec). */
typedef hurd_uid_t *idarray_t;
typedef const hurd_uid_t *const_idarray_t;
typedef hurd_pid_t *pidarray_t;
typedef const hurd_pid_t *const_pidarray_t;
typedef int *intarray_t;
typedef const int *const_intarray_t;
typedef mach_port_t *portarray_t;
typedef const mach_port_t *const_portarray_t;

/* What the client of dir_lookup does next (the retry_type out argument). */
enum retry_type {
	/* Look retry_name up on the returned port, with the same
	 * credentials (an empty name: the port is the file itself). */
	FS_RETRY_NORMAL = 1,
	/* As NORMAL, but first reauthenticate the returned port: it lies in
	 * another server, which does not know the client's identity yet. */
	FS_RETRY_REAUTH = 2,
	/* retry_name is a special name the client resolves itself ("tty",
	 * "fd/N", "machtype"), or a symbolic link's target that leaves the
	 * server ("/..."). */
	FS_RETRY_MAGICAL = 3,
};
typedef enum retry_type retry_type;

/* Open modes and lookup flags of dir_lookup, io_get_openmodes and friends:
 * the protocols' own values, not Linux's O_* (the emulator translates). */
#define HURD_O_READ      0x0001 /* open for reading */
#define HURD_O_WRITE     0x0002 /* open for writing */
#define HURD_O_EXEC      0x0004 /* open for execution */
#define HURD_O_RDWR      (HURD_O_READ | HURD_O_WRITE)
#define HURD_O_ACCMODE   (HURD_O_READ | HURD_O_WRITE | HURD_O_EXEC)
#define HURD_O_NONBLOCK  0x0008 /* I/O does not wait */
#define HURD_O_APPEND    0x0010 /* every write goes to the end */
#define HURD_O_ASYNC     0x0020 /* signal when I/O is possible */
#define HURD_O_FSYNC     0x0040 /* writes reach the store before returning */
#define HURD_O_NOATIME   0x0080 /* reads leave the access time alone */
#define HURD_O_CREAT     0x0100 /* create the file if missing */
#define HURD_O_EXCL      0x0200 /* with CREAT: fail if it exists */
#define HURD_O_NOLINK    0x0400 /* do not follow a final symbolic link */
#define HURD_O_NOTRANS   0x0800 /* do not enter a final node's translator */
#define HURD_O_DIRECTORY 0x1000 /* fail unless the result is a directory */
#define HURD_O_TRUNC     0x2000 /* truncate to length 0 on open */
#define HURD_O_NOCTTY    0x4000 /* do not make a terminal the controlling one */
/* The bits io_set_all_openmodes and friends may change. */
#define HURD_O_SETTABLE_MODES                                                                      \
	(HURD_O_NONBLOCK | HURD_O_APPEND | HURD_O_ASYNC | HURD_O_FSYNC | HURD_O_NOATIME)

/* file_set_translator's passive_flags and active_flags (0: leave that
 * translator alone). */
#define FS_TRANS_SET    0x1 /* change this translator */
#define FS_TRANS_EXCL   0x2 /* only if the node has none now, else EBUSY */
#define FS_TRANS_FORCE  0x4 /* stop the old active one even with clients */
#define FS_TRANS_ORPHAN 0x8 /* detach the old active one without stopping it */

/* fsys_goaway flags. */
#define FSYS_GOAWAY_NOWAIT  0x1  /* return at once, go away when convenient */
#define FSYS_GOAWAY_NOSYNC  0x2  /* do not write the file system out first */
#define FSYS_GOAWAY_FORCE   0x4  /* go away even with clients still holding ports */
#define FSYS_GOAWAY_UNLINK  0x8  /* the node is going away: go away if a directory */
#define FSYS_GOAWAY_RECURSE 0x10 /* also ask the translators below to go away */

/* file_check_access and io_stat's access bits use the open modes above. */

/* file_exec and exec_exec flags. */
#define EXEC_NEWTASK  0x1 /* the task is fresh: exec may not reuse its memory */
#define EXEC_SECURE   0x2 /* set-id execution: reject untrusted ports */
#define EXEC_DEFAULTS 0x4 /* fill in missing ports and ints from exec's defaults */
#define EXEC_SIGTRAP  0x8 /* stop the new image at its first instruction */

/* Indices into exec_exec's ports array (values beyond are passed as is). */
enum exec_port_index {
	INIT_PORT_CWDIR,
	INIT_PORT_CRDIR,
	INIT_PORT_AUTH,
	INIT_PORT_PROC,
	INIT_PORT_CTTYID,
	INIT_PORT_BOOTSTRAP,
	INIT_PORT_MAX
};
/* Indices into exec_exec's ints array. */
enum exec_int_index {
	INIT_UMASK,
	INIT_SIGMASK,
	INIT_SIGIGN,
	INIT_SIGPENDING,
	INIT_TRACEMASK,
	INIT_INT_MAX
};

/* dir_readdir's records, packed one after another, each starting at a
 * multiple of 8 bytes: record_length covers the header, the name, its NUL and
 * the padding to the next record. type is a DT_* value as in Linux's dirent
 * (DT_UNKNOWN 0, DT_DIR 4, DT_REG 8, DT_LNK 10, ...). */
struct hurd_dirent {
	uint64_t ino;
	uint16_t record_length;
	uint8_t type;
	uint8_t name_length; /* without the NUL */
	char name[];         /* NUL-terminated */
};
#define HURD_DIRENT_ALIGN 8

/* io_select's kinds of readiness (in and out argument). */
#define SELECT_READ  0x1
#define SELECT_WRITE 0x2
#define SELECT_URG   0x4

/* pipe_create's flags (pipe.defs): which ends start with HURD_O_NONBLOCK. */
#define PIPE_READ_NONBLOCK  0x1
#define PIPE_WRITE_NONBLOCK 0x2

/* Structures that travel inline in messages, where MIG lays items out at
 * 4-byte boundaries: their alignment is 4 (their fields leave no padding), so
 * stubs may point at them inside a message. Take no pointer to a 64-bit field. */
#define HURD_MESSAGE_STRUCT __attribute__((packed, aligned(4)))

/* A time in the protocols: seconds and nanoseconds since the Epoch. A
 * nanoseconds value of HURD_UTIME_NOW / HURD_UTIME_OMIT in file_utimens means
 * "now" / "leave alone", as UTIME_NOW / UTIME_OMIT in POSIX utimensat. */
struct HURD_MESSAGE_STRUCT hurd_timespec {
	int64_t seconds;
	int64_t nanoseconds;
};
typedef struct hurd_timespec time_spec_t;
#define HURD_UTIME_NOW  ((int64_t)((1l << 30) - 1))
#define HURD_UTIME_OMIT ((int64_t)((1l << 30) - 2))

/* io_stat's answer: a fixed layout of 64-bit-friendly fields (no padding),
 * the same for every server and client. The mode uses POSIX's file type and
 * permission bits (S_IFREG, S_IRWXU, ...), which Linux shares. */
struct HURD_MESSAGE_STRUCT hurd_stat {
	uint64_t fsid;              /* which file system */
	uint64_t ino;               /* file serial number within it */
	uint64_t rdev;              /* the device, for device nodes */
	int64_t size;               /* bytes */
	int64_t blocks;             /* 512-byte blocks allocated */
	uint32_t mode;              /* file type and permissions */
	uint32_t nlink;             /* hard links */
	uint32_t uid;               /* owner */
	uint32_t gid;               /* group */
	uint32_t author;            /* the Hurd's fourth id: who wrote it */
	uint32_t block_size;        /* preferred I/O size */
	uint32_t flags;             /* file flags (chflags) */
	uint32_t generation;        /* changes when the serial number is reused */
	struct hurd_timespec atime; /* last access */
	struct hurd_timespec mtime; /* last modification */
	struct hurd_timespec ctime; /* last status change */
	uint64_t spare[9];          /* zero; room to grow without a new message layout */
};
typedef struct hurd_stat io_statbuf_t;
_Static_assert(sizeof(struct hurd_stat) == 24 * 8, "io_statbuf_t is struct[24] of int64_t");

/* file_statfs's answer, likewise fixed. */
struct HURD_MESSAGE_STRUCT hurd_statfs {
	uint32_t type;             /* file system type (a magic number) */
	uint32_t block_size;       /* fundamental block size */
	uint64_t blocks;           /* total blocks */
	uint64_t blocks_free;      /* free blocks */
	uint64_t blocks_available; /* free blocks for unprivileged users */
	uint64_t files;            /* total file nodes */
	uint64_t files_free;       /* free file nodes */
	uint64_t fsid;             /* file system id */
	uint32_t name_max;         /* longest file name */
	uint32_t fragment_size;    /* fragment size */
	uint32_t flags;            /* mount flags (ST_RDONLY, ...) */
	uint32_t spare32;          /* zero */
	uint64_t spare[5];         /* zero */
};
typedef struct hurd_statfs fsys_statfsbuf_t;
_Static_assert(sizeof(struct hurd_statfs) == 14 * 8, "fsys_statfsbuf_t is struct[14] of int64_t");

/* term's terminal attributes: the POSIX termios fields at fixed widths. */
#define HURD_NCCS 32
struct hurd_termios {
	uint32_t input_flags;             /* c_iflag */
	uint32_t output_flags;            /* c_oflag */
	uint32_t control_flags;           /* c_cflag */
	uint32_t local_flags;             /* c_lflag */
	uint8_t control_chars[HURD_NCCS]; /* c_cc */
	uint32_t input_speed;             /* baud */
	uint32_t output_speed;            /* baud */
};
typedef struct hurd_termios termios_t;
_Static_assert(sizeof(struct hurd_termios) == 14 * 4, "termios_t is struct[14] of int32_t");

/* term's window size. */
struct hurd_winsize {
	uint16_t rows;
	uint16_t columns;
	uint16_t x_pixels;
	uint16_t y_pixels;
};
typedef struct hurd_winsize winsize_t;
_Static_assert(sizeof(struct hurd_winsize) == 2 * 4, "winsize_t is struct[2] of int32_t");

/* term_flush's queues. */
#define TERM_FLUSH_INPUT  0x1
#define TERM_FLUSH_OUTPUT 0x2
/* term_set_attributes: when the change takes effect (POSIX TCSANOW, ...). */
#define TERM_SET_NOW   0
#define TERM_SET_DRAIN 1 /* after output drains */
#define TERM_SET_FLUSH 2 /* after output drains, discarding pending input */

/* proc_wait's options and startup_reboot's modes. */
#define PROC_WAIT_NOHANG        0x1
#define PROC_WAIT_UNTRACED      0x2
#ifndef PROC_WAIT_CONTINUED
#define PROC_WAIT_CONTINUED 0x8 /* also a continued child (WCONTINUED) */
#endif
#define STARTUP_REBOOT_HALT     0
#define STARTUP_REBOOT_POWEROFF 1
#define STARTUP_REBOOT_RESTART  2

/* A task's resource usage as proc_wait reports it (times in microseconds). */
struct HURD_MESSAGE_STRUCT hurd_rusage {
	int64_t user_time_us;
	int64_t system_time_us;
	int64_t max_resident_kib;
	int64_t spare[5];
};
typedef struct hurd_rusage rusage_t;
_Static_assert(sizeof(struct hurd_rusage) == 8 * 8, "rusage_t is struct[8] of int64_t");

#endif
