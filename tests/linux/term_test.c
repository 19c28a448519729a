/* A client of the term server (servers/term) on the serial driver: cooked
 * lines edited at the far end of COM2 (tests/system/term_script.txt typed by
 * tests/system/serial_host.pl), EOF, ^C ending a waiting read, raw reads,
 * echo off, interrupt_operation ending a waiting read, the window size, and
 * the driver's death seen as errors; first the
 * emulator's terminal ioctls on a descriptor for the same port. */
#define _GNU_SOURCE
#include "linux_check.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>
#include <hurd/interrupt.h>
#include <hurd/io.h>
#include <hurd/term.h>
#include <libmach/glibc.h>
#include <wildebeest/bootstrap_registry_client.h>
#include <wildebeest/emul_native.h>

static mach_port_t terminal;

/* io_read of at most amount bytes into buffer (NUL-terminated); -1 on error. */
static long read_text(char *buffer, size_t amount, kern_return_t *error)
{
	char inline_buffer[2048];
	data_t data = inline_buffer;
	mach_msg_type_number_t count = sizeof(inline_buffer);
	*error = io_read(terminal, &data, &count, -1, amount);
	if (*error)
		return -1;
	size_t taken = count < amount ? count : amount;
	memcpy(buffer, data, taken);
	buffer[taken] = '\0';
	if (data != inline_buffer)
		(void)vm_deallocate(mach_task_self(), (vm_address_t)data, count);
	return (long)taken;
}

static void say(const char *text)
{
	vm_size_t amount = 0;
	kern_return_t error = io_write(terminal, (char *)text, strlen(text), -1, &amount);
	if (error || amount != strlen(text))
		check(false, "io_write of '%s' (%d)", text, error);
}

static void expect_line(const char *prompt, const char *wanted, const char *what)
{
	say(prompt);
	char buffer[256];
	kern_return_t error;
	long count = read_text(buffer, 200, &error);
	check(count >= 0 && strcmp(buffer, wanted) == 0, "%s: read '%s' (%ld bytes, error %d)",
	      what, count >= 0 ? buffer : "", count, error);
}

struct waiting_read {
	kern_return_t error;
	long count;
	char buffer[64];
};

static void *read_in_thread(void *argument)
{
	struct waiting_read *read = argument;
	read->count = read_text(read->buffer, 32, &read->error);
	return NULL;
}

static bool set_modes(tcflag_t clear, tcflag_t set, unsigned vmin, unsigned vtime)
{
	termios_t attributes;
	if (term_get_attributes(terminal, &attributes))
		return false;
	attributes.local_flags = (attributes.local_flags & ~clear) | set;
	attributes.control_chars[VMIN] = (uint8_t)vmin;
	attributes.control_chars[VTIME] = (uint8_t)vtime;
	return term_set_attributes(terminal, TERM_SET_NOW, attributes) == 0;
}

/* The emulator's terminal ioctls on a descriptor for the terminal port
 * (openport through the escape hatch): what glibc's isatty, tcgetattr,
 * tcsetattr, tcgetpgrp and the window-size requests see. */
