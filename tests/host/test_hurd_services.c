/* Host test of the Hurd protocols' MIG stubs, auth, proc, exec, term and
 * startup: each client stub's RPC goes through the loopback mach_msg to the
 * server demux and the test servers (hurd_test_servers.c). */
#include "hurd_test_servers.h"
#include "mig_loopback.h"
#include "tap.h"
#include "hurd_stub_checks.h"

#include <hurd/auth.h>
#include <hurd/exec.h>
#include <hurd/proc.h>
#include <hurd/startup.h>
#include <hurd/term.h>
#include <mach/mig_support.h>
#include <string.h>

/* Gives back an id array the stub put in new memory (not the caller's). */
static void release_ids(idarray_t ids, mach_msg_type_number_t count, const hurd_uid_t *buffer)
{
	if (ids != buffer && count > 0)
		mig_deallocate((vm_address_t)ids, count * sizeof(*ids));
}

static void test_auth(void)
{
	hurd_uid_t euid_buffer[8], auid_buffer[8], egid_buffer[8], agid_buffer[8];
	idarray_t euids = euid_buffer, auids = auid_buffer, egids = egid_buffer,
	          agids = agid_buffer;
	mach_msg_type_number_t euid_count = 8, auid_count = 8, egid_count = 8, agid_count = 8;
	kern_return_t error = auth_getids(TEST_AUTH_PORT, &euids, &euid_count, &auids, &auid_count,
	                                  &egids, &egid_count, &agids, &agid_count);
	CHECK(error == 0 && euid_count == 3 && euids[0] == 1000 && euids[2] == 1002 &&
	          auid_count == 0 && egid_count == 1 && egids[0] == 100,
	      "auth_getids: three small id sets (one empty) come back inline");
	int wrong = 0;
	for (unsigned i = 0; error == 0 && i < agid_count; i++)
		wrong += agids[i] != i * 3;
	CHECK(error == 0 && agid_count == TEST_MANY_IDS && agids != agid_buffer && wrong == 0 &&
	          loopback_last_traffic().reply_ool_items == 1,
	      "auth_getids: %d ids come back out of line, in order", TEST_MANY_IDS);
	if (error == 0) {
		release_ids(euids, euid_count, euid_buffer);
		release_ids(agids, agid_count, agid_buffer);
	}

	mach_port_t others[] = {TEST_OTHER_PORT, TEST_AUTH_PORT};
	hurd_uid_t new_euids[] = {1000}, new_egids[] = {100}, new_agids[] = {100, 101};
	mach_port_t handle = MACH_PORT_NULL;
	error = auth_makeauth(TEST_AUTH_PORT, others, MACH_MSG_TYPE_COPY_SEND, 2, new_euids, 1,
	                      NULL, 0, new_egids, 1, new_agids, 2, &handle);
	struct loopback_traffic traffic = loopback_last_traffic();
	CHECK(error == 0 && handle == TEST_RESULT_PORT && traffic.request_copy_sends == 2 &&
	          traffic.reply_make_sends == 1,
	      "auth_makeauth: a port array and four id sets in, a new handle out");
	hurd_uid_t root[] = {0};
	error = auth_makeauth(TEST_AUTH_PORT, others, MACH_MSG_TYPE_COPY_SEND, 2, root, 1, NULL, 0,
	                      NULL, 0, NULL, 0, &handle);
	CHECK(error == EPERM, "auth_makeauth: the server's EPERM reaches the caller");

	mach_port_t newport = MACH_PORT_NULL;
	test_server_reply_port = MACH_PORT_NULL;
	error = auth_user_authenticate(TEST_AUTH_PORT, TEST_OTHER_PORT, MACH_MSG_TYPE_COPY_SEND,
	                               &newport);
	CHECK(error == 0 && newport == TEST_FILE_PORT &&
	          test_server_reply_port == LOOPBACK_REPLY_PORT &&
	          loopback_last_traffic().reply_move_sends == 1,
	      "auth_user_authenticate: rendezvous in, the server's new port out; reply port kept");

	euids = euid_buffer, auids = auid_buffer, egids = egid_buffer, agids = agid_buffer;
	euid_count = auid_count = egid_count = agid_count = 8;
	error =
	    auth_server_authenticate(TEST_AUTH_PORT, TEST_OTHER_PORT, MACH_MSG_TYPE_COPY_SEND,
	                             TEST_FILE_PORT, MACH_MSG_TYPE_MAKE_SEND, &euids, &euid_count,
	                             &auids, &auid_count, &egids, &egid_count, &agids, &agid_count);
	CHECK(error == 0 && euid_count == 1 && euids[0] == 1000 && auid_count == 2 &&
	          auids[1] == 0 && egid_count == 1 && agid_count == 0,
	      "auth_server_authenticate: the client's ids come back to the server");

	euids = euid_buffer, auids = auid_buffer, egids = egid_buffer, agids = agid_buffer;
	euid_count = auid_count = egid_count = agid_count = 8;
	error =
	    auth_server_authenticate(TEST_AUTH_PORT, TEST_LATE_RENDEZVOUS, MACH_MSG_TYPE_COPY_SEND,
	                             TEST_FILE_PORT, MACH_MSG_TYPE_MAKE_SEND, &euids, &euid_count,
	                             &auids, &auid_count, &egids, &egid_count, &agids, &agid_count);
	CHECK(error == 0 && euid_count == TEST_MANY_IDS && euids[TEST_MANY_IDS - 1] == 1797 &&
	          auid_count == 1 && egid_count == 0 && agid_count == 1 &&
	          loopback_last_traffic().answered_later,
	      "auth_server_authenticate: answered later with %d ids out of line", TEST_MANY_IDS);
	if (error == 0)
		release_ids(euids, euid_count, euid_buffer);
}

