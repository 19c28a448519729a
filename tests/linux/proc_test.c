/* The proc program (servers/proc) from another task: its own pid, children
 * made with task_create and registered, exits marked and waited for (at once,
 * late, WNOHANG), a child killed without marking, groups and sessions, argv
 * and env, message ports, the host name, bad pids and ports, and no records
 * left over. Looks up init's proc port in the boot runner's registry. */
#define _GNU_SOURCE
#include "linux_check.h"

#include <errno.h>
#include <pthread.h>
#include <string.h>
#include <unistd.h>
#include <hurd/proc.h>
#include <libmach/glibc.h>
#include <wildebeest/bootstrap_registry_client.h>

static mach_port_t init_proc, my_proc;
static hurd_pid_t my_pid;

/* A new task (no threads) registered as our child: its pid, its proc port. */
static hurd_pid_t new_child(mach_port_t *task, mach_port_t *proc)
{
	hurd_pid_t pid = 0;
	*task = *proc = MACH_PORT_NULL;
	if (task_create(mach_task_self(), FALSE, task) != KERN_SUCCESS)
		return 0;
	if (proc_child(my_proc, *task, &pid) || proc_task2proc(my_proc, *task, proc))
		return 0;
	return pid;
}

/* The child marks its exit status (if marked) and its task ends. */
static void end_child(mach_port_t task, mach_port_t proc, bool marked, int status)
{
	if (marked)
		(void)proc_mark_exit(proc, status, 0);
	(void)task_terminate(task);
	(void)mach_port_deallocate(mach_task_self(), task);
	(void)mach_port_deallocate(mach_task_self(), proc);
}

struct wait_call {
	hurd_pid_t pid;
	int options, status, sigcode;
	hurd_pid_t waited;
	kern_return_t result;
	volatile bool done;
	pthread_t thread;
};

static kern_return_t wait_for(struct wait_call *call)
{
	rusage_t usage;
	call->result = proc_wait(my_proc, call->pid, call->options, &call->status, &call->sigcode,
	                         &usage, &call->waited);
	call->done = true;
	return call->result;
}

static void *wait_thread(void *opaque)
{
	wait_for(opaque);
	return NULL;
}

static size_t pid_count(void)
{
	hurd_pid_t buffer[64], *pids = buffer;
	mach_msg_type_number_t count = 64;
	kern_return_t result = proc_getallpids(init_proc, &pids, &count);
	if (result) {
		printf("getallpids: %d\n", result);
		return 0;
	}
	if (pids != buffer)
		(void)vm_deallocate(mach_task_self(), (vm_address_t)pids, count * sizeof(*pids));
	return count;
}

static void check_pids(void)
{
	check(proc_task2proc(init_proc, mach_task_self(), &my_proc) == 0 &&
	          MACH_PORT_VALID(my_proc),
	      "proc gives this task a proc port");
	hurd_pid_t ppid = 0, again = 0;
	int orphaned = 0;
	kern_return_t result = proc_getpids(my_proc, &my_pid, &ppid, &orphaned);
	check(result == 0 && my_pid > 1 && ppid == 1,
	      "this task has a pid (%d) and init is its parent (%d)", my_pid, ppid);
	check(proc_task2pid(init_proc, mach_task_self(), &again) == 0 && again == my_pid,
	      "task2pid gives the same pid again");
	mach_port_t task = MACH_PORT_NULL;
	check(proc_pid2task(my_proc, my_pid, &task) == 0 && task == mach_task_self(),
	      "pid2task gives back this task's own port");
	if (MACH_PORT_VALID(task))
		(void)mach_port_deallocate(mach_task_self(), task);
}

/* A child with a child of its own dies: the grandchild goes to init, which
 * (proc, until init runs) reaps it when it dies. */
