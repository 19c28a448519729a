/* Translators on tmpfs's nodes (lib/fshelp through lib/netfs), seen by a
 * client: an active hello set with file_set_translator, read (and
 * reauthenticated: the ids it then uses are auth's), changed with
 * fsys_set_options (what fsysopts does) and sent away with the goaway flags
 * (settrans -g); a passive translator started on first lookup as the node's
 * owner and reused; uid 1000 setting translators on its node but not on
 * root's; translators killed (lookups fail or find the plain node, never
 * hang; a passive one restarts, once for concurrent lookups); a translator
 * that never answers fsys_startup failing the lookup within the timeout; a
 * lookup through two translators (a passive tmpfs, an active hello in it);
 * a running translator that stops answering costing the lookup a timeout. */
#define _GNU_SOURCE
#include "linux_check.h"
#include "fs_client.h"

#include <pthread.h>
#include <stdint.h>
#include <unistd.h>
#include <time.h>
#include <sys/stat.h>
#include <hurd/fsys.h>
#include <fshelp_start.h>
#include <libmach/glibc.h>
#include <wildebeest/emul_image.h>
#include <wildebeest/bootstrap_registry_client.h>

#define START_TIMEOUT_MS  20000 /* hello's start from this client (TCG is slow) */
#define SILENT_TIMEOUT_MS 3000  /* tmpfs --translator-timeout in translators.t */

static mach_port_t root, auth, exec_server, user_root, user_handle;

static uint64_t now_ms(void)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (uint64_t)now.tv_sec * 1000 + (uint64_t)now.tv_nsec / 1000000;
}

/* dir_lookup of name that must cross a translator: REAUTH, empty rest. */
static kern_return_t enter(mach_port_t dir, const char *name, mach_port_t *result)
{
	retry_type retry = 0;
	path_t rest = "x";
	kern_return_t error = fs_lookup(dir, name, HURD_O_READ, &retry, rest, result);
	if (!error && (retry != FS_RETRY_REAUTH || rest[0] != '\0')) {
		fs_close(*result);
		error = EPROTO;
	}
	return error;
}

/* The text of the file behind a translator's root. */
static bool reads_text(mach_port_t file, char *text, size_t size)
{
	kern_return_t error;
	return fs_read_at(file, 0, text, size, &error) >= 0;
}

/* An active hello with contents on node, started here with fshelp. */
static kern_return_t start_hello(mach_port_t node, const char *contents, mach_port_t *control,
                                 mach_port_t *task)
{
	mach_port_t program;
	kern_return_t error = fs_open(root, "hurd/hello", HURD_O_READ | HURD_O_EXEC, 0, &program);
	if (error)
		return error;
	char argz[128];
	size_t length =
	    (size_t)snprintf(argz, sizeof(argz), "/hurd/hello%c--contents=%s", 0, contents) + 1;
	mach_port_t init_ports[INIT_PORT_MAX] = {[INIT_PORT_AUTH] = auth};
	struct fshelp_start_request request = {.exec_server = exec_server,
	                                       .file = program,
	                                       .argz = argz,
	                                       .argz_length = length,
	                                       .init_ports = init_ports,
	                                       .init_port_count = INIT_PORT_MAX,
	                                       .underlying = node,
	                                       .underlying_flags = HURD_O_READ,
	                                       .timeout_ms = START_TIMEOUT_MS};
	error = fshelp_start_translator(&request, control, task);
	fs_close(program);
	return error;
}

static kern_return_t set_active(mach_port_t node, int goaway_flags, mach_port_t control)
{
	return file_set_translator(node, 0, FS_TRANS_SET, goaway_flags, NULL, 0, control,
	                           MACH_MSG_TYPE_COPY_SEND);
}

static kern_return_t set_passive(mach_port_t node, const char *program)
{
	return file_set_translator(node, FS_TRANS_SET, 0, 0, program, strlen(program) + 1,
	                           MACH_PORT_NULL, MACH_MSG_TYPE_COPY_SEND);
}

