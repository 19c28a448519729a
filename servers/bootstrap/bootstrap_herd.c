/* The bootstrap's herd mode (D10): the servers started from their boot
 * modules in order, each awaited until it registers, all given pids by proc,
 * then init from the root file system through exec; init's end powers off. */
#include <mach/gnumach.h>
#include <mach/notify.h>
#include <timed_proc.h>
#include <wildebeest/bootstrap_registry.h>
#include <wildebeest/emul_image.h>
#include "bootstrap.h"
#include "bootstrap_herd.h"
#include <mach/mig_errors.h>
#include "lib/format.h"
#include "lib/kstring.h"
#include "loader/loader.h"
#include "rt/rt.h"

/* The herd, in start order. The terminal comes first: `serial --console`
 * takes COM1, and the kernel's and servers' lines from then on are held
 * rather than shown (make run's quiet boot). auth and exec come before the
 * root file system, which looks both up when it starts (tmpfs's main); the
 * password server looks up root and auth; init comes last. */
static struct herd_member herd[] = {
    {.name = "serial", .program = "serial"},
    {.name = "term", .program = "term"},
    {.name = "auth", .program = "auth", .needed_for_init = true},
    {.name = "exec", .program = "exec", .needed_for_init = true},
    {.name = "root", .program = "tmpfs", .needed_for_init = true},
    {.name = "proc", .program = "proc"},
    {.name = "pipe", .program = "pipe"},
    {.name = "password", .program = "password"},
    {.name = "init", .program = NULL},
};
#define HERD_SIZE  (sizeof(herd) / sizeof(herd[0]))
#define HERD_INIT  (&herd[HERD_SIZE - 1])
#define FIRST_PORT 1

/* MIG's demuxers of fsys.defs and startup.defs (bootstrap.mk). */
boolean_t fsys_server(mach_msg_header_t *request, mach_msg_header_t *reply);
boolean_t startup_server(mach_msg_header_t *request, mach_msg_header_t *reply);

static mach_port_t herd_port_set = MACH_PORT_NULL;
bool herd_quiet;

static uint64_t now_ms(void)
{
	time_value_t now = {0};
	(void)host_get_time(mach_host_self(), &now);
	return (uint64_t)now.seconds * 1000 + (uint64_t)now.microseconds / 1000;
}

static struct herd_member *member_of_port(mach_port_t port)
{
	for (unsigned i = 0; i < HERD_SIZE; i++)
		if (herd[i].port == port && MACH_PORT_VALID(port))
			return &herd[i];
	return NULL;
}

kern_return_t herd_member_port(struct herd_member *member, mach_port_t *send)
{
	mach_port_t receive = MACH_PORT_NULL;
	kern_return_t result = bootstrap_exit_port(&receive, send);
	if (result != KERN_SUCCESS)
		return result;
	mach_port_t previous = MACH_PORT_NULL;
	result =
	    mach_port_request_notification(mach_task_self(), receive, MACH_NOTIFY_NO_SENDERS, 0,
	                                   receive, MACH_MSG_TYPE_MAKE_SEND_ONCE, &previous);
	if (result == KERN_SUCCESS)
		result = mach_port_move_member(mach_task_self(), receive, herd_port_set);
	if (result != KERN_SUCCESS) {
		(void)mach_port_deallocate(mach_task_self(), *send);
		(void)mach_port_mod_refs(mach_task_self(), receive, MACH_PORT_RIGHT_RECEIVE, -1);
		return result;
	}
	member->port = receive;
	member->state = HERD_STARTING;
	member->exit_status = -1;
	return KERN_SUCCESS;
}

static void describe_end(const struct herd_member *member, char *text, size_t size)
{
	if (member->exit_status >= 0)
		format_string_to(text, size, "exited with status %d", member->exit_status);
	else
		format_string_to(text, size, "was killed (no exit status)");
}

/* A member's task is gone: its port leaves the set. */
static void member_ended(struct herd_member *member, const struct herd_member *target)
{
	enum herd_state before = member->state;
	member->state = HERD_ENDED;
	(void)mach_port_mod_refs(mach_task_self(), member->port, MACH_PORT_RIGHT_RECEIVE, -1);
	member->port = MACH_PORT_NULL;
	if (member != target && before == HERD_SERVING) {
		char how[48];
		describe_end(member, how, sizeof(how));
		print("bootstrap: herd: %s (pid %d) ended: it %s\n", member->name, member->pid,
		      how);
	}
}

