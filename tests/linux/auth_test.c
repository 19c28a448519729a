/* The auth server (servers/auth) on the emulator: getids, makeauth's
 * permission rules, the rendezvous in both orders giving the server the
 * client's true ids, forged and wrong handshakes and a dead client failing
 * rather than hanging. Served by lib/ports in this task, or with --remote by
 * the auth program, whose root handle the boot runner's registry gives under
 * the name "auth". */
#define _GNU_SOURCE
#include "linux_check.h"

#include <errno.h>
#include <pthread.h>
#include <string.h>
#include <unistd.h>
#include <hurd/auth.h>
#include <auth_server.h>
#include <libmach/glibc.h>
#include <wildebeest/bootstrap_registry_client.h>

#define MAX 16

struct ids {
	hurd_uid_t sets[AUTH_SETS][MAX];
	mach_msg_type_number_t counts[AUTH_SETS];
};

static bool remote; /* the server is another task: its counts are not ours to read */

/* Out arrays of MIG's stubs: the buffers first, a bigger reply out of line. */
static kern_return_t call_with_buffers(struct ids *ids, idarray_t arrays[AUTH_SETS])
{
	for (int i = 0; i < AUTH_SETS; i++) {
		arrays[i] = ids->sets[i];
		ids->counts[i] = MAX;
	}
	return 0;
}

static kern_return_t getids(mach_port_t handle, struct ids *ids)
{
	idarray_t arrays[AUTH_SETS];
	call_with_buffers(ids, arrays);
	kern_return_t error =
	    auth_getids(handle, &arrays[0], &ids->counts[0], &arrays[1], &ids->counts[1],
	                &arrays[2], &ids->counts[2], &arrays[3], &ids->counts[3]);
	for (int i = 0; i < AUTH_SETS && !error; i++)
		if (arrays[i] != ids->sets[i])
			error = E2BIG; /* more than this test ever makes */
	return error;
}

/* Whether ids are exactly the four sets given as {count, id...} lists. */
static bool ids_are(const struct ids *ids, const hurd_uid_t *const expected[AUTH_SETS])
{
	for (int i = 0; i < AUTH_SETS; i++) {
		if (ids->counts[i] != expected[i][0])
			return false;
		if (memcmp(ids->sets[i], expected[i] + 1, expected[i][0] * sizeof(hurd_uid_t)) != 0)
			return false;
	}
	return true;
}

static kern_return_t makeauth(mach_port_t handle, mach_port_t *others, unsigned other_count,
                              const hurd_uid_t *const sets[AUTH_SETS], mach_port_t *result)
{
	return auth_makeauth(handle, others, MACH_MSG_TYPE_COPY_SEND, other_count,
	                     (hurd_uid_t *)sets[0] + 1, sets[0][0], (hurd_uid_t *)sets[1] + 1,
	                     sets[1][0], (hurd_uid_t *)sets[2] + 1, sets[2][0],
	                     (hurd_uid_t *)sets[3] + 1, sets[3][0], result);
}

/* One half of a rendezvous, run on a thread of its own. */
struct half {
	mach_port_t handle, rendezvous, newport;
	kern_return_t result;
	struct ids ids;
	pthread_t thread;
};

static void *user_half(void *opaque)
{
	struct half *half = opaque;
	half->result = auth_user_authenticate(half->handle, half->rendezvous,
	                                      MACH_MSG_TYPE_MAKE_SEND, &half->newport);
	return NULL;
}

static void *server_half(void *opaque)
{
	struct half *half = opaque;
	idarray_t arrays[AUTH_SETS];
	call_with_buffers(&half->ids, arrays);
	half->result = auth_server_authenticate(
	    half->handle, half->rendezvous, MACH_MSG_TYPE_MAKE_SEND, half->newport,
	    MACH_MSG_TYPE_MAKE_SEND, &arrays[0], &half->ids.counts[0], &arrays[1],
	    &half->ids.counts[1], &arrays[2], &half->ids.counts[2], &arrays[3],
	    &half->ids.counts[3]);
	return NULL;
}

