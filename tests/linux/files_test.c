/* The emulator's file system calls through glibc, as a user sees them, on
 * tmpfs ("root" in the boot runner's registry) with auth: contents round
 * trips, O_EXCL/O_APPEND/O_TRUNC, holes, directories, rename, links, symbolic
 * links, cwd, umask, descriptors, bad descriptors and pointers, ids through
 * auth, a dead and a silent server, pipes, poll and select waiting on pipes. One "tap:" line per
 * check (tests/system/files.t). */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/select.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>
#include <mach.h>
#include <wildebeest/emul_native.h>
#include "linux_check.h"

/* An address nothing is mapped at (hidden from the compiler's checks). */
static void *volatile bad_pointer = (void *)16;

/* The result and errno of a call that should fail with expected. */
static void check_errno(long result, int expected, const char *what)
{
	int error = errno;
	check(result == -1 && error == expected, "%s fails with %s (got %ld, %s)", what,
	      strerrorname_np(expected), result, result == -1 ? strerrorname_np(error) : "-");
}

static bool file_is(const char *path, const char *contents)
{
	char buffer[256];
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		return false;
	ssize_t length = read(fd, buffer, sizeof(buffer) - 1);
	close(fd);
	if (length < 0)
		return false;
	buffer[length] = '\0';
	return strcmp(buffer, contents) == 0;
}

static void write_file(const char *path, const char *contents)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd >= 0) {
		if (write(fd, contents, strlen(contents)) < 0)
			perror("write");
		close(fd);
	}
}

