/* prctl: a thread's name (PR_SET_NAME/PR_GET_NAME, kept per thread id), the
 * parent-death signal and the dumpable and no-new-privs flags stored and read
 * back (nothing acts on them yet); every other option is EINVAL, quietly. */
#include "emul.h"
#include "linux_abi.h"
#include "syscalls.h"
#include "lib/kstring.h"

/* Linux's option numbers (<linux/prctl.h>). */
#define LINUX_PR_SET_PDEATHSIG    1
#define LINUX_PR_GET_PDEATHSIG    2
#define LINUX_PR_GET_DUMPABLE     3
#define LINUX_PR_SET_DUMPABLE     4
#define LINUX_PR_SET_NAME         15
#define LINUX_PR_GET_NAME         16
#define LINUX_PR_SET_NO_NEW_PRIVS 38
#define LINUX_PR_GET_NO_NEW_PRIVS 39
#define LINUX_TASK_COMM_LEN       16
#define LINUX_SIGNAL_MAX          64

/* Thread names by thread id: the slots of threads that set one (the oldest
 * slot is reused past the limit; a thread without one reads the program's
 * name, as Linux's comm). */
#define NAME_SLOTS 64
static struct {
	int32_t tid;
	char name[LINUX_TASK_COMM_LEN];
} names[NAME_SLOTS];
static unsigned next_slot;
static emul_lock_t prctl_lock;
static int parent_death_signal, dumpable = 1, no_new_privs;

/* The program's name as comm: argv[0]'s last component, 15 bytes at most. */
static void program_comm(char name[LINUX_TASK_COMM_LEN])
{
	const char *program = emul_process.program_name ? emul_process.program_name : "";
	const char *last = program;
	for (const char *c = program; *c; c++)
		if (*c == '/' && c[1])
			last = c + 1;
	size_t length = strlen(last);
	if (length > LINUX_TASK_COMM_LEN - 1)
		length = LINUX_TASK_COMM_LEN - 1;
	memset(name, 0, LINUX_TASK_COMM_LEN);
	memcpy(name, last, length);
}

static long set_name(uint64_t address)
{
	char name[LINUX_TASK_COMM_LEN] = {0};
	long length = emul_user_string_length(address, 4096);
	if (length < 0)
		return length;
	size_t kept =
	    (size_t)length < LINUX_TASK_COMM_LEN - 1 ? (size_t)length : LINUX_TASK_COMM_LEN - 1;
	long error = emul_copy_from_user(name, address, kept);
	if (error)
		return error;
	int32_t tid = emul_thread_self()->tid;
	emul_lock(&prctl_lock);
	unsigned slot = NAME_SLOTS;
	for (unsigned i = 0; i < NAME_SLOTS; i++)
		if (names[i].tid == tid && tid != 0)
			slot = i;
	if (slot == NAME_SLOTS)
		slot = next_slot++ % NAME_SLOTS;
	names[slot].tid = tid;
	memcpy(names[slot].name, name, sizeof(name));
	emul_unlock(&prctl_lock);
	return 0;
}

static long get_name(uint64_t address)
{
	char name[LINUX_TASK_COMM_LEN];
	program_comm(name);
	int32_t tid = emul_thread_self()->tid;
	emul_lock(&prctl_lock);
	for (unsigned i = 0; i < NAME_SLOTS; i++)
		if (names[i].tid == tid && tid != 0)
			memcpy(name, names[i].name, sizeof(name));
	emul_unlock(&prctl_lock);
	return emul_copy_to_user(address, name, sizeof(name));
}

long emul_sys_prctl(struct emul_frame *frame)
{
	uint64_t option = frame->rdi, argument = frame->rsi;
	switch (option) {
	case LINUX_PR_SET_NAME:
		return set_name(argument);
	case LINUX_PR_GET_NAME:
		return get_name(argument);
	case LINUX_PR_SET_PDEATHSIG:
		if (argument > LINUX_SIGNAL_MAX)
			return -LINUX_EINVAL;
		parent_death_signal = (int)argument;
		return 0;
	case LINUX_PR_GET_PDEATHSIG: {
		int signal = parent_death_signal;
		return emul_copy_to_user(argument, &signal, sizeof(signal));
	}
	case LINUX_PR_GET_DUMPABLE:
		return dumpable;
	case LINUX_PR_SET_DUMPABLE:
		if (argument > 1)
			return -LINUX_EINVAL;
		dumpable = (int)argument;
		return 0;
	case LINUX_PR_SET_NO_NEW_PRIVS:
		if (argument != 1 || frame->rdx || frame->r10 || frame->r8)
			return -LINUX_EINVAL;
		no_new_privs = 1; /* once set, for good (execve keeps it on Linux) */
		return 0;
	case LINUX_PR_GET_NO_NEW_PRIVS:
		if (argument || frame->rdx || frame->r10 || frame->r8)
			return -LINUX_EINVAL;
		return no_new_privs;
	default:
		return -LINUX_EINVAL;
	}
}