/* A registration from member's task: kept in the registry, an unnamed one
 * also under the member's name. */
static void member_registered(struct herd_member *member, mach_msg_header_t *header)
{
	bool unnamed = header->msgh_id == BOOTSTRAP_REGISTER_ID;
	if (!bootstrap_registry_take(header))
		return;
	if (unnamed && !bootstrap_registry_add(member->name, bootstrap_registry_find("")))
		print("bootstrap: herd: %s: its port could not be named\n", member->name);
	if (member->state == HERD_STARTING)
		member->state = HERD_SERVING;
}

/* One request to a MIG server stub, answered as mach_msg_server would: the
 * request is destroyed when the routine failed (its rights not taken). */
static void serve_rpc(mach_msg_header_t *request,
                      boolean_t (*server)(mach_msg_header_t *, mach_msg_header_t *))
{
	static union {
		mig_reply_header_t error;
		char space[8192];
	} reply;
	(void)server(request, &reply.error.Head);
	kern_return_t code = reply.error.RetCode;
	if (code == MIG_NO_REPLY)
		return;
	if (code != KERN_SUCCESS) {
		request->msgh_remote_port = MACH_PORT_NULL; /* the reply's */
		mach_msg_destroy(request);
	}
	if (!MACH_PORT_VALID(reply.error.Head.msgh_remote_port))
		return;
	if (mach_msg(&reply.error.Head, MACH_SEND_MSG | MACH_SEND_TIMEOUT,
	             reply.error.Head.msgh_size, 0, MACH_PORT_NULL, 0,
	             MACH_PORT_NULL) != MACH_MSG_SUCCESS)
		mach_msg_destroy(&reply.error.Head);
}

enum herd_wait herd_serve(struct herd_member *target, unsigned timeout_ms)
{
	uint64_t deadline = now_ms() + timeout_ms;
	for (;;) {
		if (target != NULL && target->state == HERD_ENDED)
			return HERD_WAIT_ENDED;
		if (target != NULL && target->state == HERD_SERVING)
			return HERD_WAIT_REGISTERED;
		mach_msg_option_t option = MACH_RCV_MSG;
		mach_msg_timeout_t wait = MACH_MSG_TIMEOUT_NONE;
		if (timeout_ms != 0) {
			uint64_t now = now_ms();
			if (now >= deadline)
				return HERD_WAIT_TIMED_OUT;
			option |= MACH_RCV_TIMEOUT;
			wait = (mach_msg_timeout_t)(deadline - now);
		}
		/* fsys_getroot's ids arrays come inline (up to 4 KiB). */
		static union {
			mach_msg_header_t header;
			struct emul_exit_message exit;
			char space[8192];
		} message;
		kern_return_t result = mach_msg(&message.header, option, 0, sizeof(message),
		                                herd_port_set, wait, MACH_PORT_NULL);
		if (result == MACH_RCV_TIMED_OUT)
			return HERD_WAIT_TIMED_OUT;
		if (result == MACH_RCV_TOO_LARGE)
			continue; /* the kernel dropped it */
		if (result != MACH_MSG_SUCCESS) {
			print("bootstrap: herd: receiving failed (0x%x)\n", result);
			return HERD_WAIT_FAILED;
		}
		struct herd_member *member = member_of_port(message.header.msgh_local_port);
		mach_msg_id_t id = message.header.msgh_id;
		if (herd_is_node_port(message.header.msgh_local_port)) {
			serve_rpc(&message.header, fsys_server);
			continue;
		}
		if (member != NULL && id >= 37000 && id < 37100) { /* startup.defs */
			serve_rpc(&message.header, startup_server);
			if (herd_reboot_code >= 0)
				return HERD_WAIT_REBOOT;
			continue;
		}
		if (member == NULL) {
			/* not ours (a member already gone) */
		} else if (id == EMUL_EXIT_MESSAGE_ID &&
		           message.header.msgh_size == sizeof(struct emul_exit_message)) {
			member->exit_status = message.exit.status;
		} else if (id == MACH_NOTIFY_NO_SENDERS) {
			member_ended(member, target);
		} else if (id == BOOTSTRAP_REGISTER_ID || id == BOOTSTRAP_REGISTER_NAMED_ID) {
			member_registered(member, &message.header);
		} else if (id == BOOTSTRAP_LOOKUP_ID || id == BOOTSTRAP_LOOKUP_NAMED_ID) {
			bootstrap_registry_answer(&message.header);
			message.header.msgh_remote_port = MACH_PORT_NULL; /* the answer took it */
		}
		mach_msg_destroy(&message.header);
	}
}