static void contents(void)
{
	char buffer[64];
	int fd = open("/tmp/a", O_CREAT | O_EXCL | O_RDWR, 0666);
	check(fd >= 3, "open O_CREAT|O_EXCL makes /tmp/a (fd %d)", fd);
	check(write(fd, "hello world\n", 12) == 12, "write 12 bytes");
	check(lseek(fd, 0, SEEK_SET) == 0, "lseek back to 0");
	ssize_t length = read(fd, buffer, sizeof(buffer));
	check(length == 12 && memcmp(buffer, "hello world\n", 12) == 0,
	      "read gives the 12 bytes back (%zd)", length);
	check(read(fd, buffer, sizeof(buffer)) == 0, "read at the end is 0");
	struct stat status;
	check(fstat(fd, &status) == 0 && status.st_size == 12 && S_ISREG(status.st_mode) &&
	          (status.st_mode & 0777) == 0644,
	      "fstat: a regular file of 12 bytes, mode 0644 after umask 022 (0%o)",
	      status.st_mode & 0777);
	check_errno(open("/tmp/a", O_CREAT | O_EXCL | O_WRONLY, 0644), EEXIST,
	            "open O_CREAT|O_EXCL of an existing file");
	close(fd);

	fd = open("/tmp/a", O_WRONLY | O_APPEND);
	check(fd >= 0 && write(fd, "more", 4) == 4, "write through O_APPEND");
	close(fd);
	check(file_is("/tmp/a", "hello world\nmore"), "O_APPEND wrote at the end");

	fd = open("/tmp/a", O_RDWR);
	check(lseek(fd, 100, SEEK_SET) == 100 && write(fd, "x", 1) == 1,
	      "lseek past the end and write one byte");
	char hole[85];
	memset(hole, 'z', sizeof(hole));
	check(pread(fd, hole, sizeof(hole), 16) == 85 && memchr(hole, 'z', 85) == NULL &&
	          hole[84] == 'x' && hole[0] == 0 && hole[83] == 0,
	      "pread of the gap reads zeros, then the byte");
	check(lseek(fd, 0, SEEK_END) == 101, "lseek SEEK_END is the size 101");
	check(pwrite(fd, "HELLO", 5, 0) == 5 && pread(fd, buffer, 5, 0) == 5 &&
	          memcmp(buffer, "HELLO", 5) == 0 && lseek(fd, 0, SEEK_CUR) == 101,
	      "pwrite/pread at 0 leave the file pointer alone");
	struct iovec pieces[2] = {{"ab", 2}, {"cd", 2}};
	check(lseek(fd, 0, SEEK_SET) == 0 && writev(fd, pieces, 2) == 4, "writev of two pieces");
	char first[3] = {0}, second[3] = {0};
	struct iovec back[2] = {{first, 2}, {second, 2}};
	check(lseek(fd, 0, SEEK_SET) == 0 && readv(fd, back, 2) == 4 && strcmp(first, "ab") == 0 &&
	          strcmp(second, "cd") == 0,
	      "readv reads them back into two buffers");
	int available = -1;
	check(ioctl(fd, FIONREAD, &available) == 0 && available == 97,
	      "FIONREAD: 97 bytes left to read (%d)", available);
	struct termios modes;
	check_errno(ioctl(fd, TCGETS, &modes), ENOTTY, "TCGETS on a file");
	check(!isatty(fd) && errno == ENOTTY, "isatty is false on a file");
	struct winsize size;
	check_errno(ioctl(fd, TIOCGWINSZ, &size), ENOTTY, "TIOCGWINSZ on a file");
	check(ftruncate(fd, 3) == 0 && fstat(fd, &status) == 0 && status.st_size == 3,
	      "ftruncate to 3 bytes");
	check(fsync(fd) == 0 && fdatasync(fd) == 0, "fsync and fdatasync");
	struct pollfd watched = {.fd = fd, .events = POLLIN | POLLOUT};
	check(poll(&watched, 1, 1000) == 1 && watched.revents == (POLLIN | POLLOUT),
	      "poll: a file is ready to read and write");
	fd_set readable;
	FD_ZERO(&readable);
	FD_SET(fd, &readable);
	struct timeval zero = {0, 0};
	check(select(fd + 1, &readable, NULL, NULL, &zero) == 1 && FD_ISSET(fd, &readable),
	      "select: the file is readable");
	close(fd);
	check(truncate("/tmp/a", 0) == 0 && stat("/tmp/a", &status) == 0 && status.st_size == 0,
	      "truncate to 0 by name");
	write_file("/tmp/a", "abc");
	fd = open("/tmp/a", O_WRONLY | O_TRUNC);
	check(fd >= 0 && fstat(fd, &status) == 0 && status.st_size == 0, "O_TRUNC empties it");
	close(fd);
	struct timespec times[2] = {{1000, 0}, {2000, 500}};
	check(utimensat(AT_FDCWD, "/tmp/a", times, 0) == 0 && stat("/tmp/a", &status) == 0 &&
	          status.st_mtim.tv_sec == 2000 && status.st_atim.tv_sec == 1000,
	      "utimensat sets the times stat shows (%ld)", (long)status.st_mtim.tv_sec);
	struct statfs file_system;
	check(statfs("/", &file_system) == 0 && file_system.f_bsize > 0,
	      "statfs / answers (block size %ld)", (long)file_system.f_bsize);
}

static bool listed(const char *directory, const char *const *names, int count)
{
	DIR *stream = opendir(directory);
	if (!stream) {
		printf("files_test: opendir %s: %s\n", directory, strerror(errno));
		return false;
	}
	int found = 0;
	struct dirent *entry;
	while ((entry = readdir(stream))) {
		for (int i = 0; i < count; i++)
			if (strcmp(entry->d_name, names[i]) == 0)
				found++;
	}
	closedir(stream);
	return found == count;
}

