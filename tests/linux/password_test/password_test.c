/* The password server (servers/password) seen by a client in another task:
 * looks up "password" in the boot runner's registry and checks what login or
 * su would see: the right password gives an auth handle with the user's ids
 * and groups (yescrypt and sha512-crypt users), a wrong one is EACCES after
 * the delay without holding up other checks, unknown, locked, disabled and
 * shadowless accounts are refused, a group password, and edits of the files
 * (through tmpfs) taking effect at the next check. */
#define _GNU_SOURCE
#include "../linux_check.h"

#include <pthread.h>
#include <string.h>
#include <time.h>
#include <hurd/auth.h>
#include <hurd/fs.h>
#include <hurd/io.h>
#include <hurd/password.h>
#include <libmach/glibc.h>
#include <wildebeest/bootstrap_registry_client.h>

static mach_port_t server;

static double now_ms(void)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return now.tv_sec * 1000.0 + now.tv_nsec / 1e6;
}

struct ids {
	unsigned counts[4];
	hurd_uid_t sets[4][64];
};

/* auth_getids of handle into ids: 0 or the error. */
static kern_return_t get_ids(mach_port_t handle, struct ids *ids)
{
	idarray_t arrays[4];
	mach_msg_type_number_t counts[4];
	for (int i = 0; i < 4; i++) {
		arrays[i] = ids->sets[i];
		counts[i] = 64;
	}
	kern_return_t error = auth_getids(handle, &arrays[0], &counts[0], &arrays[1], &counts[1],
	                                  &arrays[2], &counts[2], &arrays[3], &counts[3]);
	for (int i = 0; i < 4 && !error; i++) {
		ids->counts[i] = counts[i] <= 64 ? counts[i] : 0;
		if (arrays[i] != ids->sets[i]) {
			memcpy(ids->sets[i], arrays[i], ids->counts[i] * sizeof(hurd_uid_t));
			(void)vm_deallocate(mach_task_self(), (vm_address_t)arrays[i],
			                    counts[i] * sizeof(hurd_uid_t));
		}
	}
	return error;
}

/* Whether set i of ids is exactly expected (count entries, in order). */
static bool set_is(const struct ids *ids, int i, const hurd_uid_t *expected, unsigned count)
{
	return ids->counts[i] == count &&
	       (count == 0 || memcmp(ids->sets[i], expected, count * sizeof(hurd_uid_t)) == 0);
}

static kern_return_t check_user(hurd_uid_t uid, const char *password, mach_port_t *handle,
                                double *took_ms)
{
	double start = now_ms();
	*handle = MACH_PORT_NULL;
	kern_return_t error = password_check_user(server, uid, (char *)password, handle);
	*took_ms = now_ms() - start;
	return error;
}

static void check_right_passwords(void)
{
	mach_port_t handle;
	double took;
	struct ids ids;
	kern_return_t error = check_user(1000, "correct horse", &handle, &took);
	check(error == 0 && MACH_PORT_VALID(handle),
	      "alice (uid 1000, yescrypt) with her password gets an auth handle (%.0f ms)", took);
	static const hurd_uid_t alice_uid[] = {1000}, alice_gids[] = {1000, 10, 29};
	error = error ? error : get_ids(handle, &ids);
	check(error == 0 && set_is(&ids, 0, alice_uid, 1) && set_is(&ids, 1, alice_uid, 1),
	      "auth_getids on it says uid 1000 (effective and available)");
	check(error == 0 && set_is(&ids, 2, alice_gids, 3) && set_is(&ids, 3, alice_gids, 3),
	      "and gids 1000, 10 (wheel), 29 (audio) from /etc/group");
	(void)mach_port_deallocate(mach_task_self(), handle);

	error = check_user(1001, "bobs secret", &handle, &took);
	static const hurd_uid_t bob_uid[] = {1001}, bob_gids[] = {1001, 29};
	error = error ? error : get_ids(handle, &ids);
	check(error == 0 && set_is(&ids, 0, bob_uid, 1) && set_is(&ids, 2, bob_gids, 2),
	      "bob (uid 1001, sha512-crypt) gets uid 1001 with gids 1001 and 29");
	(void)mach_port_deallocate(mach_task_self(), handle);

	error = check_user(0, "root password", &handle, &took);
	static const hurd_uid_t root_ids[] = {0};
	error = error ? error : get_ids(handle, &ids);
	check(error == 0 && set_is(&ids, 0, root_ids, 1) && set_is(&ids, 2, root_ids, 1),
	      "root's password gives uid 0 and gid 0 (what su needs)");
	(void)mach_port_deallocate(mach_task_self(), handle);
}