static void test_proc(void)
{
	hurd_pid_t pid = 0, ppid = 0;
	int orphaned = -1;
	CHECK(proc_getpids(TEST_PROC_PORT, &pid, &ppid, &orphaned) == 0 && pid == 42 && ppid == 1 &&
	          orphaned == 0,
	      "proc_getpids: pid, parent and orphaned flag");
	pid = 0;
	CHECK(proc_task2pid(TEST_PROC_PORT, TEST_TASK_PORT, &pid) == 0 && pid == 42,
	      "proc_task2pid: a task port in, its pid out");

	int status = 0, sigcode = -1;
	rusage_t usage;
	memset(&usage, 0, sizeof(usage));
	hurd_pid_t waited = 0;
	test_server_reply_port = MACH_PORT_NULL;
	kern_return_t error =
	    proc_wait(TEST_PROC_PORT, -1, PROC_WAIT_NOHANG, &status, &sigcode, &usage, &waited);
	CHECK(error == 0 && status == 1 << 8 && sigcode == 0 && waited == 43 &&
	          usage.user_time_us == 1500 && usage.system_time_us == 250 &&
	          test_server_reply_port == LOOPBACK_REPLY_PORT,
	      "proc_wait: status, usage and the child's pid come back");
	CHECK(proc_wait(TEST_PROC_PORT, 99, 0, &status, &sigcode, &usage, &waited) == ECHILD,
	      "proc_wait: the server's ECHILD reaches the caller");
	error = proc_wait(TEST_PROC_PORT, TEST_LATE_PID, 0, &status, &sigcode, &usage, &waited);
	CHECK(error == 0 && status == 9 && waited == TEST_LATE_PID && usage.user_time_us == 7 &&
	          loopback_last_traffic().answered_later,
	      "proc_wait: answered later through proc_wait_reply, the client sees a normal reply");

	static char environment[3000];
	for (size_t i = 0; i + 1 < sizeof(environment); i++)
		environment[i] = i % 50 == 49 ? '\0' : (char)('A' + i % 26);
	const char arguments[] = "ps\0-e\0";
	error = proc_set_args(TEST_PROC_PORT, arguments, sizeof(arguments) - 1, environment,
	                      sizeof(environment));
	CHECK(error == 0 && loopback_last_traffic().request_ool_items == 1,
	      "proc_set_args: argv inline and a 3000-byte environment out of line");
	char buffer[64];
	data_t data = buffer;
	mach_msg_type_number_t length = sizeof(buffer);
	error = proc_getprocargs(TEST_PROC_PORT, 42, &data, &length);
	CHECK(error == 0 && length == sizeof(arguments) - 1 && memcmp(data, arguments, length) == 0,
	      "proc_getprocargs: the stored arguments come back");
	data = buffer;
	length = sizeof(buffer);
	error = proc_getprocenv(TEST_PROC_PORT, 42, &data, &length);
	CHECK(error == 0 && length == sizeof(environment) && data != buffer &&
	          memcmp(data, environment, length) == 0,
	      "proc_getprocenv: the stored environment comes back in new memory");
	if (error == 0 && data != buffer)
		mig_deallocate((vm_address_t)data, length);

	string_t hostname = "";
	CHECK(proc_sethostname(TEST_PROC_PORT, "wildebeest") == 0 &&
	          proc_gethostname(TEST_PROC_PORT, hostname) == 0 &&
	          strcmp(hostname, "wildebeest") == 0,
	      "proc_sethostname and proc_gethostname: the name goes there and back");

	hurd_pid_t pid_buffer[4];
	pidarray_t pids = pid_buffer;
	mach_msg_type_number_t pid_count = 4;
	error = proc_getallpids(TEST_PROC_PORT, &pids, &pid_count);
	CHECK(error == 0 && pid_count == 1000 && pids != pid_buffer && pids[0] == 1 &&
	          pids[999] == 1000,
	      "proc_getallpids: 1000 pids come back out of line");
	if (error == 0 && pids != pid_buffer)
		mig_deallocate((vm_address_t)pids, pid_count * sizeof(*pids));
	CHECK(proc_setsid(TEST_PROC_PORT, &pid) == EOPNOTSUPP,
	      "proc_setsid, not implemented by the test server: EOPNOTSUPP");
}

