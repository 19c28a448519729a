/* The one-node translators (translators/hello, translators/null on
 * lib/trivfs) seen by a client in another task: `trivfs_test hello` or
 * `trivfs_test null` looks up the translator's control port (and the auth
 * server's root handle) in the boot runner's registry and checks what a user
 * sees through fsys, io and fs — io_reauthenticate through the auth server
 * among them. `hello` also runs a hello of its own, in this task, whose auth
 * server dies in the middle of a rendezvous. */
#define _GNU_SOURCE
#include "linux_check.h"

#include <pthread.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <hurd/fs.h>
#include <hurd/fsys.h>
#include <hurd/io.h>
#include <hurd/auth.h>
#include <time.h>
#include <libmach/glibc.h>
#include <trivfs.h>
#include "hello_node.h"
#include <wildebeest/bootstrap_registry_client.h>


static const hurd_uid_t user_ids[] = {1000}, root_ids[] = {0};
/* The auth server's root handle and a handle of uid and gid 1000 made from it. */
static mach_port_t auth_root = MACH_PORT_NULL, auth_user = MACH_PORT_NULL;

static uint64_t now_ms(void)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (uint64_t)now.tv_sec * 1000 + (uint64_t)now.tv_nsec / 1000000;
}

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

/* io_reauthenticate of port as handle's identity, the client's half through
 * auth_user_authenticate on handle (0 and *result, or the first error). */
static kern_return_t reauthenticate(mach_port_t port, mach_port_t handle, mach_port_t *result)
{
	mach_port_t rendezvous;
	kern_return_t error =
	    mach_port_allocate(mach_task_self(), MACH_PORT_RIGHT_RECEIVE, &rendezvous);
	if (error)
		return error;
	error = io_reauthenticate(port, rendezvous, MACH_MSG_TYPE_MAKE_SEND);
	if (!error)
		error = auth_user_authenticate(handle, rendezvous, MACH_MSG_TYPE_MAKE_SEND, result);
	(void)mach_port_mod_refs(mach_task_self(), rendezvous, MACH_PORT_RIGHT_RECEIVE, -1);
	return error;
}

/* The user's half of a rendezvous on a port of its own, on a thread. */
struct user_half {
	pthread_t thread;
	mach_port_t handle, rendezvous, result;
	kern_return_t error;
};

static void *user_half_thread(void *opaque)
{
	struct user_half *half = opaque;
	half->error = auth_user_authenticate(half->handle, half->rendezvous,
	                                     MACH_MSG_TYPE_MAKE_SEND, &half->result);
	return NULL;
}

static bool chmod_allowed(mach_port_t file)
{
	return file_chmod(file, 0444) == 0;
}

/* The server learns its client's true ids from the auth server: a port
 * reauthenticated as uid 1000 is refused what root's port may, and the
 * other way round; the new port shares the open. */