static void check_orphans(void)
{
	mach_port_t task, proc, grandchild_task = MACH_PORT_NULL, grandchild_proc = MACH_PORT_NULL;
	hurd_pid_t pid = new_child(&task, &proc), grandchild = 0, ppid = 0, again;
	bool made = task_create(mach_task_self(), FALSE, &grandchild_task) == KERN_SUCCESS &&
	            proc_child(proc, grandchild_task, &grandchild) == 0 &&
	            proc_task2proc(my_proc, grandchild_task, &grandchild_proc) == 0;
	int orphaned;
	check(made && proc_getpids(grandchild_proc, &again, &ppid, &orphaned) == 0 && ppid == pid,
	      "a child registers a child of its own");
	end_child(task, proc, true, 2 << 8);
	struct wait_call call = {.pid = pid};
	wait_for(&call);
	ppid = 0;
	kern_return_t result = proc_getpids(grandchild_proc, &again, &ppid, &orphaned);
	check(call.result == 0 && call.status == 2 << 8 && result == 0 && ppid == 1,
	      "when it dies, its child is init's (ppid %d)", ppid);
	end_child(grandchild_task, grandchild_proc, true, 0);
}

static mach_port_t abandoned_reply;

static void *abandoned_wait_thread(void *opaque)
{
	struct wait_call *call = opaque;
	abandoned_reply = mig_get_reply_port();
	wait_for(call);
	return NULL;
}

/* A client whose reply port dies while its wait is kept: proc forgets that
 * wait, and the child's status goes to the next one. */
static void check_abandoned_wait(void)
{
	mach_port_t task, proc;
	hurd_pid_t pid = new_child(&task, &proc);
	struct wait_call abandoned = {.pid = pid};
	bool started =
	    pthread_create(&abandoned.thread, NULL, abandoned_wait_thread, &abandoned) == 0;
	usleep(300000);
	if (started && MACH_PORT_VALID(abandoned_reply))
		(void)mach_port_mod_refs(mach_task_self(), abandoned_reply, MACH_PORT_RIGHT_RECEIVE,
		                         -1);
	if (started)
		pthread_join(abandoned.thread, NULL);
	usleep(100000);
	end_child(task, proc, true, 4 << 8);
	struct wait_call call = {.pid = pid};
	wait_for(&call);
	check(started && abandoned.result != 0 && call.result == 0 && call.waited == pid &&
	          call.status == 4 << 8,
	      "a wait whose client went is forgotten: the next wait gets the status (%d, 0x%x)",
	      call.result, call.status);
}

static void check_waits(void)
{
	mach_port_t task, proc, other_task, other_proc;
	hurd_pid_t pid = new_child(&task, &proc), ppid = 0, child_pid = 0, again = 0;
	int orphaned;
	check(pid > my_pid && proc_getpids(proc, &child_pid, &ppid, &orphaned) == 0 &&
	          child_pid == pid && ppid == my_pid,
	      "a task made and registered is this process's child (pid %d)", pid);
	check(proc_child(my_proc, task, &again) == EBUSY, "registering it twice is EBUSY");
	struct wait_call call = {.pid = -1, .options = PROC_WAIT_NOHANG};
	check(wait_for(&call) == 0 && call.waited == 0,
	      "WNOHANG answers 0 at once while no child has exited");
	end_child(task, proc, true, 3 << 8);
	call = (struct wait_call){.pid = pid};
	wait_for(&call);
	check(call.result == 0 && call.waited == pid && call.status == 3 << 8,
	      "proc: a parent waits for a child and gets its exit status (0x%x)", call.status);
	call = (struct wait_call){.pid = pid};
	check(wait_for(&call) == ECHILD, "a child waited for is gone (ECHILD)");

	pid = new_child(&task, &proc);
	hurd_pid_t other = new_child(&other_task, &other_proc);
	call = (struct wait_call){.pid = pid};
	bool started = pthread_create(&call.thread, NULL, wait_thread, &call) == 0;
	usleep(300000);
	check(started && !call.done, "a wait for a live child waits");
	end_child(other_task, other_proc, true, 1 << 8);
	usleep(200000);
	check(!call.done, "another child's exit does not answer it");
	end_child(task, proc, true, 5 << 8);
	if (started)
		pthread_join(call.thread, NULL);
	check(call.result == 0 && call.waited == pid && call.status == 5 << 8,
	      "the wait posted first is answered late with the status (0x%x)", call.status);
	call = (struct wait_call){.pid = -1};
	check(wait_for(&call) == 0 && call.waited == other && call.status == 1 << 8,
	      "wait for any child gets the other one");

	pid = new_child(&task, &proc);
	end_child(task, proc, false, 0);
	call = (struct wait_call){.pid = pid};
	check(wait_for(&call) == 0 && call.waited == pid && call.status == 9,
	      "a child terminated without marking exit is reaped as killed (SIGKILL)");
	check_orphans();
	check_abandoned_wait();
	call = (struct wait_call){.pid = -1};
	check(wait_for(&call) == ECHILD, "with no children left, wait is ECHILD");
}