static void test_exec(void)
{
	mach_port_t fds[3] = {TEST_FD_PORT_BASE, TEST_FD_PORT_BASE + 1, TEST_FD_PORT_BASE + 2};
	mach_port_t ports[INIT_PORT_MAX] = {[INIT_PORT_CWDIR] = TEST_DIR_PORT};
	int ints[INIT_INT_MAX] = {[INIT_UMASK] = 077};
	kern_return_t error =
	    exec_exec(TEST_EXEC_PORT, TEST_FILE_PORT, TEST_TASK_PORT, EXEC_NEWTASK, "/bin/sh",
	              "sh\0-c\0true\0", 11, "", 0, fds, MACH_MSG_TYPE_COPY_SEND, 3, ports,
	              MACH_MSG_TYPE_COPY_SEND, INIT_PORT_MAX, ints, INIT_INT_MAX);
	CHECK(error == 0, "exec_exec: file, task, name, argv, empty envp, ports and ints arrive");

	vm_address_t entry = 0, phdr = 0, stack = 0;
	vm_size_t phdr_size = 0, stack_size = 0;
	int flags = 0;
	char argv_buffer[64], envp_buffer[64];
	data_t argv = argv_buffer, envp = envp_buffer;
	mach_msg_type_number_t argv_length = sizeof(argv_buffer), envp_length = sizeof(envp_buffer);
	mach_port_t fd_buffer[8], port_buffer[8];
	portarray_t got_fds = fd_buffer, got_ports = port_buffer;
	mach_msg_type_number_t fd_count = 8, port_count = 8;
	int int_buffer[8];
	intarray_t got_ints = int_buffer;
	mach_msg_type_number_t int_count = 8;
	error =
	    exec_startup_get_info(TEST_OTHER_PORT, &entry, &phdr, &phdr_size, &stack, &stack_size,
	                          &flags, &argv, &argv_length, &envp, &envp_length, &got_fds,
	                          &fd_count, &got_ports, &port_count, &got_ints, &int_count);
	CHECK(error == 0 && entry == 0x401000 && phdr == 0x400040 && phdr_size == 56 * 4 &&
	          stack == 0x7ff000000000 && stack_size == 8 << 20 && flags == EXEC_NEWTASK,
	      "exec_startup_get_info: entry, program headers, stack and flags");
	CHECK(error == 0 && argv_length == 3 && memcmp(argv, "sh", 3) == 0 && envp_length == 21 &&
	          memcmp(envp, "PATH=/bin\0TERM=vt100", 21) == 0,
	      "exec_startup_get_info: argv and envp");
	CHECK(error == 0 && fd_count == 3 && got_fds[2] == TEST_FD_PORT_BASE + 2 &&
	          port_count == INIT_PORT_MAX &&
	          got_ports[INIT_PORT_AUTH] == TEST_DIR_PORT + INIT_PORT_AUTH &&
	          int_count == INIT_INT_MAX && got_ints[INIT_TRACEMASK] == 44 &&
	          loopback_last_traffic().reply_copy_sends == 3 + INIT_PORT_MAX,
	      "exec_startup_get_info: descriptor and init port arrays, init ints");
}