/* A lookup of tmp/active as uid 1000: tmpfs's fsys_getroot gives hello uid
 * 1000's ids, and REAUTH's io_reauthenticate now really goes through auth:
 * hello takes the ids the auth server vouches for, whichever they are. */
static void reauthenticated_hello(void)
{
	mach_port_t by_user = MACH_PORT_NULL, as_user = MACH_PORT_NULL, as_root = MACH_PORT_NULL;
	kern_return_t error = enter(user_root, "tmp/active", &by_user);
	error = error ? error : fs_reauthenticate(by_user, user_handle, &as_user);
	char text[64] = "";
	check(!error && reads_text(as_user, text, sizeof(text)) &&
	          strcmp(text, "active hello\n") == 0 && file_chmod(as_user, 0444) == EPERM,
	      "uid 1000's lookup into hello reauthenticates as uid 1000: it reads, file_chmod "
	      "is EPERM (%d)",
	      error);
	error = by_user ? fs_reauthenticate(by_user, auth, &as_root) : EINVAL;
	check(!error && file_chmod(as_root, 0444) == 0,
	      "the same port reauthenticated with root's handle: hello learns uid 0 from auth, "
	      "file_chmod works (%d)",
	      error);
	fs_close(as_root);
	fs_close(as_user);
	fs_close(by_user);
}

static void active_translator(void)
{
	mach_port_t node, control = MACH_PORT_NULL, task = MACH_PORT_NULL, hello;
	kern_return_t error =
	    fs_open(root, "tmp/active", HURD_O_CREAT | HURD_O_READ | HURD_O_WRITE, 0644, &node);
	error = error ? error : start_hello(node, "active hello\n", &control, &task);
	check(!error, "fshelp_start_translator starts /hurd/hello from tmpfs (%d)", error);
	if (error)
		return;
	error = set_active(node, 0, control);
	check(!error, "file_set_translator sets it active on root's node tmp/active (%d)", error);
	char text[256] = "";
	error = enter(root, "tmp/active", &hello);
	check(!error && reads_text(hello, text, sizeof(text)) &&
	          strcmp(text, "active hello\n") == 0,
	      "a lookup of tmp/active crosses it (REAUTH) and io_read gives its contents (%d)",
	      error);
	reauthenticated_hello();
	mach_port_t plain;
	io_statbuf_t st;
	error = fs_open(root, "tmp/active", HURD_O_READ | HURD_O_NOTRANS, 0, &plain);
	error = error ? error : io_stat(plain, &st);
	check(!error && S_ISREG(st.mode) && st.size == 0,
	      "with HURD_O_NOTRANS the lookup gives the node underneath (%d)", error);
	fs_close(plain);
	mach_port_t cntl = MACH_PORT_NULL;
	error = file_get_translator_cntl(node, &cntl);
	check(!error && cntl == control, "file_get_translator_cntl gives its control port (%d)",
	      error);
	static const char options[] = "--contents=changed by fsysopts\n";
	error = error ? error : fsys_set_options(cntl, options, sizeof(options), 0);
	mach_port_t again = MACH_PORT_NULL;
	error = error ? error : enter(root, "tmp/active", &again);
	check(!error && reads_text(again, text, sizeof(text)) &&
	          strcmp(text, "changed by fsysopts\n") == 0,
	      "fsys_set_options on it changes what the next lookup reads (%d)", error);
	fs_close(again);
	error = set_active(node, 0, MACH_PORT_NULL);
	check(error == EBUSY, "settrans -g while a client holds its port: EBUSY (%d)", error);
	error = set_active(node, FSYS_GOAWAY_FORCE, MACH_PORT_NULL);
	check(!error, "settrans -g with FSYS_GOAWAY_FORCE makes it go away (%d)", error);
	error = fs_read_at(hello, 0, text, sizeof(text), &error) < 0 ? error : 0;
	check(error == MACH_SEND_INVALID_DEST,
	      "the port it gave out is dead: io_read fails at once (0x%x)", error);
	error = fs_open(root, "tmp/active", HURD_O_READ, 0, &plain);
	check(!error, "tmp/active is a plain node again (%d)", error);
	fs_close(plain);
	error = file_get_translator_cntl(node, &cntl);
	check(error == ENXIO, "file_get_translator_cntl: ENXIO, none runs (%d)", error);
	fs_close(hello);
	fs_close(control);
	fs_close(control); /* the second reference file_get_translator_cntl gave */
	fs_close(task);
	fs_close(node);
}