static void ioctl_checks(void)
{
	int fd = -1;
	if (mach_port_mod_refs(mach_task_self(), terminal, MACH_PORT_RIGHT_SEND, 1) == 0)
		fd = (int)syscall(EMUL_NATIVE_OPEN_PORT, (long)terminal, (long)O_RDWR);
	check(fd >= 0, "a descriptor for the terminal port (%d)", fd);
	if (fd < 0)
		return;
	check(isatty(fd) == 1, "isatty is true on the terminal descriptor");
	struct termios modes, back;
	check(tcgetattr(fd, &modes) == 0 && (modes.c_lflag & (ICANON | ECHO)) == (ICANON | ECHO) &&
	          modes.c_cc[VMIN] == 1 && cfgetospeed(&modes) == B115200,
	      "tcgetattr: cooked, echoing, VMIN 1, 115200 baud");
	struct termios quiet = modes;
	quiet.c_lflag &= ~(tcflag_t)ECHO;
	check(tcsetattr(fd, TCSANOW, &quiet) == 0 && tcgetattr(fd, &back) == 0 &&
	          !(back.c_lflag & ECHO) && (back.c_lflag & ICANON),
	      "tcsetattr turns ECHO off, tcgetattr reads it back");
	termios_t seen;
	check(term_get_attributes(terminal, &seen) == 0 && !(seen.local_flags & ECHO),
	      "... and the term server has it");
	check(tcsetattr(fd, TCSADRAIN, &modes) == 0 && tcgetattr(fd, &back) == 0 &&
	          back.c_lflag == modes.c_lflag && back.c_iflag == modes.c_iflag &&
	          back.c_cflag == modes.c_cflag && memcmp(back.c_cc, modes.c_cc, NCCS) == 0,
	      "TCSADRAIN puts ECHO back: the modes read back are the first ones");
	struct winsize size = {.ws_row = 40, .ws_col = 132}, size_back = {0};
	bool sized = ioctl(fd, TIOCSWINSZ, &size) == 0 && ioctl(fd, TIOCGWINSZ, &size_back) == 0;
	check(sized && size_back.ws_row == 40 && size_back.ws_col == 132,
	      "TIOCSWINSZ, TIOCGWINSZ: 40x132 read back (%ux%u)", size_back.ws_row,
	      size_back.ws_col);
	pid_t group = tcgetpgrp(fd);
	check(group > 0 && tcsetpgrp(fd, 5) == 0 && tcgetpgrp(fd) == 5 && tcsetpgrp(fd, group) == 0,
	      "tcgetpgrp, tcsetpgrp: the foreground group (%d) set to 5 and back", (int)group);
	int waiting = -1;
	bool asked = ioctl(fd, FIONREAD, &waiting) == 0;
	check(asked && waiting == 0, "FIONREAD: no input waiting (%d)", waiting);
	errno = 0;
	check(tcsetpgrp(fd, 0) == -1 && errno == EINVAL, "tcsetpgrp(0): EINVAL");
	check(ioctl(fd, TCGETS, (void *)16) == -1 && errno == EFAULT,
	      "TCGETS into a bad pointer: EFAULT");
	close(fd);
}

static void cooked_checks(void)
{
	termios_t attributes;
	kern_return_t error = term_get_attributes(terminal, &attributes);
	check(error == 0 &&
	          (attributes.local_flags & (ICANON | ECHO | ISIG)) == (ICANON | ECHO | ISIG),
	      "the terminal starts cooked, echoing, with ISIG (%d)", error);
	winsize_t size = {.rows = 30, .columns = 100};
	error = term_set_window_size(terminal, size);
	winsize_t back = {0};
	kern_return_t error2 = term_get_window_size(terminal, &back);
	check(!error && !error2 && back.rows == 30 && back.columns == 100,
	      "the window size set is read back (%ux%u)", back.rows, back.columns);
	expect_line("READY1\n", "hello world\n", "erase edits the line");
	expect_line("READY2\n", "kept text\n", "kill and word erase edit the line");
	say("READY3\n");
	char buffer[64];
	long count = read_text(buffer, 32, &error);
	check(count == 3 && strcmp(buffer, "abc") == 0,
	      "^D after text ends a read without newline");
	count = read_text(buffer, 32, &error);
	check(count == 0 && error == 0, "^D on an empty line is end of file (%ld, %d)", count,
	      error);
}

static void interrupt_check(void)
{
	struct waiting_read read = {0};
	pthread_t reader;
	pthread_create(&reader, NULL, read_in_thread, &read);
	usleep(1000000); /* the read is waiting in term before ^C comes */
	say("READY4\n");
	pthread_join(reader, NULL);
	check(read.count == -1 && read.error == EINTR,
	      "^C was recognised: the waiting read ended with EINTR (%ld, %d)", read.count,
	      read.error);
	vm_size_t amount = 1;
	kern_return_t error = io_readable(terminal, &amount);
	check(error == 0 && amount == 0, "^C discarded the partial line (%zu readable)",
	      (size_t)amount);
}

