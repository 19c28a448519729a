/* The one-node translators (translators/hello, translators/null on
 * lib/trivfs) seen by a client in another task: `trivfs_test hello` or
 * `trivfs_test null` looks up the translator's control port in the boot
 * runner's registry and checks what a user sees through fsys, io and fs. */
#define _GNU_SOURCE
#include "linux_tap.h"

#include <pthread.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <hurd/fs.h>
#include <hurd/fsys.h>
#include <hurd/io.h>
#include <libmach/glibc.h>
#include <wildebeest/bootstrap_registry_client.h>

static int failures;

static void check(bool passed, const char *format, ...)
{
	va_list arguments;
	va_start(arguments, format);
	if (!linux_tap_check(passed, format, arguments))
		failures++;
	va_end(arguments);
}

static const hurd_uid_t user_ids[] = {1000}, root_ids[] = {0};

/* fsys_getroot for uid and gid id (1000: a user, 0: root) with flags. */
static kern_return_t open_root(mach_port_t control, const hurd_uid_t *ids, int flags,
                               mach_port_t *file)
{
	retry_type retry = 0;
	path_t name = "x";
	kern_return_t error = fsys_getroot(control, ids, 1, ids, 1, flags, &retry, name, file);
	if (!error && (retry != FS_RETRY_NORMAL || name[0] != '\0'))
		error = EPROTO;
	return error;
}

/* io_read into buffer (at most size bytes, size < 2048 or not): the bytes
 * read, or -1 with *error set. */
static long read_bytes(mach_port_t file, hurd_off_t offset, char *buffer, size_t size,
                       kern_return_t *error)
{
	data_t data = buffer;
	mach_msg_type_number_t count = (mach_msg_type_number_t)size;
	*error = io_read(file, &data, &count, offset, size);
	if (*error)
		return -1;
	if (data != buffer) {
		memcpy(buffer, data, count <= size ? count : size);
		(void)vm_deallocate(mach_task_self(), (vm_address_t)data, count);
	}
	return count <= size ? (long)count : -1;
}

/* Whether the next read of amount bytes at the current offset gives text. */
static bool reads(mach_port_t file, size_t amount, const char *text)
{
	char buffer[256] = {0};
	kern_return_t error;
	long count = read_bytes(file, -1, buffer, amount, &error);
	return count == (long)strlen(text) && memcmp(buffer, text, (size_t)count) == 0;
}

/* An argz answer (fsys_get_options, file_get_fs_options) equal to expected
 * (length bytes). */
static bool argz_is(kern_return_t error, data_t data, mach_msg_type_number_t count,
                    const char *expected, size_t length)
{
	return error == 0 && count == length && memcmp(data, expected, length) == 0;
}

static bool options_are(mach_port_t control, const char *expected, size_t length)
{
	char buffer[512];
	data_t data = buffer;
	mach_msg_type_number_t count = sizeof(buffer);
	kern_return_t error = fsys_get_options(control, &data, &count);
	return argz_is(error, data, count, expected, length);
}

/* fsys_goaway without force, asked again while the no-senders notifications
 * of closed ports are on their way (at most 2 s). */
static kern_return_t go_away_when_closed(mach_port_t control)
{
	kern_return_t error = EBUSY;
	for (int i = 0; i < 200 && error == EBUSY; i++) {
		error = fsys_goaway(control, 0);
		if (error == EBUSY)
			usleep(10000);
	}
	return error;
}

static void close_port(mach_port_t port)
{
	(void)mach_port_deallocate(mach_task_self(), port);
}

/* A send right to a receive right of the translator's task (io_identity's
 * file system port): it dies with the task. */
static mach_port_t translator_witness(mach_port_t file)
{
	mach_port_t id_port = MACH_PORT_NULL, fsys_id = MACH_PORT_NULL;
	uint64_t number;
	if (io_identity(file, &id_port, &fsys_id, &number) != 0)
		return MACH_PORT_NULL;
	close_port(id_port);
	return fsys_id;
}

/* Whether the witness became a dead name within 10 s: the translator's task
 * ended (after printing its last line). */
static bool translator_ended(mach_port_t witness)
{
	mach_port_type_t type = 0;
	for (int i = 0; i < 1000; i++) {
		if (mach_port_type(mach_task_self(), witness, &type) != KERN_SUCCESS)
			return false;
		if (type & MACH_PORT_TYPE_DEAD_NAME)
			break;
		usleep(10000);
	}
	close_port(witness);
	return (type & MACH_PORT_TYPE_DEAD_NAME) != 0;
}