static bool start(struct half *half, void *(*body)(void *))
{
	return pthread_create(&half->thread, NULL, body, half) == 0;
}

/* Polls for up to 10 s until want rendezvous halves wait in the server;
 * remotely, gives the halves half a second to arrive. */
static bool wait_pending(size_t want)
{
	if (remote) {
		usleep(500000);
		return true;
	}
	for (int i = 0; i < 1000; i++) {
		if (auth_pending_count() == want)
			return true;
		usleep(10000);
	}
	return false;
}

static mach_port_t new_port(void)
{
	mach_port_t port = MACH_PORT_NULL;
	(void)mach_port_allocate(mach_task_self(), MACH_PORT_RIGHT_RECEIVE, &port);
	return port;
}

static void kill_port(mach_port_t port)
{
	(void)mach_port_mod_refs(mach_task_self(), port, MACH_PORT_RIGHT_RECEIVE, -1);
}

static const hurd_uid_t none[] = {0};
static const hurd_uid_t u1000[] = {1, 1000}, u1000_1001[] = {2, 1000, 1001}, g100[] = {1, 100};
static const hurd_uid_t u1001[] = {1, 1001}, u0[] = {1, 0}, u1002[] = {1, 1002};
static const hurd_uid_t u2000[] = {1, 2000}, g200[] = {1, 200}, u1000_2000[] = {2, 1000, 2000};

static mach_port_t root, user, other_user;

static void handles(void)
{
	struct ids ids;
	const hurd_uid_t *const all_zero[AUTH_SETS] = {u0, u0, u0, u0};
	check(getids(root, &ids) == 0 && ids_are(&ids, all_zero),
	      "auth_getids of the root handle: {0} {0} {0} {0}");
	const hurd_uid_t *const user_sets[AUTH_SETS] = {u1000, u1000_1001, g100, g100};
	kern_return_t error = makeauth(root, NULL, 0, user_sets, &user);
	check(error == 0 && getids(user, &ids) == 0 && ids_are(&ids, user_sets),
	      "root makes a handle of any ids: {1000} {1000 1001} {100} {100} (%d)", error);
	mach_port_t subset = MACH_PORT_NULL;
	const hurd_uid_t *const subset_sets[AUTH_SETS] = {u1001, none, g100, none};
	error = makeauth(user, NULL, 0, subset_sets, &subset);
	check(error == 0 && getids(subset, &ids) == 0 && ids_are(&ids, subset_sets),
	      "a user makes a handle of a subset of its ids (%d)", error);
	(void)mach_port_deallocate(mach_task_self(), subset);
	mach_port_t refused = MACH_PORT_NULL;
	const hurd_uid_t *const to_root[AUTH_SETS] = {u0, none, none, none};
	error = makeauth(user, NULL, 0, to_root, &refused);
	check(error == EPERM, "a user asking for uid 0 gets EPERM (%d)", error);
	const hurd_uid_t *const to_other[AUTH_SETS] = {u1002, none, none, none};
	error = makeauth(user, NULL, 0, to_other, &refused);
	check(error == EPERM, "a user asking for a uid it lacks gets EPERM (%d)", error);
	const hurd_uid_t *const other_sets[AUTH_SETS] = {u2000, none, g200, none};
	error = makeauth(root, NULL, 0, other_sets, &other_user);
	mach_port_t merged = MACH_PORT_NULL;
	const hurd_uid_t *const merged_sets[AUTH_SETS] = {u1000_2000, none, g100, g200};
	if (error == 0)
		error = makeauth(user, &other_user, 1, merged_sets, &merged);
	check(error == 0 && getids(merged, &ids) == 0 && ids_are(&ids, merged_sets),
	      "two users' handles presented together make one with both their ids (%d)", error);
	(void)mach_port_deallocate(mach_task_self(), merged);
	error = makeauth(user, NULL, 0, merged_sets, &refused);
	check(error == EPERM, "without the second handle, the same request is EPERM (%d)", error);
}