/* The ids translator's answer on a fresh lookup of name: its text. */
static bool ids_of(mach_port_t dir, const char *name, char *text, size_t size)
{
	mach_port_t file;
	text[0] = '\0';
	if (enter(dir, name, &file) != 0)
		return false;
	bool read = reads_text(file, text, size);
	fs_close(file);
	return read;
}

static const char ids_program[] = "/hurd/ids_translator";

static void passive_translator(void)
{
	mach_port_t node;
	kern_return_t error =
	    fs_open(user_root, "tmp/owned", HURD_O_CREAT | HURD_O_READ | HURD_O_WRITE, 0644, &node);
	error = error ? error : set_passive(node, ids_program);
	check(!error, "uid 1000 sets a passive translator on its own node tmp/owned (%d)", error);
	char record[128];
	data_t data = record;
	mach_msg_type_number_t count = sizeof(record);
	error = file_get_translator(node, &data, &count);
	check(!error && count == sizeof(ids_program) && memcmp(data, ids_program, count) == 0,
	      "file_get_translator gives the record back (%d)", error);
	char first[128], second[128];
	bool looked = ids_of(root, "tmp/owned", first, sizeof(first));
	check(looked && strncmp(first, "uid=1000 gid=1000 ", 18) == 0,
	      "root's first lookup starts it, running as the owner uid 1000, not root (%.17s)",
	      first);
	looked = ids_of(user_root, "tmp/owned", second, sizeof(second));
	check(looked && strcmp(first, second) == 0,
	      "a second lookup reuses the running translator (same nonce)");
	fs_close(node);
}

static void unprivileged(void)
{
	mach_port_t node;
	kern_return_t error = fs_open(user_root, "tmp/active", HURD_O_READ, 0, &node);
	error = error ? error : set_passive(node, ids_program);
	check(error == EPERM, "uid 1000 setting a passive translator on root's node: EPERM (%d)",
	      error);
	error = file_set_translator(node, 0, FS_TRANS_SET, 0, NULL, 0, MACH_PORT_NULL,
	                            MACH_MSG_TYPE_COPY_SEND);
	check(error == EPERM, "... or an active one: EPERM (%d)", error);
	mach_port_t cntl;
	error = file_get_translator_cntl(node, &cntl);
	check(error == EPERM, "... nor get its control port: EPERM (%d)", error);
	fs_close(node);
}

struct concurrent_lookup {
	pthread_t thread;
	char text[128];
	bool read;
};

static void *look_up_owned(void *opaque)
{
	struct concurrent_lookup *lookup = opaque;
	lookup->read = ids_of(root, "tmp/owned", lookup->text, sizeof(lookup->text));
	return NULL;
}

/* fsys_set_options "--terminate": the translator ends its task mid-RPC. */
static void terminate_ids_translator(mach_port_t node)
{
	mach_port_t cntl = MACH_PORT_NULL;
	if (file_get_translator_cntl(node, &cntl) != 0)
		return;
	static const char terminate[] = "--terminate";
	(void)fsys_set_options(cntl, terminate, sizeof(terminate), 0);
	fs_close(cntl);
}