static void test_term(void)
{
	termios_t attributes = {.input_flags = 0x500,
	                        .local_flags = 0x8a3b,
	                        .input_speed = 115200,
	                        .output_speed = 115200};
	attributes.control_chars[0] = 3;
	attributes.control_chars[HURD_NCCS - 1] = 0x7f;
	termios_t read_back;
	memset(&read_back, 0, sizeof(read_back));
	CHECK(term_set_attributes(TEST_TERM_PORT, TERM_SET_DRAIN, attributes) == 0 &&
	          term_get_attributes(TEST_TERM_PORT, &read_back) == 0 &&
	          memcmp(&read_back, &attributes, sizeof(attributes)) == 0,
	      "term_set_attributes then term_get_attributes: the termios structure round-trips");
	winsize_t size = {.rows = 50, .columns = 132, .x_pixels = 1, .y_pixels = 2},
	          size_back = {0};
	CHECK(term_set_window_size(TEST_TERM_PORT, size) == 0 &&
	          term_get_window_size(TEST_TERM_PORT, &size_back) == 0 && size_back.rows == 50 &&
	          size_back.columns == 132 && size_back.y_pixels == 2,
	      "term_set_window_size then term_get_window_size");
	hurd_pid_t pgrp = 0;
	CHECK(term_set_foreground(TEST_TERM_PORT, 77) == 0 &&
	          term_get_foreground(TEST_TERM_PORT, &pgrp) == 0 && pgrp == 77,
	      "term_set_foreground then term_get_foreground");
	string_t name = "";
	CHECK(term_get_nodename(TEST_TERM_PORT, name) == 0 && strcmp(name, "/dev/console") == 0,
	      "term_get_nodename: a string out");
	test_server_reply_port = MACH_PORT_NULL;
	CHECK(term_drain(TEST_TERM_PORT) == EINTR &&
	          test_server_reply_port == LOOPBACK_REPLY_PORT &&
	          loopback_last_traffic().answered_later,
	      "term_drain: answered later through term_drain_reply, its EINTR reaches the caller");
	CHECK(term_flush(TEST_TERM_PORT, TERM_FLUSH_INPUT) == EOPNOTSUPP,
	      "term_flush, not implemented by the test server: EOPNOTSUPP");
}

static void test_startup(void)
{
	CHECK(startup_essential_task(TEST_STARTUP_PORT, TEST_TASK_PORT, "proc", TEST_HOST_PRIV) ==
	          0,
	      "startup_essential_task: task, name and credential arrive");
	CHECK(startup_reboot(TEST_STARTUP_PORT, TEST_OTHER_PORT, STARTUP_REBOOT_POWEROFF) == EPERM,
	      "startup_reboot: a wrong credential gets EPERM");
	CHECK(startup_reboot(TEST_STARTUP_PORT, TEST_HOST_PRIV, STARTUP_REBOOT_POWEROFF) == 0,
	      "startup_reboot: the host privileged port is accepted");
}

int main(void)
{
	loopback_set_demux(test_hurd_demux);
	loopback_set_later(test_server_answer_later);
	test_auth();
	test_proc();
	test_exec();
	test_term();
	test_startup();
	check_loopback_run(32);
	return tap_finish();
}