static void hello_reauthentication(mach_port_t control)
{
	mach_port_t root_file = MACH_PORT_NULL, as_user = MACH_PORT_NULL;
	mach_port_t user_file = MACH_PORT_NULL, as_root = MACH_PORT_NULL;
	kern_return_t error = open_root(control, root_ids, HURD_O_READ, &root_file);
	error = error ? error : reauthenticate(root_file, auth_user, &as_user);
	char buffer[16] = {0};
	kern_return_t read_error = 0;
	check(!error && read_bytes(as_user, 0, buffer, 5, &read_error) == 5 &&
	          memcmp(buffer, "Hello", 5) == 0,
	      "hello: io_reauthenticate of root's port as uid 1000 through auth gives a port "
	      "that reads (%d)",
	      error);
	check(
	    chmod_allowed(root_file) && file_chmod(as_user, 0444) == EPERM,
	    "hello: it learned uid 1000: file_chmod on the new port is EPERM, on root's port not");
	int root_access = -1, user_access = -1;
	error = file_chmod(root_file, 0400); /* the group is 1000 since hello_access */
	error = error ? error : file_check_access(root_file, &root_access);
	error = error ? error : file_check_access(as_user, &user_access);
	check(!error && root_access == HURD_O_READ && user_access == 0,
	      "hello: mode 0400: file_check_access allows root to read, uid 1000 nothing (%d, %d)",
	      root_access, user_access);
	check(chmod_allowed(root_file), "hello: mode 0444 again");
	hurd_off_t position = -1;
	check(io_seek(root_file, 7, SEEK_SET, &position) == 0 && reads(as_user, 5, "world"),
	      "hello: the reauthenticated port shares the open's offset");
	error = open_root(control, user_ids, HURD_O_READ, &user_file);
	error = error ? error : reauthenticate(user_file, auth_root, &as_root);
	check(!error && file_chmod(user_file, 0444) == EPERM && chmod_allowed(as_root),
	      "hello: a user's port reauthenticated with root's handle may chmod (%d)", error);

	mach_port_t restricted = MACH_PORT_NULL, kept = MACH_PORT_NULL, not_root = MACH_PORT_NULL;
	static const hurd_uid_t user_and_root[] = {1000, 0};
	error = io_restrict_auth(root_file, &restricted, user_ids, 1, user_ids, 1);
	error = error ? error : io_restrict_auth(root_file, &kept, user_and_root, 2, root_ids, 1);
	error = error ? error : io_restrict_auth(user_file, &not_root, root_ids, 1, root_ids, 1);
	check(!error && file_chmod(restricted, 0444) == EPERM && chmod_allowed(kept) &&
	          file_chmod(not_root, 0444) == EPERM &&
	          read_bytes(restricted, 0, buffer, 5, &read_error) == 5,
	      "hello: io_restrict_auth: root restricted to uid 1000 may not chmod, to {1000, 0} "
	      "may; a user asking for uid 0 gets nothing (%d)",
	      error);

	mach_port_t rendezvous = MACH_PORT_NULL;
	error = io_reauthenticate(root_file, MACH_PORT_NULL, MACH_MSG_TYPE_COPY_SEND);
	check(error == EINVAL, "hello: io_reauthenticate without a rendezvous port is EINVAL (%d)",
	      error);
	/* The server's half waits on one rendezvous, the user's on another: they
	 * never meet; dropping the rendezvous ports ends both, no hang. */
	struct user_half half = {.handle = auth_user};
	error = mach_port_allocate(mach_task_self(), MACH_PORT_RIGHT_RECEIVE, &rendezvous);
	error =
	    error ? error
	          : mach_port_allocate(mach_task_self(), MACH_PORT_RIGHT_RECEIVE, &half.rendezvous);
	error = error ? error : io_reauthenticate(root_file, rendezvous, MACH_MSG_TYPE_MAKE_SEND);
	error = error ? error : pthread_create(&half.thread, NULL, user_half_thread, &half);
	if (!error) {
		usleep(300000);
		uint64_t start = now_ms();
		(void)mach_port_mod_refs(mach_task_self(), half.rendezvous, MACH_PORT_RIGHT_RECEIVE,
		                         -1);
		pthread_join(half.thread, NULL);
		check(half.error != 0 && !MACH_PORT_VALID(half.result) && now_ms() - start < 5000,
		      "hello: a user half on another rendezvous gets no port; it fails (0x%x) once "
		      "its rendezvous is gone",
		      half.error);
	} else {
		check(false, "hello: a mismatched rendezvous set up (%d)", error);
	}
	/* A forged user half: sent to a port that is not an auth handle. */
	mach_port_t forged = MACH_PORT_NULL;
	error = auth_user_authenticate(root_file, rendezvous, MACH_MSG_TYPE_MAKE_SEND, &forged);
	check(error != 0 && !MACH_PORT_VALID(forged),
	      "hello: the user half sent to hello itself instead of auth fails (0x%x)", error);
	if (MACH_PORT_VALID(rendezvous))
		(void)mach_port_mod_refs(mach_task_self(), rendezvous, MACH_PORT_RIGHT_RECEIVE, -1);
	mach_port_t after = MACH_PORT_NULL;
	error = reauthenticate(root_file, auth_user, &after);
	check(!error && file_chmod(after, 0444) == EPERM,
	      "hello: after those, a proper rendezvous still works (%d)", error);

	struct hurd_stat info = {0};
	time_spec_t mtime = {1234567890, 5}, omit = {0, HURD_UTIME_OMIT};
	error = file_utimens(root_file, omit, mtime);
	error = error ? error : io_stat(as_user, &info);
	check(!error && info.mtime.seconds == 1234567890 && info.mtime.nanoseconds == 5 &&
	          file_utimens(as_user, omit, mtime) == EPERM,
	      "hello: file_utimens by root shows in io_stat; by uid 1000 is EPERM (%d)", error);
	check(file_set_size(root_file, 0) == EBADF && file_sync(root_file, 1, 0) == 0,
	      "hello: file_set_size on a read-only open is EBADF; file_sync is done at once");
	mach_port_t *ports[] = {&root_file,  &as_user, &user_file, &as_root,
	                        &restricted, &kept,    &not_root,  &after};
	for (size_t i = 0; i < sizeof(ports) / sizeof(ports[0]); i++)
		if (MACH_PORT_VALID(*ports[i]))
			close_port(*ports[i]);
}

/* A hello in this task whose auth server (a port of ours) dies while the
 * server's half of a rendezvous waits there: the user's half fails at once,
 * the server drops the new port, and the next io_reauthenticate fails at
 * once too — errors, no hang. */