static void killed_translators(void)
{
	mach_port_t node, control = MACH_PORT_NULL, task = MACH_PORT_NULL, hello = MACH_PORT_NULL;
	kern_return_t error = fs_open(root, "tmp/active", HURD_O_READ | HURD_O_NOTRANS, 0, &node);
	error = error ? error : start_hello(node, "to be killed\n", &control, &task);
	error = error ? error : set_active(node, 0, control);
	error = error ? error : enter(root, "tmp/active", &hello);
	check(!error, "another active hello on tmp/active, looked up (%d)", error);
	error = task_terminate(task);
	char text[128];
	uint64_t start = now_ms();
	kern_return_t dead = fs_read_at(hello, 0, text, sizeof(text), &dead) < 0 ? dead : 0;
	check(!error && dead != 0 && now_ms() - start < 2000,
	      "task_terminate of it: io_read on its root fails, no hang (0x%x)", dead);
	mach_port_t plain;
	error = fs_open(root, "tmp/active", HURD_O_READ, 0, &plain);
	check(!error, "a new lookup of tmp/active finds the plain node, not the dead one (%d)",
	      error);
	fs_close(plain);
	fs_close(hello);
	fs_close(control);
	fs_close(task);
	fs_close(node);

	error = fs_open(user_root, "tmp/owned", HURD_O_READ | HURD_O_NOTRANS, 0, &node);
	char before[128], after[128];
	mach_port_t ids = MACH_PORT_NULL;
	error = error ? error : enter(root, "tmp/owned", &ids);
	bool read = !error && reads_text(ids, before, sizeof(before));
	terminate_ids_translator(node);
	start = now_ms();
	dead = fs_read_at(ids, 0, text, sizeof(text), &dead) < 0 ? dead : 0;
	check(read && dead != 0 && now_ms() - start < 2000,
	      "the passive translator killed: its root port fails at once (0x%x)", dead);
	fs_close(ids);
	read = ids_of(root, "tmp/owned", after, sizeof(after));
	check(read && strncmp(after, "uid=1000 gid=1000 ", 18) == 0 && strcmp(before, after) != 0,
	      "the next lookup restarts it (a new nonce), again as uid 1000");
	terminate_ids_translator(node);
	struct concurrent_lookup lookups[3];
	for (int i = 0; i < 3; i++)
		pthread_create(&lookups[i].thread, NULL, look_up_owned, &lookups[i]);
	for (int i = 0; i < 3; i++)
		pthread_join(lookups[i].thread, NULL);
	check(lookups[0].read && lookups[1].read && lookups[2].read &&
	          strcmp(lookups[0].text, after) != 0 &&
	          strcmp(lookups[0].text, lookups[1].text) == 0 &&
	          strcmp(lookups[1].text, lookups[2].text) == 0,
	      "killed again, 3 concurrent lookups wait for one start (one nonce)");
	fs_close(node);
}

static void silent_translator(void)
{
	mach_port_t node, file;
	kern_return_t error =
	    fs_open(user_root, "tmp/silent", HURD_O_CREAT | HURD_O_READ, 0644, &node);
	error = error ? error : set_passive(node, "/hurd/silent_translator");
	uint64_t start = now_ms();
	error = error ? error : enter(root, "tmp/silent", &file);
	uint64_t took = now_ms() - start;
	check(error == ETIMEDOUT, "a translator that never calls fsys_startup: ETIMEDOUT (%d)",
	      error);
	check(took >= SILENT_TIMEOUT_MS - 200 && took < SILENT_TIMEOUT_MS + 5000,
	      "... after the %d ms --translator-timeout (%llu ms)", SILENT_TIMEOUT_MS,
	      (unsigned long long)took);
	error = set_passive(node, "/hurd/missing");
	error = error ? error : enter(root, "tmp/silent", &file);
	check(error == ENOENT, "a passive translator whose program is missing: ENOENT (%d)", error);
	fs_close(node);
}

/* The client's part of REAUTH: the port in the new server gets our identity. */
static kern_return_t reauthenticate(mach_port_t port, mach_port_t *result)
{
	return fs_reauthenticate(port, auth, result);
}

/* Whether an argz answer is exactly expected (length bytes). */
static bool argz_is(data_t data, mach_msg_type_number_t count, const char *expected, size_t length)
{
	return count == length && memcmp(data, expected, length) == 0;
}