static void directories(void)
{
	check(mkdir("/tmp/d", 0755) == 0, "mkdir /tmp/d");
	check_errno(mkdir("/tmp/d", 0755), EEXIST, "mkdir of an existing directory");
	write_file("/tmp/d/one", "first");
	write_file("/tmp/d/two", "second");
	const char *const names[] = {".", "..", "one", "two"};
	check(listed("/tmp/d", names, 4), "readdir (getdents64) lists ., .., one, two");
	check(rename("/tmp/d/one", "/tmp/d/two") == 0, "rename one over two");
	check(access("/tmp/d/one", F_OK) == -1 && errno == ENOENT && file_is("/tmp/d/two", "first"),
	      "one is gone and two has one's contents");
	struct stat status;
	check(link("/tmp/d/two", "/tmp/d/three") == 0 && stat("/tmp/d/two", &status) == 0 &&
	          status.st_nlink == 2,
	      "link: two has 2 links (%lu)", (unsigned long)status.st_nlink);
	check(unlink("/tmp/d/three") == 0 && stat("/tmp/d/two", &status) == 0 &&
	          status.st_nlink == 1,
	      "unlink of the link: 1 link again");
	check(symlink("two", "/tmp/d/sl") == 0, "symlink sl -> two");
	char target[64] = {0};
	check(readlink("/tmp/d/sl", target, sizeof(target)) == 3 && strcmp(target, "two") == 0,
	      "readlink sl says two (%s)", target);
	check(lstat("/tmp/d/sl", &status) == 0 && S_ISLNK(status.st_mode),
	      "lstat sees a symbolic link");
	check(file_is("/tmp/d/sl", "first"), "open through the link reads two");
	check_errno(open("/tmp/d/sl", O_RDONLY | O_NOFOLLOW), ELOOP, "O_NOFOLLOW on a link");
	check_errno(readlink("/tmp/d/two", target, sizeof(target)), EINVAL,
	            "readlink of a regular file");
	check_errno(rmdir("/tmp/d"), ENOTEMPTY, "rmdir of a directory with files");
	check_errno(open("/tmp/d/two/x", O_RDONLY), ENOTDIR, "a file used as a directory");
	check_errno(open("/tmp/a", O_RDONLY | O_DIRECTORY), ENOTDIR, "O_DIRECTORY on a file");
	check(mkdir("/tmp/d/empty", 0700) == 0 &&
	          unlinkat(AT_FDCWD, "/tmp/d/empty", AT_REMOVEDIR) == 0,
	      "unlinkat AT_REMOVEDIR of an empty directory");
	check_errno(open("/no/such/file", O_RDONLY), ENOENT, "open of a missing file");
	check_errno(readlink("/proc/self/exe", target, sizeof(target)), ENOENT,
	            "readlink /proc/self/exe (no /proc)");
}

static void current_directory(void)
{
	char here[256];
	check(getcwd(here, sizeof(here)) && strcmp(here, "/") == 0, "getcwd is / at start");
	check(chdir("/tmp/d") == 0 && getcwd(here, sizeof(here)) && strcmp(here, "/tmp/d") == 0,
	      "chdir /tmp/d, getcwd says so (%s)", here);
	check(file_is("two", "first"), "a relative name is found in the new cwd");
	check(chdir("..") == 0 && getcwd(here, sizeof(here)) && strcmp(here, "/tmp") == 0 &&
	          file_is("d/two", "first"),
	      "chdir .. is /tmp (%s)", here);
	check(file_is("../tmp/./d/../d/two", "first"), "a name with .. and . resolves");
	int directory = open("/tmp/d", O_RDONLY | O_DIRECTORY);
	int fd = openat(directory, "two", O_RDONLY);
	check(directory >= 0 && fd >= 0, "openat relative to a directory descriptor");
	close(fd);
	check(fchdir(directory) == 0 && file_is("two", "first"), "fchdir to it");
	close(directory);
	check(chdir("/srv") == 0 && file_is("hello-node", "one"),
	      "chdir /srv: hello-node reads one through its translator");
	check(file_is("../srv/./hello-node", "one"), "... and through ../srv/./hello-node");
	check_errno(chdir("/tmp/a"), ENOTDIR, "chdir to a file");
	check(chdir("/") == 0, "chdir /");
}