static void check_groups(void)
{
	hurd_pid_t sid = 0, pgrp = 0;
	kern_return_t result = proc_setsid(my_proc, &sid);
	check(result == 0 && sid == my_pid, "setsid starts a session (%d, %d)", result, sid);
	check(proc_setsid(my_proc, &sid) == EPERM, "a group leader cannot setsid (EPERM)");
	check(proc_getsid(init_proc, my_pid, &sid) == 0 && sid == my_pid &&
	          proc_getpgrp(init_proc, my_pid, &pgrp) == 0 && pgrp == my_pid,
	      "getsid and getpgrp show the new session and group");
	hurd_pid_t pid_again, ppid;
	int orphaned = 0;
	result = proc_getpids(my_proc, &pid_again, &ppid, &orphaned);
	check(result == 0 && orphaned == 1,
	      "a new session's group, its parent outside, is orphaned (%d)", orphaned);
	mach_port_t task, proc;
	hurd_pid_t pid = new_child(&task, &proc);
	check(proc_getsid(my_proc, pid, &sid) == 0 && sid == my_pid, "a child is in our session");
	check(proc_setpgrp(my_proc, pid, 0) == 0 && proc_getpgrp(my_proc, pid, &pgrp) == 0 &&
	          pgrp == pid,
	      "setpgid puts a child in a group of its own");
	check(proc_setpgrp(my_proc, pid, 29000) == EPERM, "no group that does not exist (EPERM)");
	check(proc_setpgrp(my_proc, 1, 0) == ESRCH, "setpgid on a non-child is ESRCH");
	check(proc_setpgrp(init_proc, my_pid, 1) == EPERM,
	      "no moving a process into another session (EPERM)");
	end_child(task, proc, true, 0);
	struct wait_call call = {.pid = -pid};
	check(wait_for(&call) == 0 && call.waited == pid, "waiting for a process group finds it");
}

static void check_information(void)
{
	static const char args[] = "proc_test\0--remote", env[] = "HOME=/\0TERM=vt100";
	check(proc_set_args(my_proc, (char *)args, sizeof(args), (char *)env, sizeof(env)) == 0,
	      "set_args stores argv and env");
	char buffer[256], *data = buffer;
	mach_msg_type_number_t count = sizeof(buffer);
	check(proc_getprocargs(init_proc, my_pid, &data, &count) == 0 && count == sizeof(args) &&
	          memcmp(data, args, count) == 0,
	      "getprocargs gives argv back");
	data = buffer;
	count = sizeof(buffer);
	check(proc_getprocenv(init_proc, my_pid, &data, &count) == 0 && count == sizeof(env) &&
	          memcmp(data, env, count) == 0,
	      "getprocenv gives env back");
	string_t name;
	check(proc_sethostname(my_proc, "wildebeest") == 0 &&
	          proc_gethostname(init_proc, name) == 0 && strcmp(name, "wildebeest") == 0,
	      "sethostname then gethostname (%s)", name);
	char long_name[100];
	memset(long_name, 'x', sizeof(long_name) - 1);
	long_name[sizeof(long_name) - 1] = '\0';
	check(proc_sethostname(my_proc, long_name) == EINVAL &&
	          proc_gethostname(init_proc, name) == 0 && strcmp(name, "wildebeest") == 0,
	      "a host name over 64 bytes is EINVAL and the old one stays");
	hurd_pid_t pgrp;
	mach_port_t port = MACH_PORT_NULL;
	data = buffer;
	count = sizeof(buffer);
	check(proc_getpgrp(my_proc, 29999, &pgrp) == ESRCH &&
	          proc_pid2task(my_proc, 29999, &port) == ESRCH &&
	          proc_pid2proc(my_proc, -4, &port) == ESRCH &&
	          proc_getprocargs(my_proc, 29999, &data, &count) == ESRCH,
	      "unknown pids are ESRCH");
}

/* The emulator gives this process a message port at start (signals), so the
 * wait for a first one is checked on a child task of ours, which has none. */
static mach_port_t waited_msgport;
static kern_return_t msgport_result = -1;
static hurd_pid_t msgport_child;