/* The second tmpfs's control port, as fsysopts and settrans use it. */
static void control_port_checks(mach_port_t mnt_node)
{
	mach_port_t cntl = MACH_PORT_NULL;
	kern_return_t error = file_get_translator_cntl(mnt_node, &cntl);
	char buffer[256];
	data_t data = buffer;
	mach_msg_type_number_t count = sizeof(buffer);
	error = error ? error : fsys_get_options(cntl, &data, &count);
	static const char before[] = "tmpfs\0--size=1048576\0--translator-timeout=5000";
	check(!error && argz_is(data, count, before, sizeof(before)),
	      "fsys_get_options of the second tmpfs: its name and options (%d)", error);
	static const char bigger[] = "--size=2m", bogus[] = "--bogus";
	error = error ? error : fsys_set_options(cntl, bigger, sizeof(bigger), 0);
	count = sizeof(buffer);
	data = buffer;
	error = error ? error : fsys_get_options(cntl, &data, &count);
	static const char after[] = "tmpfs\0--size=2097152\0--translator-timeout=5000";
	check(!error && argz_is(data, count, after, sizeof(after)),
	      "fsys_set_options --size=2m changes its limit at run time (%d)", error);
	error = fsys_set_options(cntl, bogus, sizeof(bogus), 0);
	check(error == EINVAL, "an unknown option is EINVAL (%d)", error);
	static const hurd_uid_t user[] = {1000};
	retry_type retry = 0;
	path_t name;
	mach_port_t file = MACH_PORT_NULL;
	error =
	    fsys_getroot(cntl, user, 1, user, 1, HURD_O_READ | HURD_O_WRITE, &retry, name, &file);
	check(error == EACCES,
	      "fsys_getroot for uid 1000 asking to write root's 0755 root: EACCES (%d)", error);
	error = fsys_goaway(cntl, 0);
	check(error == EBUSY, "fsys_goaway without FORCE while its ports are open: EBUSY (%d)",
	      error);
	fs_close(cntl);
}

/* A lookup through two translators, step by step as lib/lookup does it: a
 * passive tmpfs on tmp/mnt (started by this lookup), in it an active hello on
 * inner (docs/ARCHITECTURE.md, "A lookup through two translators"). */