static void descriptors(void)
{
	int fd = open("/tmp/d/two", O_RDONLY);
	int copy = dup(fd);
	char byte;
	check(copy > fd && read(fd, &byte, 1) == 1 && lseek(copy, 0, SEEK_CUR) == 1,
	      "dup shares the file pointer");
	check(dup2(fd, 20) == 20 && fcntl(20, F_GETFD) == 0, "dup2 to 20, not close-on-exec");
	check(dup3(fd, 21, O_CLOEXEC) == 21 && fcntl(21, F_GETFD) == FD_CLOEXEC,
	      "dup3 O_CLOEXEC sets FD_CLOEXEC");
	int high = fcntl(fd, F_DUPFD_CLOEXEC, 30);
	check(high >= 30 && fcntl(high, F_GETFD) == FD_CLOEXEC, "F_DUPFD_CLOEXEC from 30 (%d)",
	      high);
	check(fcntl(20, F_SETFD, FD_CLOEXEC) == 0 && fcntl(20, F_GETFD) == FD_CLOEXEC,
	      "F_SETFD sets it");
	int writer = open("/tmp/a", O_WRONLY);
	check(fcntl(writer, F_SETFL, O_APPEND) == 0 &&
	          (fcntl(writer, F_GETFL) & (O_APPEND | O_ACCMODE)) == (O_APPEND | O_WRONLY),
	      "F_SETFL O_APPEND shows in F_GETFL");
	check(fcntl(fd, F_GETFL) == O_RDONLY, "F_GETFL of a read-only descriptor");
	check_errno(write(fd, "x", 1), EBADF, "write to a read-only descriptor");
	close(writer);
	close(copy);
	close(20);
	close(21);
	close(high);
	check_errno(read(99, &byte, 1), EBADF, "read of a closed descriptor");
	check_errno(close(99), EBADF, "close of a closed descriptor");
	struct stat status;
	check_errno(fstat(-1, &status), EBADF, "fstat of -1");
	check_errno(dup2(fd, 100000), EBADF, "dup2 beyond the table");
	check_errno(read(fd, bad_pointer, 10), EFAULT, "read into a bad pointer");
	check_errno(open((const char *)bad_pointer, O_RDONLY), EFAULT,
	            "open of a bad path pointer");
	check_errno(fstat(fd, (struct stat *)bad_pointer), EFAULT, "fstat into a bad pointer");
	check_errno(syscall(SYS_getdents64, fd, bad_pointer, 4096), EFAULT,
	            "getdents64 into a bad pointer");
	close(fd);
	check(fstat(1, &status) == 0 && S_ISCHR(status.st_mode), "stdout is the console");
}

static void pipes(void)
{
	int ends[2] = {-1, -1};
	check(pipe2(ends, O_CLOEXEC) == 0 && ends[0] >= 0 && ends[1] > ends[0],
	      "pipe2 gives two descriptors (%d %d)", ends[0], ends[1]);
	check(fcntl(ends[0], F_GETFD) == FD_CLOEXEC && fcntl(ends[1], F_GETFD) == FD_CLOEXEC,
	      "O_CLOEXEC on both ends");
	char buffer[16] = {0};
	check(write(ends[1], "ping", 4) == 4 && read(ends[0], buffer, sizeof(buffer)) == 4 &&
	          memcmp(buffer, "ping", 4) == 0,
	      "what goes into the write end comes out of the read end");
	check_errno(read(ends[1], buffer, 1), EBADF, "read from the write end");
	check_errno(write(ends[0], "x", 1), EBADF, "write to the read end");
	check(write(ends[1], "last", 4) == 4 && close(ends[1]) == 0 &&
	          read(ends[0], buffer, sizeof(buffer)) == 4 && read(ends[0], buffer, 1) == 0,
	      "after the writer closes, the rest and then end of file");
	close(ends[0]);
	check(pipe2(ends, O_NONBLOCK) == 0, "pipe2 O_NONBLOCK");
	check_errno(read(ends[0], buffer, 1), EAGAIN, "read of an empty non-blocking pipe");
	signal(SIGPIPE, SIG_IGN);
	close(ends[0]);
	/* The server learns of the closed reader from a no-senders notification,
	 * which may come a little after close returns: a write or two may still
	 * go into the buffer (Linux refuses the first). */
	long written = 0;
	for (int attempt = 0; attempt < 200 && (written = write(ends[1], "x", 1)) == 1; attempt++)
		usleep(10000);
	check_errno(written, EPIPE, "write with no reader left (within 2 s of its close)");
	close(ends[1]);
	check(pipe(ends) == 0 && fcntl(ends[0], F_GETFD) == 0, "pipe without flags");
	close(ends[0]);
	close(ends[1]);
	check_errno(pipe2((int *)bad_pointer, 0), EFAULT, "pipe2 into a bad pointer");
}

static double now_ms(void)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return now.tv_sec * 1000.0 + now.tv_nsec / 1e6;
}

struct late_write {
	int fd;
	unsigned delay_us;
};