static void hello_reads(mach_port_t file)
{
	check(reads(file, 100, "Hello, world!\n"), "hello: the whole default text in one read");
	check(reads(file, 100, ""), "hello: then end of file");
	hurd_off_t position = -1;
	check(io_seek(file, 0, SEEK_SET, &position) == 0 && position == 0, "hello: io_seek to 0");
	check(reads(file, 5, "Hello") && reads(file, 5, ", wor") && reads(file, 5, "ld!\n"),
	      "hello: the text in pieces of 5 bytes");
	check(io_seek(file, -6, SEEK_END, &position) == 0 && position == 8 &&
	          reads(file, 100, "orld!\n"),
	      "hello: io_seek from the end, then the rest");
	check(io_seek(file, -100, SEEK_CUR, &position) == EINVAL,
	      "hello: seeking before 0 is EINVAL");
	char buffer[16] = {0};
	kern_return_t error;
	long count = read_bytes(file, 7, buffer, 5, &error);
	check(count == 5 && memcmp(buffer, "world", 5) == 0 &&
	          io_seek(file, 0, SEEK_CUR, &position) == 0 && position == 14,
	      "hello: a read at an offset leaves the open's offset alone");
	vm_size_t readable = 0;
	error = io_seek(file, 4, SEEK_SET, &position);
	if (!error)
		error = io_readable(file, &readable);
	check(error == 0 && readable == 10, "hello: io_readable counts the bytes left (%lu)",
	      (unsigned long)readable);
}

static void hello_metadata(mach_port_t file)
{
	struct hurd_stat info = {0};
	kern_return_t error = io_stat(file, &info);
	check(error == 0 && info.size == 14 && info.mode == (S_IFREG | 0444) && info.uid == 0 &&
	          info.nlink == 1,
	      "hello: io_stat: size 14, a regular file of mode 0444 owned by root (%d, %lld, 0%o)",
	      error, (long long)info.size, info.mode);
	int modes = 0;
	error = io_get_openmodes(file, &modes);
	check(error == 0 && modes == HURD_O_READ, "hello: io_get_openmodes: read only (0x%x)",
	      modes);
	error = io_set_some_openmodes(file, HURD_O_NONBLOCK | HURD_O_WRITE);
	if (!error)
		error = io_get_openmodes(file, &modes);
	check(error == 0 && modes == (HURD_O_READ | HURD_O_NONBLOCK),
	      "hello: io_set_some_openmodes sets O_NONBLOCK, not O_WRITE (0x%x)", modes);
	vm_size_t amount = 99;
	check(io_write(file, "x", 1, -1, &amount) == EBADF,
	      "hello: io_write on a read-only open is EBADF");
	int ready = SELECT_READ | SELECT_WRITE;
	time_spec_t no_wait = {0, 0};
	error = io_select(file, no_wait, &ready);
	check(error == 0 && ready == SELECT_READ,
	      "hello: io_select answers at once: readable (0x%x)", ready);
	int allowed = -1;
	error = file_check_access(file, &allowed);
	check(error == 0 && allowed == HURD_O_READ, "hello: file_check_access: read only (0x%x)",
	      allowed);
	int value = 0;
	check(io_pathconf(file, _PC_NAME_MAX, &value) == 0 && value == 255 &&
	          io_pathconf(file, -1, &value) == EINVAL,
	      "hello: io_pathconf");
	struct hurd_statfs fs_info = {0};
	check(file_statfs(file, &fs_info) == 0 && fs_info.files == 1 && fs_info.block_size == 4096,
	      "hello: file_statfs: one file");
	mach_port_t id_port = MACH_PORT_NULL, fsys_id = MACH_PORT_NULL;
	uint64_t number = 0;
	check(io_identity(file, &id_port, &fsys_id, &number) == 0 && MACH_PORT_VALID(id_port) &&
	          MACH_PORT_VALID(fsys_id) && number == 1,
	      "hello: io_identity gives two ports and file number 1");
	close_port(id_port);
	close_port(fsys_id);
}