static void two_translators(void)
{
	mach_port_t tmp, mnt_node = MACH_PORT_NULL;
	kern_return_t error = fs_open(root, "tmp", HURD_O_READ, 0, &tmp);
	error = error ? error : dir_mkdir(tmp, "mnt", 0755);
	error =
	    error ? error : fs_open(root, "tmp/mnt", HURD_O_READ | HURD_O_NOTRANS, 0, &mnt_node);
	static const char sub_tmpfs[] = "/hurd/tmpfs\0--size=1m";
	error =
	    error ? error
	          : file_set_translator(mnt_node, FS_TRANS_SET, 0, 0, sub_tmpfs, sizeof(sub_tmpfs),
	                                MACH_PORT_NULL, MACH_MSG_TYPE_COPY_SEND);
	check(!error, "a passive tmpfs set on the directory tmp/mnt (%d)", error);
	retry_type retry = 0;
	path_t rest;
	mach_port_t sub_root = MACH_PORT_NULL, sub = MACH_PORT_NULL, inner = MACH_PORT_NULL;
	error =
	    error ? error : fs_lookup(root, "tmp/mnt/inner", HURD_O_READ, &retry, rest, &sub_root);
	check(!error && retry == FS_RETRY_REAUTH && strcmp(rest, "inner") == 0,
	      "step 1: the root tmpfs starts it and answers REAUTH, \"inner\" and its root "
	      "(%d, %d, \"%s\")",
	      error, retry, error ? "" : rest);
	error = error ? error : reauthenticate(sub_root, &sub);
	check(!error, "step 2: io_reauthenticate of that root in the second tmpfs (%d)", error);
	mach_port_t control = MACH_PORT_NULL, task = MACH_PORT_NULL, hello = MACH_PORT_NULL;
	error = error ? error : fs_open(sub, "inner", HURD_O_CREAT | HURD_O_READ, 0644, &inner);
	error = error ? error : start_hello(inner, "two translators deep\n", &control, &task);
	error = error ? error : set_active(inner, 0, control);
	check(!error, "an active hello set on inner inside the second tmpfs (%d)", error);
	error = error ? error : fs_lookup(sub, "inner", HURD_O_READ, &retry, rest, &hello);
	char text[128] = "";
	check(!error && retry == FS_RETRY_REAUTH && rest[0] == '\0' &&
	          reads_text(hello, text, sizeof(text)) &&
	          strcmp(text, "two translators deep\n") == 0,
	      "step 3: the second tmpfs answers REAUTH, \"\" and hello's root, which reads (%d)",
	      error);
	mach_port_t none = MACH_PORT_NULL;
	error = fs_lookup(sub, "../etc", HURD_O_READ, &retry, rest, &none);
	check(!error && retry == FS_RETRY_MAGICAL && strcmp(rest, "../etc") == 0 &&
	          !MACH_PORT_VALID(none),
	      ".. at the second tmpfs's root is MAGICAL \"../etc\" for the client (%d)", error);
	control_port_checks(mnt_node);
	error = set_active(inner, FSYS_GOAWAY_FORCE, MACH_PORT_NULL);
	error = error ? error
	              : file_set_translator(mnt_node, FS_TRANS_SET, FS_TRANS_SET, FSYS_GOAWAY_FORCE,
	                                    NULL, 0, MACH_PORT_NULL, MACH_MSG_TYPE_COPY_SEND);
	mach_port_t plain = MACH_PORT_NULL;
	error = error ? error : fs_open(root, "tmp/mnt", HURD_O_READ, 0, &plain);
	check(!error, "both sent away: tmp/mnt is a plain directory again (%d)", error);
	mach_port_t *ports[] = {&tmp,     &mnt_node, &sub_root, &sub,  &inner,
	                        &control, &task,     &hello,    &plain};
	for (size_t i = 0; i < sizeof(ports) / sizeof(ports[0]); i++)
		fs_close(*ports[i]);
}

static void *hang_translator(void *control)
{
	static const char hang[] = "--hang";
	(void)fsys_set_options((mach_port_t)(uintptr_t)control, hang, sizeof(hang), 0);
	return NULL; /* never: the translator stops answering */
}

/* A translator that is running but answers nothing: the lookup crossing it
 * fails within tmpfs's timeout and tmpfs goes on serving. */
static void unresponsive_translator(void)
{
	mach_port_t node, file = MACH_PORT_NULL, cntl = MACH_PORT_NULL;
	kern_return_t error =
	    fs_open(user_root, "tmp/deaf", HURD_O_CREAT | HURD_O_READ, 0644, &node);
	error = error ? error : set_passive(node, ids_program);
	error = error ? error : enter(root, "tmp/deaf", &file);
	fs_close(file);
	error = error ? error : file_get_translator_cntl(node, &cntl);
	pthread_t thread;
	if (!error)
		error = pthread_create(&thread, NULL, hang_translator, (void *)(uintptr_t)cntl);
	check(!error, "a running ids_translator on tmp/deaf told to stop answering (%d)", error);
	if (error)
		return;
	usleep(300000);
	uint64_t start = now_ms();
	error = enter(root, "tmp/deaf", &file);
	uint64_t took = now_ms() - start;
	check(error == ETIMEDOUT && took >= SILENT_TIMEOUT_MS - 200 &&
	          took < SILENT_TIMEOUT_MS + 5000,
	      "a lookup through it: ETIMEDOUT after tmpfs's %d ms timeout (%d, %llu ms)",
	      SILENT_TIMEOUT_MS, error, (unsigned long long)took);
	mach_port_t tmp = MACH_PORT_NULL;
	error = fs_open(root, "tmp", HURD_O_READ, 0, &tmp);
	check(!error, "tmpfs still answers (%d)", error);
	fs_close(tmp);
	fs_close(node);
}

