/* ioctl's terminal requests (TCGETS, TCSETS*, TIOC[GS]WINSZ, TIOC[GS]PGRP; the
 * controlling terminal's in term_ctty_ioctl.c) as term RPCs on a descriptor's
 * port; ports that do not speak term are ENOTTY. */
#include <mach.h>
#include <timed_term.h>
#include "ctty.h"
#include "files.h"
#include "linux_abi.h"
#include "linux_files_abi.h"
#include "term_ioctl.h"

#define LINUX_NCCS    19
#define LINUX_CBAUD   0010017u
#define LINUX_CBAUDEX 0010000u
#define LINUX_CIBAUD  002003600000u

/* struct termios of Linux's TCGETS/TCSETS (not glibc's). */
struct linux_termios {
	uint32_t c_iflag, c_oflag, c_cflag, c_lflag;
	uint8_t c_line;
	uint8_t c_cc[LINUX_NCCS];
};
_Static_assert(sizeof(struct linux_termios) == 36, "Linux's struct termios is 36 bytes");

/* Baud rates by Linux's CBAUD code: 0..15, then CBAUDEX | 1..15. */
static const uint32_t low_speeds[16] = {0,   50,   75,   110,  134,  150,  200,   300,
                                        600, 1200, 1800, 2400, 4800, 9600, 19200, 38400};
static const uint32_t high_speeds[16] = {0,       57600,   115200,  230400,  460800,  500000,
                                         576000,  921600,  1000000, 1152000, 1500000, 2000000,
                                         2500000, 3000000, 3500000, 4000000};

/* The CBAUD code of speed, or 0 (B0) when Linux has none for it. */
static uint32_t speed_code(uint32_t speed)
{
	for (uint32_t i = 0; i < 16; i++) {
		if (low_speeds[i] == speed)
			return i;
		if (i && high_speeds[i] == speed)
			return LINUX_CBAUDEX | i;
	}
	return 0;
}

/* The baud rate of a CBAUD code. */
static uint32_t code_speed(uint32_t code)
{
	uint32_t index = code & 017;
	if (code & LINUX_CBAUDEX)
		return index ? high_speeds[index] : 0;
	return low_speeds[index];
}

/* A term RPC's answer as -errno; a port without term is not a terminal. */
static long term_errno(kern_return_t answer)
{
	long error = emul_rpc_errno(answer);
	return error == -LINUX_EOPNOTSUPP ? -LINUX_ENOTTY : error;
}

static long get_attributes(mach_port_t port, uint64_t argument)
{
	termios_t modes;
	long error = term_errno(timed_term_get_attributes(port, EMUL_FILE_RPC_MS, &modes));
	if (error < 0)
		return error;
	struct linux_termios linux_modes = {
	    .c_iflag = modes.input_flags,
	    .c_oflag = modes.output_flags,
	    .c_cflag = (modes.control_flags & ~(LINUX_CBAUD | LINUX_CIBAUD)) |
	               speed_code(modes.output_speed),
	    .c_lflag = modes.local_flags,
	};
	for (int i = 0; i < LINUX_NCCS; i++)
		linux_modes.c_cc[i] = modes.control_chars[i];
	return emul_copy_to_user(argument, &linux_modes, sizeof(linux_modes));
}

static long set_attributes(mach_port_t port, int when, uint64_t argument)
{
	struct linux_termios linux_modes;
	long error = emul_copy_from_user(&linux_modes, argument, sizeof(linux_modes));
	if (error < 0)
		return error;
	/* The characters beyond Linux's 19 and an input speed are kept. */
	termios_t modes;
	error = term_errno(timed_term_get_attributes(port, EMUL_FILE_RPC_MS, &modes));
	if (error < 0)
		return error;
	modes.input_flags = linux_modes.c_iflag;
	modes.output_flags = linux_modes.c_oflag;
	modes.control_flags = linux_modes.c_cflag & ~(LINUX_CBAUD | LINUX_CIBAUD);
	modes.local_flags = linux_modes.c_lflag;
	for (int i = 0; i < LINUX_NCCS; i++)
		modes.control_chars[i] = linux_modes.c_cc[i];
	modes.output_speed = code_speed(linux_modes.c_cflag & LINUX_CBAUD);
	uint32_t input_code = (linux_modes.c_cflag & LINUX_CIBAUD) >> 16;
	modes.input_speed = input_code ? code_speed(input_code) : modes.output_speed;
	return term_errno(timed_term_set_attributes(port, EMUL_FILE_RPC_MS, when, modes));
}

long emul_term_ioctl(const struct emul_fd *entry, uint64_t request, uint64_t argument)
{
	if (entry->kind != EMUL_FD_PORT)
		return -LINUX_ENOTTY; /* the boot console is the kernel's */
	mach_port_t port = entry->port;
	if (request == LINUX_TCSETS || request == LINUX_TCSETSW || request == LINUX_TCSETSF ||
	    request == LINUX_TIOCSPGRP) {
		long refusal = emul_ctty_background_check(port, EMUL_CTTY_CHANGE);
		if (refusal < 0)
			return refusal;
	}
	switch (request) {
	case LINUX_TIOCSCTTY:
	case LINUX_TIOCNOTTY:
	case LINUX_TIOCGSID:
		return emul_term_ctty_ioctl(port, request, argument);
	case LINUX_TCGETS:
		return get_attributes(port, argument);
	case LINUX_TCSETS:
		return set_attributes(port, TERM_SET_NOW, argument);
	case LINUX_TCSETSW:
		return set_attributes(port, TERM_SET_DRAIN, argument);
	case LINUX_TCSETSF:
		return set_attributes(port, TERM_SET_FLUSH, argument);
	case LINUX_TIOCGWINSZ: {
		winsize_t size;
		long error = term_errno(timed_term_get_window_size(port, EMUL_FILE_RPC_MS, &size));
		return error < 0 ? error : emul_copy_to_user(argument, &size, sizeof(size));
	}
	case LINUX_TIOCSWINSZ: {
		winsize_t size; /* Linux's struct winsize has the same four fields */
		long error = emul_copy_from_user(&size, argument, sizeof(size));
		if (error < 0)
			return error;
		return term_errno(timed_term_set_window_size(port, EMUL_FILE_RPC_MS, size));
	}
	case LINUX_TIOCGPGRP: {
		hurd_pid_t group = 0;
		long error = term_errno(timed_term_get_foreground(port, EMUL_FILE_RPC_MS, &group));
		int32_t value = (int32_t)group;
		return error < 0 ? error : emul_copy_to_user(argument, &value, sizeof(value));
	}
	case LINUX_TIOCSPGRP: {
		int32_t value = 0;
		long error = emul_copy_from_user(&value, argument, sizeof(value));
		if (error < 0)
			return error;
		if (!emul_term_may_set_foreground(port))
			return -LINUX_ENOTTY; /* not the caller's controlling terminal */
		return term_errno(timed_term_set_foreground(port, EMUL_FILE_RPC_MS, value));
	}
	default:
		return -LINUX_ENOTTY;
	}
}