static void hello_access(mach_port_t control, mach_port_t file)
{
	mach_port_t other = MACH_PORT_NULL;
	check(open_root(control, user_ids, HURD_O_WRITE, &other) == EACCES,
	      "hello: a user opening mode 0444 for writing is EACCES");
	check(open_root(control, root_ids, HURD_O_RDWR, &other) == EROFS,
	      "hello: root opening the read-only file for writing is EROFS");
	check(open_root(control, user_ids, HURD_O_READ | HURD_O_DIRECTORY, &other) == ENOTDIR,
	      "hello: opening it as a directory is ENOTDIR");
	check(file_chmod(file, 0644) == EPERM,
	      "hello: file_chmod by a user who is not the owner is EPERM");
	mach_port_t root_file = MACH_PORT_NULL;
	kern_return_t error = open_root(control, root_ids, HURD_O_READ, &root_file);
	check(error == 0, "hello: root opens it for reading (%d)", error);
	struct hurd_stat info = {0};
	error = file_chmod(root_file, 0440);
	if (!error)
		error = io_stat(file, &info);
	check(error == 0 && info.mode == (S_IFREG | 0440),
	      "hello: the owner's file_chmod shows in io_stat (0%o)", info.mode);
	check(open_root(control, user_ids, HURD_O_READ, &other) == EACCES,
	      "hello: then the user may not open it for reading (EACCES)");
	check(file_chown(file, 1000, -1) == EPERM && file_chown(root_file, -1, 1000) == 0 &&
	          open_root(control, user_ids, HURD_O_READ, &other) == 0,
	      "hello: file_chown: refused to a user; root's new group 1000 may read");
	close_port(other);
	check(file_chmod(root_file, 0444) == 0, "hello: mode 0444 again");
	close_port(root_file);
}

static void hello_options(mach_port_t control, mach_port_t file)
{
	static const char initial[] = "hello\0--contents=Hello, world!\n";
	check(options_are(control, initial, sizeof(initial)),
	      "hello: fsys_get_options shows the default");
	static const char change[] = "--contents=Bonjour, monde !\n";
	kern_return_t error = fsys_set_options(control, change, sizeof(change), 0);
	hurd_off_t position;
	check(error == 0 && io_seek(file, 0, SEEK_SET, &position) == 0 &&
	          reads(file, 100, "Bonjour, monde !\n"),
	      "hello: fsys_set_options --contents changes what a read gives (%d)", error);
	struct hurd_stat info = {0};
	check(io_stat(file, &info) == 0 && info.size == 17, "hello: and the size io_stat gives");
	static const char changed[] = "hello\0--contents=Bonjour, monde !\n";
	check(options_are(control, changed, sizeof(changed)), "hello: fsys_get_options shows it");
	char buffer[128];
	data_t data = buffer;
	mach_msg_type_number_t count = sizeof(buffer);
	error = file_get_fs_options(file, &data, &count);
	check(argz_is(error, data, count, changed, sizeof(changed)),
	      "hello: so does file_get_fs_options on the open port");
	static const char bogus[] = "--contents=never\0--bogus";
	check(fsys_set_options(control, bogus, sizeof(bogus), 0) == EINVAL &&
	          options_are(control, changed, sizeof(changed)),
	      "hello: an unknown option is EINVAL and changes nothing");
	static const char unterminated[] = {'-', '-', 'h'};
	check(fsys_set_options(control, unterminated, sizeof(unterminated), 0) == EINVAL,
	      "hello: an argz not ending with a NUL is EINVAL");
}

/* A reader thread: its own open, 100 reads of the whole text at offset 0. */
static void *read_in_parallel(void *control)
{
	mach_port_t file = MACH_PORT_NULL;
	if (open_root((mach_port_t)(uintptr_t)control, user_ids, HURD_O_READ, &file))
		return (void *)0;
	long good = 0;
	for (int i = 0; i < 100; i++) {
		char buffer[64] = {0};
		kern_return_t error;
		long count = read_bytes(file, 0, buffer, sizeof(buffer), &error);
		good += count == 17 && memcmp(buffer, "Bonjour, monde !\n", 17) == 0;
	}
	close_port(file);
	return (void *)good;
}

enum { READERS = 4 };

static void hello_parallel_reads(mach_port_t control)
{
	pthread_t threads[READERS];
	int started = 0;
	for (; started < READERS; started++)
		if (pthread_create(&threads[started], NULL, read_in_parallel,
		                   (void *)(uintptr_t)control) != 0)
			break;
	long good = 0;
	for (int i = 0; i < started; i++) {
		void *result;
		pthread_join(threads[i], &result);
		good += (long)result;
	}
	check(started == READERS && good == READERS * 100,
	      "hello: %d threads with opens of their own read the text 100 times each (%ld good)",
	      READERS, good);
}