static void dead_auth_server(void)
{
	struct trivfs *fs = NULL;
	mach_port_t fake_auth = MACH_PORT_NULL, control = MACH_PORT_NULL, file = MACH_PORT_NULL;
	kern_return_t error = hello_start("in this task\n", 2, &fs);
	error = error ? error
	              : mach_port_allocate(mach_task_self(), MACH_PORT_RIGHT_RECEIVE, &fake_auth);
	error = error ? error
	              : mach_port_insert_right(mach_task_self(), fake_auth, fake_auth,
	                                       MACH_MSG_TYPE_MAKE_SEND);
	/* One send right for the server, one for the user. */
	error = error ? error
	              : mach_port_mod_refs(mach_task_self(), fake_auth, MACH_PORT_RIGHT_SEND, 1);
	if (!error)
		trivfs_set_auth(fs, fake_auth);
	error = error ? error : trivfs_control_port(fs, &control);
	error = error ? error : open_root(control, user_ids, HURD_O_READ, &file);
	mach_port_t rendezvous = MACH_PORT_NULL;
	error = error ? error
	              : mach_port_allocate(mach_task_self(), MACH_PORT_RIGHT_RECEIVE, &rendezvous);
	error = error ? error : io_reauthenticate(file, rendezvous, MACH_MSG_TYPE_MAKE_SEND);
	mach_port_status_t status = {0};
	for (int i = 0; i < 200 && !error; i++) {
		error = mach_port_get_receive_status(mach_task_self(), fake_auth, &status);
		if (error || status.mps_msgcount > 0)
			break;
		usleep(10000);
	}
	check(!error && status.mps_msgcount == 1 && trivfs_open_count(fs) == 2,
	      "dead auth: a hello of our own sent its half of the rendezvous to its auth port (%d)",
	      error);
	if (error)
		return;
	(void)mach_port_mod_refs(mach_task_self(), fake_auth, MACH_PORT_RIGHT_RECEIVE, -1);
	mach_port_t result = MACH_PORT_NULL;
	uint64_t start = now_ms();
	error = auth_user_authenticate(fake_auth, rendezvous, MACH_MSG_TYPE_MAKE_SEND, &result);
	check(error != 0 && !MACH_PORT_VALID(result) && now_ms() - start < 2000,
	      "dead auth: the auth server dies: the user's half fails at once (0x%x)", error);
	(void)mach_port_mod_refs(mach_task_self(), rendezvous, MACH_PORT_RIGHT_RECEIVE, -1);
	size_t open = trivfs_open_count(fs);
	for (int i = 0; i < 200 && open != 1; i++) {
		usleep(10000);
		open = trivfs_open_count(fs);
	}
	check(open == 1,
	      "dead auth: the server's half fails too and the new port is gone (%zu open)", open);
	error = mach_port_allocate(mach_task_self(), MACH_PORT_RIGHT_RECEIVE, &rendezvous);
	start = now_ms();
	error = error ? error : io_reauthenticate(file, rendezvous, MACH_MSG_TYPE_MAKE_SEND);
	check(error == EIO && now_ms() - start < 2000,
	      "dead auth: a later io_reauthenticate fails at once with EIO (%d)", error);
	(void)mach_port_mod_refs(mach_task_self(), rendezvous, MACH_PORT_RIGHT_RECEIVE, -1);
	char buffer[32] = {0};
	long count = read_bytes(file, 0, buffer, sizeof(buffer) - 1, &error);
	check(count == 13 && strcmp(buffer, "in this task\n") == 0,
	      "dead auth: the port the user has still reads");
	close_port(file);
	check(fsys_goaway(control, FSYS_GOAWAY_FORCE) == 0, "dead auth: our hello goes away");
	trivfs_wait_gone(fs);
	(void)mach_port_deallocate(mach_task_self(), fake_auth); /* the user's dead name */
	close_port(control);
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
	hello_reauthentication(control);
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
	time_spec_t now = {0, HURD_UTIME_NOW}, given = {1000, 0};
	check(file_set_size(file, 0) == EINVAL && file_utimens(file, now, now) == 0 &&
	          file_utimens(file, given, given) == EPERM,
	      "null: file_set_size of the device is EINVAL; uid 1000, a writer, may set both "
	      "times to now but not to a given time");
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
	if (is_hello) {
		error = bootstrap_registry_lookup_named(libmach_bootstrap_port, "auth", &auth_root);
		if (!error) {
			hurd_uid_t ids[1] = {1000};
			error = auth_makeauth(auth_root, NULL, MACH_MSG_TYPE_COPY_SEND, 0, ids, 1,
			                      ids, 1, ids, 1, ids, 1, &auth_user);
		}
		check(error == 0, "hello: the auth server's handle and one of uid 1000 (%d)",
		      error);
		if (error)
			return 1;
		dead_auth_server();
		hello(control);
	} else
		null(control);
	close_port(control);
	printf("trivfs_test: %d failed\n", failures);
	return failures;
}