static void *write_late(void *argument)
{
	struct late_write *late = argument;
	usleep(late->delay_us);
	if (write(late->fd, "w", 1) != 1)
		perror("files_test: late write");
	return NULL;
}

/* poll, ppoll, select and pselect on pipe ends: real readiness through
 * io_select, timeouts, and a wake-up by another thread's write. */
static void waiting(void)
{
	int first[2] = {-1, -1}, second[2] = {-1, -1};
	if (pipe(first) != 0 || pipe(second) != 0) {
		check(false, "two pipes for the poll checks");
		return;
	}
	check(!isatty(first[0]) && errno == ENOTTY && !isatty(first[1]),
	      "isatty is false on both ends of a pipe");
	struct pollfd watched[2] = {{.fd = first[0], .events = POLLIN},
	                            {.fd = first[1], .events = POLLOUT}};
	int polled = poll(watched, 2, 0);
	check(polled == 1 && watched[0].revents == 0 && watched[1].revents == POLLOUT,
	      "poll: an empty pipe is not readable, its write end is writable (%d %d)",
	      watched[0].revents, watched[1].revents);
	double start = now_ms();
	int result = poll(watched, 1, 100);
	double elapsed = now_ms() - start;
	check(result == 0 && watched[0].revents == 0 && elapsed >= 99 && elapsed < 3000,
	      "poll: an empty pipe times out after 100 ms with 0 (%d, %.0f ms)", result, elapsed);
	struct timespec short_wait = {0, 50000000};
	start = now_ms();
	result = ppoll(watched, 1, &short_wait, NULL);
	elapsed = now_ms() - start;
	check(result == 0 && elapsed >= 49 && elapsed < 3000,
	      "ppoll: 50 ms on an empty pipe times out (%d, %.0f ms)", result, elapsed);
	fd_set readable;
	FD_ZERO(&readable);
	FD_SET(first[0], &readable);
	struct timeval tenth = {0, 100000};
	start = now_ms();
	result = select(first[0] + 1, &readable, NULL, NULL, &tenth);
	elapsed = now_ms() - start;
	check(result == 0 && !FD_ISSET(first[0], &readable) && elapsed >= 99 && elapsed < 3000,
	      "select: an empty pipe times out after 100 ms (%d, %.0f ms)", result, elapsed);

	pthread_t writer;
	struct late_write late = {first[1], 200000};
	check(pthread_create(&writer, NULL, write_late, &late) == 0, "a writer thread");
	start = now_ms();
	result = poll(watched, 1, -1);
	elapsed = now_ms() - start;
	check(result == 1 && watched[0].revents == POLLIN && elapsed >= 150,
	      "poll without a timeout wakes when another thread writes (%d, 0x%x, %.0f ms)", result,
	      watched[0].revents, elapsed);
	pthread_join(writer, NULL);
	FD_ZERO(&readable);
	FD_SET(first[0], &readable);
	check(select(first[0] + 1, &readable, NULL, NULL, NULL) == 1 &&
	          FD_ISSET(first[0], &readable),
	      "select: the written pipe is readable");
	char byte;
	check(read(first[0], &byte, 1) == 1, "its byte read");

	/* Two empty pipes: the second is written while poll waits. */
	struct pollfd both[2] = {{.fd = first[0], .events = POLLIN},
	                         {.fd = second[0], .events = POLLIN}};
	late = (struct late_write){second[1], 150000};
	check(pthread_create(&writer, NULL, write_late, &late) == 0, "a second writer thread");
	start = now_ms();
	result = poll(both, 2, 5000);
	elapsed = now_ms() - start;
	check(result == 1 && both[0].revents == 0 && both[1].revents == POLLIN && elapsed < 4000,
	      "poll on two pipes wakes for the second one's write (%d, %.0f ms)", result, elapsed);
	pthread_join(writer, NULL);
	FD_ZERO(&readable);
	FD_SET(first[0], &readable);
	FD_SET(second[0], &readable);
	struct timespec zero = {0, 0};
	check(pselect(second[0] + 1, &readable, NULL, NULL, &zero, NULL) == 1 &&
	          !FD_ISSET(first[0], &readable) && FD_ISSET(second[0], &readable),
	      "pselect: only the written pipe is readable");
	close(first[1]);
	watched[0].events = POLLIN;
	check(poll(watched, 1, 1000) == 1 && (watched[0].revents & (POLLIN | POLLHUP)),
	      "poll: a pipe whose writer closed is ready (end of file)");
	close(first[0]);
	close(second[0]);
	close(second[1]);
}