struct attempt {
	hurd_uid_t uid;
	const char *password;
	kern_return_t error;
	double finished_ms;
};

static void *attempt_thread(void *opaque)
{
	struct attempt *attempt = opaque;
	mach_port_t handle;
	double took;
	attempt->error = check_user(attempt->uid, attempt->password, &handle, &took);
	attempt->finished_ms = now_ms();
	if (!attempt->error)
		(void)mach_port_deallocate(mach_task_self(), handle);
	return NULL;
}

static void check_refusals(void)
{
	mach_port_t handle;
	double took;
	kern_return_t error = check_user(1000, "wrong horse", &handle, &took);
	check(error == EACCES && !MACH_PORT_VALID(handle) && took >= 900,
	      "a wrong password is EACCES, answered after the delay (%.0f ms)", took);
	/* Several wrong guesses wait at once, more than the server has workers,
	 * and a right check is answered meanwhile. */
	struct attempt wrong[6];
	pthread_t threads[6];
	for (int i = 0; i < 6; i++) {
		wrong[i] = (struct attempt){.uid = 1001, .password = "guess"};
		pthread_create(&threads[i], NULL, attempt_thread, &wrong[i]);
	}
	struct timespec pause = {0, 100000000};
	nanosleep(&pause, NULL);
	error = check_user(1001, "bobs secret", &handle, &took);
	double right_done = now_ms();
	bool all_refused = true, right_first = true;
	for (int i = 0; i < 6; i++) {
		pthread_join(threads[i], NULL);
		all_refused = all_refused && wrong[i].error == EACCES;
		right_first = right_first && right_done < wrong[i].finished_ms;
	}
	check(error == 0 && all_refused && right_first,
	      "6 wrong guesses waiting their delay (more than the 4 workers) do not hold up a "
	      "right one");
	if (!error)
		(void)mach_port_deallocate(mach_task_self(), handle);

	check(check_user(4242, "anything", &handle, &took) == ENOENT, "an unknown uid: ENOENT");
	check(check_user(1005, "mallory", &handle, &took) == ENOENT,
	      "a uid whose passwd line is malformed is unknown (ENOENT), even with a shadow entry");
	check(check_user(1002, "locked out", &handle, &took) == EACCES && took >= 900,
	      "a locked account (\"!\" before the hash) is refused even with its password");
	check(check_user(1003, "", &handle, &took) == EACCES,
	      "a disabled account (\"*\") is refused");
	check(check_user(1004, "", &handle, &took) == EACCES,
	      "an account without a shadow entry is refused");
	check(check_user(1000, "", &handle, &took) == EACCES, "the empty password is refused");
}

static void check_groups(void)
{
	mach_port_t handle = MACH_PORT_NULL;
	struct ids ids;
	kern_return_t error = password_check_group(server, 50, "staff password", &handle);
	static const hurd_uid_t staff[] = {50};
	error = error ? error : get_ids(handle, &ids);
	check(error == 0 && set_is(&ids, 0, NULL, 0) && set_is(&ids, 2, staff, 1) &&
	          set_is(&ids, 3, staff, 1),
	      "the staff group's password gives a handle with gid 50 and no uid");
	if (!error)
		(void)mach_port_deallocate(mach_task_self(), handle);
	check(password_check_group(server, 50, "nope", &handle) == EACCES,
	      "a wrong group password is EACCES");
	check(password_check_group(server, 10, "", &handle) == EACCES,
	      "a group without a password (\"x\") is refused");
	check(password_check_group(server, 777, "x", &handle) == ENOENT, "an unknown gid: ENOENT");
}