static void *msgport_thread(void *opaque)
{
	(void)opaque;
	msgport_result = proc_getmsgport(init_proc, msgport_child, &waited_msgport);
	return NULL;
}

static void check_msgport(void)
{
	mach_port_t child_task, child_proc;
	msgport_child = new_child(&child_task, &child_proc);
	pthread_t thread;
	bool started = msgport_child > 0 && pthread_create(&thread, NULL, msgport_thread, NULL) == 0;
	usleep(300000);
	check(started && msgport_result == -1, "getmsgport waits while there is none");
	mach_port_t port = MACH_PORT_NULL, old = MACH_PORT_NULL;
	(void)mach_port_allocate(mach_task_self(), MACH_PORT_RIGHT_RECEIVE, &port);
	check(proc_setmsgport(child_proc, port, MACH_MSG_TYPE_MAKE_SEND, &old) == 0 &&
	          old == MACH_PORT_NULL,
	      "setmsgport sets the first message port");
	if (started)
		pthread_join(thread, NULL);
	check(msgport_result == 0 && waited_msgport == port,
	      "the waiting getmsgport is answered with it");
	end_child(child_task, child_proc, true, 0);
	struct wait_call reap = {.pid = msgport_child};
	(void)wait_for(&reap);
}

/* A request cut short, and a dead task: errors, and proc still answers. */
static void check_bad_input(void)
{
	union {
		mach_msg_header_t header;
		mig_reply_header_t reply;
		char space[256];
	} message = {.header = {.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND,
	                                                    MACH_MSG_TYPE_MAKE_SEND_ONCE),
	                        .msgh_size = sizeof(mach_msg_header_t),
	                        .msgh_remote_port = my_proc,
	                        .msgh_local_port = mig_get_reply_port(),
	                        .msgh_id = HURD_SUBSYSTEM_PROC + 2}};
	mach_msg_return_t sent =
	    mach_msg(&message.header, MACH_SEND_MSG | MACH_RCV_MSG | MACH_RCV_TIMEOUT,
	             sizeof(mach_msg_header_t), sizeof(message), message.header.msgh_local_port,
	             10000, MACH_PORT_NULL);
	check(sent == MACH_MSG_SUCCESS && message.reply.RetCode == MIG_BAD_ARGUMENTS,
	      "a task2pid without its task is refused (%d)", sent ? sent : message.reply.RetCode);
	mach_port_t task = MACH_PORT_NULL;
	hurd_pid_t pid = 0;
	(void)task_create(mach_task_self(), FALSE, &task);
	(void)task_terminate(task);
	usleep(100000);
	check(proc_child(my_proc, task, &pid) != 0, "a dead task cannot become a child");
	(void)mach_port_deallocate(mach_task_self(), task);
	hurd_pid_t ppid;
	int orphaned;
	check(proc_getpids(my_proc, &pid, &ppid, &orphaned) == 0 && pid == my_pid,
	      "proc still answers");
}

int main(void)
{
	mach_port_t none = MACH_PORT_NULL;
	check(bootstrap_registry_lookup(libmach_bootstrap_port, &none) == ESRCH,
	      "the registry's unnamed slot is empty: proc registered under a name");
	check(bootstrap_registry_lookup_named(libmach_bootstrap_port, "exec", &none) == ESRCH,
	      "a name nobody registered is not found (ESRCH)");
	check(bootstrap_registry_lookup_named(libmach_bootstrap_port, "", &none) == EINVAL &&
	          bootstrap_registry_lookup_named(libmach_bootstrap_port,
	                                          "a-name-of-thirty-two-characters!", &none) == EINVAL,
	      "empty and over-long names are refused (EINVAL)");
	int error = bootstrap_registry_lookup_named(libmach_bootstrap_port, "proc", &init_proc);
	check(error == 0, "init's proc port, from the registry under \"proc\" (%d)", error);
	if (error)
		return 1;
	check_pids();
	size_t before = pid_count();
	check(before >= 2, "getallpids lists init and this process (%zu)", before);
	check_waits();
	check_groups();
	check_information();
	check_msgport();
	check_bad_input();
	size_t after = pid_count();
	check(after == before, "no process record is left over (%zu, %zu)", before, after);
	return failures ? 1 : 0;
}