static void permissions(void)
{
	mode_t old = umask(077);
	write_file("/tmp/private", "secret");
	struct stat status;
	check(old == 022 && stat("/tmp/private", &status) == 0 && (status.st_mode & 0777) == 0600,
	      "umask 077 applies: 0%o", status.st_mode & 0777);
	umask(022);
	write_file("/tmp/public", "open");
	check(chmod("/tmp/public", 0600) == 0 && stat("/tmp/public", &status) == 0 &&
	          (status.st_mode & 0777) == 0600,
	      "chmod 0600");
	check(access("/tmp/public", R_OK | W_OK) == 0, "access R_OK|W_OK as root");
	check(getuid() == 0 && geteuid() == 0 && getgid() == 0, "getuid/geteuid/getgid are 0");
	check(setuid(1000) == 0, "setuid(1000) as root");
	uid_t real = 0, effective = 0, saved = 0;
	int answer = getresuid(&real, &effective, &saved);
	check(getuid() == 1000 && geteuid() == 1000 && answer == 0 && real == 1000 &&
	          effective == 1000 && saved == 1000,
	      "the ids are 1000 now (%u %u %u)", real, effective, saved);
	check_errno(open("/tmp/public", O_RDONLY), EACCES, "open of root's 0600 file as uid 1000");
	check_errno(access("/tmp/public", R_OK), EACCES, "access R_OK as uid 1000");
	check(file_is("/tmp/d/two", "first"), "a 0644 file is still readable");
	check_errno(setuid(0), EPERM, "setuid(0) back as uid 1000");
}

static void dead_server(void)
{
	mach_port_t port;
	if (mach_port_allocate(mach_task_self(), MACH_PORT_RIGHT_RECEIVE, &port) != KERN_SUCCESS ||
	    mach_port_insert_right(mach_task_self(), port, port, MACH_MSG_TYPE_MAKE_SEND) !=
	        KERN_SUCCESS) {
		check(false, "a port for the dead server");
		return;
	}
	long fd = syscall(EMUL_NATIVE_OPEN_PORT, port, O_RDWR);
	check(fd >= 0, "openport gives a descriptor for a port (%ld)", fd);
	mach_port_mod_refs(mach_task_self(), port, MACH_PORT_RIGHT_RECEIVE, -1);
	char buffer[8];
	errno = 0;
	ssize_t result = read((int)fd, buffer, sizeof(buffer));
	check(result == -1 && errno == EIO, "read from a dead server is EIO, not a hang (%s)",
	      strerrorname_np(errno));
	struct stat status;
	check_errno(fstat((int)fd, &status), EIO, "fstat on the dead server");
	check(close((int)fd) == 0, "close of its descriptor");

	/* A server that never answers: the emulator's 10 s timeout. */
	mach_port_t silent;
	if (mach_port_allocate(mach_task_self(), MACH_PORT_RIGHT_RECEIVE, &silent) !=
	        KERN_SUCCESS ||
	    mach_port_insert_right(mach_task_self(), silent, silent, MACH_MSG_TYPE_MAKE_SEND) !=
	        KERN_SUCCESS) {
		check(false, "a port for the silent server");
		return;
	}
	fd = syscall(EMUL_NATIVE_OPEN_PORT, silent, O_RDONLY);
	errno = 0;
	result = read((int)fd, buffer, sizeof(buffer));
	check(result == -1 && errno == ETIMEDOUT,
	      "read from a server that never answers is ETIMEDOUT, not a hang (%s)",
	      strerrorname_np(errno));
	close((int)fd);
	mach_port_mod_refs(mach_task_self(), silent, MACH_PORT_RIGHT_RECEIVE, -1);
}

int main(void)
{
	mach_init();
	contents();
	directories();
	current_directory();
	descriptors();
	dead_server();
	pipes();
	waiting();
	permissions();
	printf("files_test: %d failures\n", failures);
	return failures ? 1 : 0;
}