/* dir_lookup of name in dir that must end in the file itself. */
static kern_return_t open_file(mach_port_t dir, const char *name, int flags, mach_port_t *file)
{
	retry_type retry = 0;
	path_t retry_name = "x";
	kern_return_t error = dir_lookup(dir, name, flags, 0, &retry, retry_name, file);
	if (!error && (retry != FS_RETRY_NORMAL || retry_name[0] != '\0'))
		error = EPROTO;
	return error;
}

static void release(mach_port_t port)
{
	if (MACH_PORT_VALID(port))
		(void)mach_port_deallocate(mach_task_self(), port);
}

/* The files are read at every check: a line appended to /etc/group (through
 * tmpfs, the registry's "root") shows in the next handle, and a changed shadow
 * hash takes effect. */
static void check_edits(void)
{
	mach_port_t root = MACH_PORT_NULL, file = MACH_PORT_NULL;
	kern_return_t error =
	    bootstrap_registry_lookup_named(libmach_bootstrap_port, "root", &root);
	if (!error)
		error = open_file(root, "etc/group", HURD_O_WRITE | HURD_O_APPEND, &file);
	static const char line[] = "editors:x:77:carol,alice\n";
	vm_size_t written = 0;
	if (!error)
		error = io_write(file, line, sizeof(line) - 1, -1, &written);
	release(file);
	mach_port_t handle = MACH_PORT_NULL;
	double took;
	struct ids ids;
	if (!error)
		error = check_user(1000, "correct horse", &handle, &took);
	if (!error)
		error = get_ids(handle, &ids);
	static const hurd_uid_t gids[] = {1000, 10, 29, 77};
	check(error == 0 && written == sizeof(line) - 1 && set_is(&ids, 2, gids, 4),
	      "a group line appended to /etc/group shows in the next handle (gid 77)");
	release(handle);
	/* Lock alice: her shadow line's hash gets a "!" (tmpfs files are written
	 * in place at an offset: rewrite the whole file with the change). */
	char text[4096];
	file = MACH_PORT_NULL;
	long length = -1;
	if (!error)
		error = open_file(root, "etc/shadow", HURD_O_READ | HURD_O_WRITE, &file);
	data_t data = text;
	mach_msg_type_number_t count = sizeof(text) - 2;
	if (!error)
		error = io_read(file, &data, &count, 0, sizeof(text) - 2);
	if (!error && data != text) { /* out of line: the file is larger than expected */
		(void)vm_deallocate(mach_task_self(), (vm_address_t)data, count);
		error = EFBIG;
	}
	if (!error) {
		length = (long)count;
		text[length] = '\0';
	}
	char *alice = length > 0 ? strstr(text, "\nalice:") : NULL;
	if (alice && (size_t)length + 1 < sizeof(text)) {
		char *hash = alice + strlen("\nalice:");
		memmove(hash + 1, hash, (size_t)(text + length - hash) + 1);
		*hash = '!';
		error = io_write(file, text, (mach_msg_type_number_t)length + 1, 0, &written);
	} else if (!error)
		error = EPROTO;
	release(file);
	error = error ? error : check_user(1000, "correct horse", &handle, &took);
	check(error == EACCES,
	      "after \"!\" is put before her shadow hash, alice's password is refused");
	release(root);
}

int main(void)
{
	int error = bootstrap_registry_lookup_named(libmach_bootstrap_port, "password", &server);
	check(error == 0 && MACH_PORT_VALID(server), "the registry has \"password\"");
	if (error)
		return 1;
	check_right_passwords();
	check_refusals();
	check_groups();
	check_edits();
	printf("password_test: %d failures\n", failures);
	return failures ? 1 : 0;
}