static void rendezvous(bool server_first)
{
	const char *order = server_first ? "server first" : "user first";
	mach_port_t rendezvous = new_port(), file = new_port();
	struct half server = {.handle = root, .rendezvous = rendezvous, .newport = file};
	struct half client = {.handle = user, .rendezvous = rendezvous};
	struct half *first = server_first ? &server : &client;
	struct half *second = server_first ? &client : &server;
	bool started = start(first, server_first ? server_half : user_half) && wait_pending(1);
	check(started, "%s: the first half waits in the server", order);
	if (!started)
		return;
	(server_first ? user_half : server_half)(second);
	pthread_join(first->thread, NULL);
	const hurd_uid_t *const user_sets[AUTH_SETS] = {u1000, u1000_1001, g100, g100};
	check(server.result == 0 && ids_are(&server.ids, user_sets),
	      "%s: the server learnt the client's true ids (%d)", order, server.result);
	check(client.result == 0 && client.newport == file,
	      "%s: the client got the server's new port (%d)", order, client.result);
	check(wait_pending(0), "%s: nothing is left waiting", order);
	(void)mach_port_deallocate(mach_task_self(), client.newport);
	kill_port(file);
	kill_port(rendezvous);
}

static void bad_handshakes(void)
{
	/* A client that does not present a handle: its call fails, and the
	 * server's half fails when the client (its rendezvous) goes away. */
	mach_port_t rendezvous = new_port(), file = new_port(), not_a_handle = new_port();
	kill_port(not_a_handle);
	struct half server = {.handle = root, .rendezvous = rendezvous, .newport = file};
	struct half forger = {.handle = not_a_handle, .rendezvous = rendezvous};
	bool started = start(&server, server_half) && wait_pending(1);
	user_half(&forger);
	check(started && forger.result == MACH_SEND_INVALID_DEST,
	      "a client presenting no handle fails (0x%x)", forger.result);
	kill_port(rendezvous);
	if (started)
		pthread_join(server.thread, NULL);
	check(server.result == EINTR,
	      "the client gone, the waiting server half fails with EINTR, not a hang (%d)",
	      server.result);

	/* Wrong rendezvous: the halves never meet. */
	mach_port_t a = new_port(), b = new_port();
	struct half waiting_user = {.handle = user, .rendezvous = a};
	struct half waiting_server = {.handle = root, .rendezvous = b, .newport = file};
	started = start(&waiting_user, user_half) && start(&waiting_server, server_half) &&
	          wait_pending(2);
	check(started, "halves with different rendezvous ports do not meet");
	struct half again = {.handle = root, .rendezvous = b, .newport = file};
	server_half(&again);
	check(again.result == EBUSY, "a second server half on the same port is EBUSY (%d)",
	      again.result);
	kill_port(a);
	kill_port(b);
	if (started) {
		pthread_join(waiting_user.thread, NULL);
		pthread_join(waiting_server.thread, NULL);
	}
	check(waiting_user.result == EINTR && waiting_server.result == EINTR && wait_pending(0),
	      "their ports destroyed, both fail with EINTR (%d, %d)", waiting_user.result,
	      waiting_server.result);
	kill_port(file);
}

int main(int argc, char **argv)
{
	remote = argc > 1 && strcmp(argv[1], "--remote") == 0;
	int error = remote ? bootstrap_registry_lookup_named(libmach_bootstrap_port, "auth", &root)
	                   : auth_server_start(4, &root);
	check(error == 0, "%s (%d)",
	      remote ? "the auth program's root handle, from the registry under \"auth\""
	             : "the auth server started",
	      error);
	if (error)
		return 1;
	handles();
	rendezvous(true);
	rendezvous(false);
	bad_handshakes();
	(void)mach_port_deallocate(mach_task_self(), user);
	(void)mach_port_deallocate(mach_task_self(), other_user);
	if (remote) {
		printf("auth_test: %d failed\n", failures);
		return failures;
	}
	size_t handles_left = 0;
	for (int i = 0; i < 1000 && (handles_left = auth_handle_count()) != 1; i++)
		usleep(10000);
	check(handles_left == 1, "every handle but root's freed by no-senders (%zu left)",
	      handles_left);
	printf("auth_test: %d failed\n", failures);
	return failures;
}