static void raw_checks(void)
{
	check(set_modes(ICANON | ECHO, 0, 1, 0), "raw mode set (no ICANON, no ECHO, VMIN 1)");
	say("READY5\n");
	char buffer[64];
	kern_return_t error;
	bool each = true;
	for (const char *wanted = "xyz"; *wanted; wanted++) {
		long count = read_text(buffer, 1, &error);
		each = each && count == 1 && buffer[0] == *wanted;
	}
	check(each, "raw mode: three reads of one byte got x, y, z as typed");
	check(set_modes(0, 0, 3, 0), "VMIN 3 set");
	say("READY6\n");
	long count = read_text(buffer, 10, &error);
	check(count == 3 && strcmp(buffer, "abc") == 0, "VMIN 3: the read waited for 3 bytes (%ld)",
	      count);
	check(set_modes(0, 0, 0, 5), "VMIN 0, VTIME 5 set");
	struct timespec start, end;
	clock_gettime(CLOCK_MONOTONIC, &start);
	count = read_text(buffer, 10, &error);
	clock_gettime(CLOCK_MONOTONIC, &end);
	double waited = (double)(end.tv_sec - start.tv_sec) + (end.tv_nsec - start.tv_nsec) / 1e9;
	check(count == 0 && error == 0 && waited >= 0.4 && waited < 5,
	      "VMIN 0, VTIME 5: with no input the read returned nothing after %.2f s", waited);
	check(set_modes(0, 0, 5, 10), "VMIN 5, VTIME 10 set");
	say("READY8\n");
	count = read_text(buffer, 10, &error);
	check(count == 2 && strcmp(buffer, "ab") == 0,
	      "VMIN 5, VTIME 10: two bytes then a pause: the read returned them (%ld)", count);
	check(set_modes(ECHO, ICANON, 1, 0), "cooked again, echo off");
	expect_line("READY7\n", "secret\n", "echo off: the line is read");
	check(set_modes(0, ECHO, 1, 0), "echo on again");
}

/* interrupt_operation (hurd/interrupt.defs) on the terminal: term answers
 * the read it keeps waiting EINTR itself (no input is typed here). */
static void interrupt_operation_check(void)
{
	struct waiting_read read = {0};
	pthread_t reader;
	pthread_create(&reader, NULL, read_in_thread, &read);
	usleep(300000); /* the read is waiting in term */
	kern_return_t error = interrupt_operation(terminal);
	struct timespec deadline;
	clock_gettime(CLOCK_REALTIME, &deadline);
	deadline.tv_sec += 10;
	int joined = pthread_timedjoin_np(reader, NULL, &deadline);
	check(error == 0 && joined == 0 && read.count == -1 && read.error == EINTR,
	      "interrupt_operation: term answered the waiting read EINTR (%d, %d, %ld, %d)", error,
	      joined, read.count, read.error);
}

static void driver_death_check(void)
{
	say("BYE\n");
	struct waiting_read read = {0};
	pthread_t reader;
	pthread_create(&reader, NULL, read_in_thread, &read);
	usleep(300000);
	kern_return_t error = term_set_nodename(terminal, "crash-driver");
	check(error == 0, "the driver was made to crash (%d)", error);
	struct timespec deadline;
	clock_gettime(CLOCK_REALTIME, &deadline);
	deadline.tv_sec += 10;
	int joined = pthread_timedjoin_np(reader, NULL, &deadline);
	check(joined == 0 && read.count == -1 && read.error == EIO,
	      "the waiting read ended with EIO, not a hang (%d, %ld, %d)", joined, read.count,
	      read.error);
	vm_size_t amount = 0;
	error = io_write(terminal, "x", 1, -1, &amount);
	check(error == EIO, "a write after the driver's death fails with EIO (%d)", error);
	char buffer[8];
	long count = read_text(buffer, 4, &error);
	check(count == -1 && error == EIO, "so does a read (%d)", error);
}

int main(void)
{
	int error = bootstrap_registry_lookup(libmach_bootstrap_port, &terminal);
	check(error == 0, "the terminal port is in the registry (%d)", error);
	if (error)
		return 1;
	ioctl_checks();
	cooked_checks();
	interrupt_check();
	raw_checks();
	interrupt_operation_check();
	driver_death_check();
	printf("term_test: %d failures\n", failures);
	return failures ? 1 : 0;
}