/* file_exec of /hurd/hello --help from tmpfs into a task of ours: the exit
 * status comes back on the bootstrap port we give it; a file without an
 * execute bit is EACCES. */
static void file_exec_checks(void)
{
	mach_port_t file = MACH_PORT_NULL, task = MACH_PORT_NULL, report = MACH_PORT_NULL;
	kern_return_t error = fs_open(root, "hurd/hello", HURD_O_READ, 0, &file);
	error = error ? error : task_create(mach_task_self(), FALSE, &task);
	error =
	    error ? error : mach_port_allocate(mach_task_self(), MACH_PORT_RIGHT_RECEIVE, &report);
	error = error ? error
	              : mach_port_insert_right(mach_task_self(), report, report,
	                                       MACH_MSG_TYPE_MAKE_SEND);
	static const char argz[] = "/hurd/hello\0--help";
	mach_port_t ports[INIT_PORT_MAX] = {[INIT_PORT_BOOTSTRAP] = report};
	error = error ? error
	              : file_exec(file, task, EXEC_NEWTASK, argz, sizeof(argz), NULL, 0, NULL,
	                          MACH_MSG_TYPE_COPY_SEND, 0, ports, MACH_MSG_TYPE_COPY_SEND,
	                          INIT_PORT_MAX, NULL, 0);
	check(!error, "file_exec of /hurd/hello --help through tmpfs and exec (%d)", error);
	union {
		mach_msg_header_t header;
		struct emul_exit_message exit;
		char space[256];
	} message;
	mach_msg_return_t received = MACH_RCV_INVALID_NAME;
	if (!error) {
		fs_close(report); /* our send right: the task holds the others */
		received = mach_msg(&message.header, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0,
		                    sizeof(message), report, 20000, MACH_PORT_NULL);
	}
	check(received == MACH_MSG_SUCCESS && message.header.msgh_id == EMUL_EXIT_MESSAGE_ID &&
	          message.exit.status == 0,
	      "... it ran and exited with status 0 (0x%x)", received);
	mach_port_t plain = MACH_PORT_NULL, other = MACH_PORT_NULL;
	error = fs_open(root, "tmp/active", HURD_O_READ, 0, &plain);
	error = error ? error : task_create(mach_task_self(), FALSE, &other);
	error = error ? error
	              : file_exec(plain, other, EXEC_NEWTASK, argz, sizeof(argz), NULL, 0, NULL,
	                          MACH_MSG_TYPE_COPY_SEND, 0, NULL, MACH_MSG_TYPE_COPY_SEND, 0,
	                          NULL, 0);
	check(error == EACCES, "file_exec of a 0644 file: EACCES (%d)", error);
	if (MACH_PORT_VALID(other))
		(void)task_terminate(other);
	if (MACH_PORT_VALID(report))
		(void)mach_port_mod_refs(mach_task_self(), report, MACH_PORT_RIGHT_RECEIVE, -1);
	fs_close(other);
	fs_close(plain);
	fs_close(task);
	fs_close(file);
}

static int lookup_registered(const char *name, mach_port_t *port)
{
	int error = bootstrap_registry_lookup_named(libmach_bootstrap_port, name, port);
	check(!error, "the boot runner's registry has \"%s\" (%d)", name, error);
	return error;
}

int main(void)
{
	if (lookup_registered("root", &root) || lookup_registered("auth", &auth) ||
	    lookup_registered("exec", &exec_server))
		return 1;
	kern_return_t error = fs_make_identity(auth, 1000, 1000, &user_handle);
	error = error ? error : fs_reauthenticate(root, user_handle, &user_root);
	check(!error, "a port on tmpfs's root as uid 1000 (auth_makeauth, io_reauthenticate) (%d)",
	      error);
	if (error)
		return 1;
	active_translator();
	passive_translator();
	unprivileged();
	killed_translators();
	silent_translator();
	two_translators();
	file_exec_checks();
	unresponsive_translator();
	return failures ? 1 : 0;
}