static void hello(mach_port_t control)
{
	mach_port_t file = MACH_PORT_NULL;
	kern_return_t error = open_root(control, user_ids, HURD_O_READ, &file);
	check(error == 0, "hello: a user opens the file for reading with fsys_getroot (%d)", error);
	if (error)
		return;
	mach_port_t witness = translator_witness(file);
	hello_reads(file);
	hello_metadata(file);
	hello_access(control, file);
	hello_options(control, file);
	hello_parallel_reads(control);
	mach_port_t copy = MACH_PORT_NULL;
	hurd_off_t position;
	check(io_duplicate(file, &copy) == 0 && io_seek(file, 9, SEEK_SET, &position) == 0 &&
	          reads(copy, 5, "monde"),
	      "hello: io_duplicate's port shares the open's offset");
	check(fsys_goaway(control, 0) == EBUSY, "hello: fsys_goaway while ports are open is EBUSY");
	close_port(copy);
	close_port(file);
	check(go_away_when_closed(control) == 0,
	      "hello: fsys_goaway after they are closed succeeds");
	error = open_root(control, user_ids, HURD_O_READ, &file);
	check(error != 0, "hello: then fsys_getroot fails (0x%x)", error);
	check(translator_ended(witness), "hello: and the translator's task ends");
}

static void null(mach_port_t control)
{
	mach_port_t file = MACH_PORT_NULL, read_only = MACH_PORT_NULL;
	kern_return_t error = open_root(control, user_ids, HURD_O_RDWR, &file);
	check(error == 0, "null: a user opens mode 0666 for reading and writing (%d)", error);
	if (error)
		return;
	static const char zero_options[] = "null\0--zero";
	check(options_are(control, zero_options, sizeof(zero_options)),
	      "null: fsys_get_options shows --zero, given at start");
	mach_port_t witness = translator_witness(file);
	enum { BIG = 100000 };
	static char big[BIG];
	memset(big, 'x', sizeof(big));
	long count = read_bytes(file, -1, big, sizeof(big), &error);
	bool zeroes = count == BIG;
	for (long i = 0; i < count && zeroes; i++)
		zeroes = big[i] == 0;
	check(zeroes, "null --zero: a read of %d bytes gives %d zeroes (%ld)", BIG, BIG, count);
	static const char plain[] = "--no-zero";
	check(fsys_set_options(control, plain, sizeof(plain), 0) == 0 && reads(file, 100, ""),
	      "null: after --no-zero a read gives end of file");
	vm_size_t amount = 0;
	check(io_write(file, "swallowed", 9, -1, &amount) == 0 && amount == 9,
	      "null: a write of 9 bytes is swallowed whole");
	static const char full[] = "--full";
	amount = 99;
	error = fsys_set_options(control, full, sizeof(full), 0);
	check(error == 0 && io_write(file, "abc", 3, -1, &amount) == ENOSPC,
	      "null --full: a write fails with ENOSPC");
	static const char full_options[] = "null\0--full";
	check(options_are(control, full_options, sizeof(full_options)),
	      "null: fsys_get_options shows --full alone");
	struct hurd_stat info = {0};
	error = io_stat(file, &info);
	check(error == 0 && info.size == 0 && info.mode == (S_IFCHR | 0666),
	      "null: io_stat: size 0, a character device of mode 0666 (0%o)", info.mode);
	error = open_root(control, user_ids, HURD_O_READ, &read_only);
	check(error == 0 && io_write(read_only, "x", 1, -1, &amount) == EBADF,
	      "null: io_write on a read-only open is EBADF");
	check(fsys_goaway(control, 0) == EBUSY, "null: fsys_goaway while ports are open is EBUSY");
	check(fsys_goaway(control, FSYS_GOAWAY_FORCE) == 0,
	      "null: fsys_goaway with FSYS_GOAWAY_FORCE succeeds while they are open");
	char buffer[8];
	error = 0;
	count = read_bytes(file, -1, buffer, sizeof(buffer), &error);
	check(count == -1 && error != 0, "null: then a read on an open port fails (0x%x)", error);
	error = open_root(control, user_ids, HURD_O_READ, &read_only);
	check(error != 0, "null: and so does fsys_getroot (0x%x)", error);
	check(translator_ended(witness), "null: and the translator's task ends");
	close_port(file);
	close_port(read_only);
}

int main(int argc, char **argv)
{
	bool is_hello = argc == 2 && strcmp(argv[1], "hello") == 0;
	if (argc != 2 || (!is_hello && strcmp(argv[1], "null") != 0)) {
		fprintf(stderr, "usage: trivfs_test hello|null\n");
		return 64;
	}
	mach_port_t control = MACH_PORT_NULL;
	int error = bootstrap_registry_lookup(libmach_bootstrap_port, &control);
	check(error == 0, "%s: the control port, from the boot runner's registry (%d)", argv[1],
	      error);
	if (error)
		return 1;
	if (is_hello)
		hello(control);
	else
		null(control);
	close_port(control);
	printf("trivfs_test: %d failed\n", failures);
	return failures;
}