/* The boot module whose path's last component is program: its index, or 0. */
static unsigned find_module(mach_port_t device_master, const char *program)
{
	for (unsigned index = 2;; index++) {
		char command_line[256];
		kern_return_t result = bootstrap_module_command_line(
		    device_master, index, command_line, sizeof(command_line));
		if (result == D_NO_SUCH_DEVICE)
			return 0;
		if (result != KERN_SUCCESS)
			continue;
		size_t end = 0;
		while (command_line[end] && command_line[end] != ' ')
			end++;
		size_t start = end;
		while (start > 0 && command_line[start - 1] != '/')
			start--;
		if (end - start == strlen(program) &&
		    strncmp(command_line + start, program, end - start) == 0)
			return index;
	}
}

void herd_name_task(mach_port_t task, const char *path)
{
	const char *name = path;
	for (const char *at = path; *at; at++)
		if (*at == '/' && at[1] != '\0')
			name = at + 1;
	char copy[32] = {0};
	memcpy(copy, name, strnlen(name, sizeof(copy) - 1));
	(void)task_set_name(task, copy); /* only for the kernel's messages */
}

/* Gives a started member a pid: a child of proc's pid 1 (the bootstrap). */
void herd_give_pid(struct herd_member *member)
{
	mach_port_t proc = bootstrap_registry_find("proc");
	if (!MACH_PORT_VALID(proc) || !MACH_PORT_VALID(member->task))
		return;
	hurd_pid_t pid = 0;
	kern_return_t result = timed_proc_child(proc, HERD_RPC_TIMEOUT_MS, member->task, &pid);
	if (result != KERN_SUCCESS) {
		print("bootstrap: herd: %s: proc gave no pid (%d)\n", member->name, result);
		return;
	}
	member->pid = pid;
	herd_note("bootstrap: herd: %s is pid %d\n", member->name, pid);
}

/* Starts one server from its module and waits for its registration. */
static void start_server(mach_port_t device_master, const struct boot_module *emulator,
                         struct herd_member *member, unsigned timeout_ms)
{
	unsigned index = find_module(device_master, member->program);
	if (index == 0) {
		print("bootstrap: herd: %s: not started: no boot module named %s\n", member->name,
		      member->program);
		return;
	}
	struct boot_module module = {0};
	kern_return_t result = bootstrap_read_module(device_master, index, &module);
	static struct program_words words;
	if (result != KERN_SUCCESS || !bootstrap_split_command_line(module.command_line, &words)) {
		print("bootstrap: herd: %s: not started: module %u unreadable (0x%x)\n",
		      member->name, index, result);
		bootstrap_release_module(&module);
		return;
	}
	mach_port_t send = MACH_PORT_NULL;
	result = herd_member_port(member, &send);
	if (result != KERN_SUCCESS) {
		print("bootstrap: herd: %s: not started: no port (0x%x)\n", member->name, result);
		bootstrap_release_module(&module);
		return;
	}
	struct loader_program program = {
	    .image = module.data,
	    .image_size = module.size,
	    .emulator = emulator->data,
	    .emulator_size = emulator->size,
	    .argv = words.argv,
	    .envp = bootstrap_environment,
	    .execfn = words.argv[0],
	    .pid = (int32_t)(member - herd) + 2,
	    .ppid = 1,
	    .bootstrap = send,
	    .device_master = device_master,
	};
	const char *detail = "";
	enum loader_error error =
	    loader_start(mach_task_self(), &program, &member->task, &result, &detail);
	(void)mach_port_deallocate(mach_task_self(), send); /* the task holds it now */
	bootstrap_release_module(&module);
	if (error == LOADER_OK)
		herd_name_task(member->task, words.argv[0]);
	if (error != LOADER_OK) {
		if (error == LOADER_MACH_ERROR)
			print("bootstrap: herd: %s: not started: %s (0x%x)\n", member->name, detail,
			      result);
		else
			print("bootstrap: herd: %s: not started: %s\n", member->name, detail);
		/* nothing was left behind: the port goes */
		(void)mach_port_mod_refs(mach_task_self(), member->port, MACH_PORT_RIGHT_RECEIVE,
		                         -1);
		member->port = MACH_PORT_NULL;
		member->state = HERD_ENDED;
		return;
	}
	enum herd_wait outcome = herd_serve(member, timeout_ms);
	if (outcome == HERD_WAIT_REGISTERED) {
		herd_note("bootstrap: herd: %s (%s) started and registered\n", member->name,
		          words.argv[0]);
		herd_give_pid(member);
	} else if (outcome == HERD_WAIT_ENDED) {
		char how[48];
		describe_end(member, how, sizeof(how));
		print("bootstrap: herd: %s (%s): not started: it %s before registering\n",
		      member->name, words.argv[0], how);
	} else {
		print("bootstrap: herd: %s (%s): not started: no registration within %u ms; "
		      "terminated\n",
		      member->name, words.argv[0], timeout_ms);
		(void)task_terminate(member->task);
		member->state = HERD_ENDED;
	}
}

