/* lookup_timeout: lib/lookup against a "server" that never answers, on the real
 * kernel: ETIMEDOUT after the configured time, no port name left behind, and
 * the kept request's reply port dead, so a late reply cannot reach anyone. */
#include <lookup.h>

#include <errno.h>
#include <mach.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#define TIMEOUT_MS 300

static int failures;

static void check(bool passed, const char *what)
{
	printf("tap: %s - %s\n", passed ? "ok" : "not ok", what);
	if (!passed)
		failures++;
}

static double now_ms(void)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)now.tv_sec * 1000.0 + (double)now.tv_nsec / 1e6;
}

/* The task's port names (sorted as the kernel gives them) into names. */
static mach_msg_type_number_t port_names(mach_port_t *names, mach_msg_type_number_t room)
{
	mach_port_name_array_t list = NULL;
	mach_port_type_array_t types = NULL;
	mach_msg_type_number_t count = 0, type_count = 0;
	if (mach_port_names(mach_task_self(), &list, &count, &types, &type_count) != KERN_SUCCESS)
		return 0;
	mach_msg_type_number_t kept = count < room ? count : room;
	memcpy(names, list, kept * sizeof(*names));
	(void)vm_deallocate(mach_task_self(), (vm_address_t)list, count * sizeof(*list));
	(void)vm_deallocate(mach_task_self(), (vm_address_t)types, type_count * sizeof(*types));
	return kept;
}

static bool is_among(mach_port_t name, const mach_port_t *names, mach_msg_type_number_t count)
{
	for (mach_msg_type_number_t i = 0; i < count; i++)
		if (names[i] == name)
			return true;
	return false;
}

int main(void)
{
	/* A directory port whose receive right is ours: nobody serves it. */
	mach_port_t silent = MACH_PORT_NULL;
	if (mach_port_allocate(mach_task_self(), MACH_PORT_RIGHT_RECEIVE, &silent) ||
	    mach_port_insert_right(mach_task_self(), silent, silent, MACH_MSG_TYPE_MAKE_SEND)) {
		printf("lookup_timeout: no port\n");
		return 1;
	}
	static mach_port_t before[512], after[512];
	mach_msg_type_number_t before_count = port_names(before, 512);

	static struct lookup_workspace workspace;
	struct lookup_context ctx = {.root = silent, .auth = silent, .timeout_ms = TIMEOUT_MS};
	mach_port_t result = MACH_PORT_NULL;
	double start = now_ms();
	int error = lookup_file(&ctx, &workspace, "/srv/x", 0, 0, &result);
	double elapsed = now_ms() - start;
	check(error == ETIMEDOUT && result == MACH_PORT_NULL,
	      "a directory nobody answers: ETIMEDOUT, no port");
	check(elapsed >= TIMEOUT_MS - 20 && elapsed < 10 * TIMEOUT_MS,
	      "after about the configured 300 ms");
	printf("lookup_timeout: ETIMEDOUT after %.0f ms\n", elapsed);

	mach_msg_type_number_t after_count = port_names(after, 512);
	/* mach_port_names made a new MIG reply port for itself: not the lookup's. */
	mach_port_t reply_port = mig_get_reply_port();
	bool no_new_name = after_count > 0;
	for (mach_msg_type_number_t i = 0; i < after_count; i++)
		no_new_name = no_new_name &&
		              (after[i] == reply_port || is_among(after[i], before, before_count));
	check(no_new_name, "no port name left behind by the failed lookup");

	/* The request is still queued on our port: its reply port is gone, so
	 * an answer now (a server waking up late) reaches nobody. */
	union {
		mach_msg_header_t header;
		char space[8192];
	} request;
	kern_return_t kr = mach_msg(&request.header, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0,
	                            sizeof(request), silent, 1000, MACH_PORT_NULL);
	check(kr == MACH_MSG_SUCCESS, "the unanswered dir_lookup request is still queued");
	mach_port_t late_reply_port = request.header.msgh_remote_port;
	check(kr == MACH_MSG_SUCCESS && !MACH_PORT_VALID(late_reply_port),
	      "its reply port was destroyed: a late reply has nowhere to go");
	if (kr == MACH_MSG_SUCCESS)
		mach_msg_destroy(&request.header);

	(void)mach_port_mod_refs(mach_task_self(), silent, MACH_PORT_RIGHT_RECEIVE, -1);
	(void)mach_port_deallocate(mach_task_self(), silent);
	fflush(stdout);
	return failures ? 1 : 0;
}