/* "HERD_PIDS=auth:2 exec:3 ...": the herd's pids for init (tests check them
 * against proc's list). */
static void herd_pid_list(char *text, size_t size)
{
	size_t used = format_string_to(text, size, "HERD_PIDS=");
	for (unsigned i = 0; i + 1 < HERD_SIZE && used < size; i++)
		if (herd[i].state == HERD_SERVING && herd[i].pid > 0)
			used += format_string_to(text + used, size - used, "%s%s:%d",
			                         used > 10 ? " " : "", herd[i].name, herd[i].pid);
}

/* A boot that cannot go on: with the console held by the serial driver
 * (--console), ending the driver gives COM1 back to the kernel, which then
 * writes the lines it held (the failure's among them). The verdict: 1. */
static int failed_boot(void)
{
	if (MACH_PORT_VALID(herd[0].task) && herd[0].state == HERD_SERVING)
		(void)task_terminate(herd[0].task);
	return 1;
}

int bootstrap_herd(mach_port_t device_master, const struct boot_module *emulator,
                   const struct herd_options *options)
{
	kern_return_t result =
	    mach_port_allocate(mach_task_self(), MACH_PORT_RIGHT_PORT_SET, &herd_port_set);
	if (result != KERN_SUCCESS) {
		print("bootstrap: herd: no port set (0x%x); powering off\n", result);
		return 1;
	}
	herd_quiet = options->quiet;
	herd_note("bootstrap: herd: starting serial, term, auth, exec, root, proc, pipe, "
	          "password, then %s\n",
	          options->init_path);
	for (unsigned i = 0; i + 1 < HERD_SIZE; i++) {
		start_server(device_master, emulator, &herd[i], options->server_timeout_ms);
		if (strcmp(herd[i].name, "proc") == 0 && herd[i].state == HERD_SERVING)
			for (unsigned j = 0; j < i; j++) /* those before proc */
				if (herd[j].state == HERD_SERVING)
					herd_give_pid(&herd[j]);
	}
	for (unsigned i = 0; i + 1 < HERD_SIZE; i++)
		if (herd[i].needed_for_init && herd[i].state != HERD_SERVING) {
			print(
			    "bootstrap: herd: init not started: %s is not running; powering off\n",
			    herd[i].name);
			return failed_boot();
		}
	herd_attach_nodes(herd_port_set);
	static char pid_list[256];
	herd_pid_list(pid_list, sizeof(pid_list));
	struct herd_member *init = HERD_INIT;
	if (herd_start_init(init, options, pid_list) != 0) {
		print("bootstrap: herd: %s not started; powering off\n", options->init_path);
		return failed_boot();
	}
	enum herd_wait outcome;
	do { /* until init ends; a registration of its own changes nothing */
		outcome = herd_serve(init, 0);
		if (init->state == HERD_SERVING)
			init->state = HERD_STARTING;
	} while (outcome == HERD_WAIT_REGISTERED);
	if (outcome == HERD_WAIT_REBOOT) {
		static const char *const how[] = {"halt", "power-off", "restart"};
		herd_note("bootstrap: herd: %s asked by a root process; powering off\n",
		          how[herd_reboot_code]);
		return 0;
	}
	char how[48];
	describe_end(init, how, sizeof(how));
	if (init->exit_status != 0 || !herd_quiet)
		print("bootstrap: herd: init %s %s; powering off\n", options->init_path, how);
	return init->exit_status == 0 ? 0 : 1;
}
