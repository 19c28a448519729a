/* The server side of the Hurd stubs' host test: routines of every interface
 * that check the arguments they received against what the client sent
 * (answering TEST_BAD_ARGUMENTS otherwise) and answer known values. */
#include "hurd_test_servers.h"
#include "mig_loopback.h"

#include <hurd/auth_reply.h>
#include <hurd/auth_server.h>
#include <hurd/hurd_demux.h>
#include <hurd/exec_server.h>
#include <hurd/fs_server.h>
#include <hurd/fsys_server.h>
#include <hurd/io_reply.h>
#include <hurd/io_server.h>
#include <hurd/proc_reply.h>
#include <hurd/proc_server.h>
#include <hurd/startup_server.h>
#include <hurd/term_reply.h>
#include <hurd/term_server.h>
#include <mach/mig_errors.h>
#include <mach/mig_support.h>
#include <stdio.h>
#include <string.h>

#define EXPECT(condition)                                                                          \
	do {                                                                                       \
		if (!(condition))                                                                  \
			return TEST_BAD_ARGUMENTS;                                                 \
	} while (0)

unsigned test_server_calls;
mach_port_t test_server_reply_port;

/* The request a routine has taken to answer later, and its reply port. */
static enum {
	NOTHING_LATE,
	LATE_IO_SELECT,
	LATE_AUTH_SERVER,
	LATE_PROC_WAIT,
	LATE_TERM_DRAIN,
} late_request;
static mach_port_t late_reply_port;

static kern_return_t answer_later(int which, mach_port_t reply)
{
	late_request = which;
	late_reply_port = reply;
	return MIG_NO_REPLY;
}

static const hurd_uid_t many_ids[TEST_MANY_IDS] = {
#define TEN(n) n, n + 3, n + 6, n + 9, n + 12, n + 15, n + 18, n + 21, n + 24, n + 27
#define HUNDRED(n)                                                                                 \
	TEN(n), TEN(n + 30), TEN(n + 60), TEN(n + 90), TEN(n + 120), TEN(n + 150), TEN(n + 180),   \
	    TEN(n + 210), TEN(n + 240), TEN(n + 270)
    HUNDRED(0), HUNDRED(300), HUNDRED(600), HUNDRED(900), HUNDRED(1200), HUNDRED(1500)};

boolean_t test_hurd_demux(mach_msg_header_t *request, mach_msg_header_t *reply)
{
	test_server_calls++;
	return fs_server(request, reply) || io_server(request, reply) ||
	       fsys_server(request, reply) || auth_server(request, reply) ||
	       proc_server(request, reply) || exec_server(request, reply) ||
	       term_server(request, reply) || startup_server(request, reply);
}

static boolean_t argz_equal(const char *argz, mach_msg_type_number_t length, const char *expected,
                            size_t expected_length)
{
	return length == expected_length && memcmp(argz, expected, length) == 0;
}

/* Copies length bytes into a fresh out-of-line region, as a server answers
 * large data (sent with dealloc: the region goes with the reply). */
static char *allocate_copy(const void *source, size_t length)
{
	vm_address_t address;
	mig_allocate(&address, length);
	if (address != 0)
		memcpy((void *)address, source, length);
	return (char *)address;
}

/* --- fs --- */

kern_return_t S_dir_lookup(file_t start_dir, const_path_t file_name, int flags, hurd_mode_t mode,
                           retry_type *do_retry, path_t retry_name, mach_port_t *result,
                           mach_msg_type_name_t *resultPoly)
{
	EXPECT(start_dir == TEST_DIR_PORT);
	if (strcmp(file_name, "missing") == 0)
		return ENOENT;
	if (strcmp(file_name, "tty") == 0) {
		*do_retry = FS_RETRY_MAGICAL;
		strcpy(retry_name, "tty");
		*result = MACH_PORT_NULL;
		*resultPoly = MACH_MSG_TYPE_COPY_SEND;
		return 0;
	}
	if (strcmp(file_name, "etc/passwd") == 0) {
		EXPECT(flags == HURD_O_READ && mode == 0);
		*do_retry = FS_RETRY_REAUTH;
		strcpy(retry_name, "passwd");
		*result = TEST_RESULT_PORT;
		*resultPoly = MACH_MSG_TYPE_MAKE_SEND;
		return 0;
	}
	/* The long path: TEST_LONG_PATH_SIZE characters, handed back whole. */
	EXPECT(strlen(file_name) == TEST_LONG_PATH_SIZE && file_name[0] == 'x' &&
	       file_name[TEST_LONG_PATH_SIZE - 1] == 'z');
	EXPECT(flags == (HURD_O_CREAT | HURD_O_EXCL | HURD_O_WRITE) && mode == 0640);
	*do_retry = FS_RETRY_NORMAL;
	strcpy(retry_name, file_name);
	*result = TEST_FILE_PORT;
	*resultPoly = MACH_MSG_TYPE_MOVE_SEND;
	return 0;
}

kern_return_t S_dir_readdir(file_t dir, data_t *data, mach_msg_type_number_t *dataCnt, int entry,
                            int nentries, vm_size_t bufsiz, int *amount)
{
	EXPECT(dir == TEST_DIR_PORT && entry == 2 && nentries == -1 && bufsiz == 0);
	/* Entries file-002 ... file-301, packed as struct hurd_dirent records. */
	static char records[300 * 24];
	size_t used = 0;
	for (int i = 0; i < 300; i++) {
		struct hurd_dirent *record = (struct hurd_dirent *)(records + used);
		record->ino = 1000 + (uint64_t)(entry + i);
		record->type = 8;
		record->name_length = 8;
		snprintf(record->name, 9, "file-%03u", (unsigned)(entry + i) % 1000u);
		record->record_length = 24;
		used += 24;
	}
	*data = allocate_copy(records, used);
	*dataCnt = (mach_msg_type_number_t)used;
	*amount = 300;
	return *data != NULL ? 0 : ENOMEM;
}

kern_return_t S_dir_rename(file_t olddirectory, const_string_t oldname, file_t newdirectory,
                           const_string_t newname, int excl)
{
	EXPECT(olddirectory == TEST_DIR_PORT && newdirectory == TEST_FILE_PORT);
	EXPECT(strcmp(oldname, "old name") == 0 && strcmp(newname, "new name") == 0 && excl == 1);
	return 0;
}

kern_return_t S_dir_mkfile(file_t directory, int flags, hurd_mode_t mode, mach_port_t *newnode,
                           mach_msg_type_name_t *newnodePoly)
{
	EXPECT(directory == TEST_DIR_PORT && flags == HURD_O_RDWR && mode == 0600);
	*newnode = TEST_RESULT_PORT;
	*newnodePoly = MACH_MSG_TYPE_MAKE_SEND;
	return 0;
}

kern_return_t S_file_chown(file_t file, hurd_uid_t new_owner, hurd_gid_t new_group)
{
	EXPECT(file == TEST_FILE_PORT && new_owner == 1000 && new_group == (hurd_gid_t)-1);
	return 0;
}

kern_return_t S_file_utimens(file_t file, time_spec_t new_access_time, time_spec_t new_modify_time)
{
	EXPECT(file == TEST_FILE_PORT);
	EXPECT(new_access_time.seconds == 1700000000 && new_access_time.nanoseconds == 5);
	EXPECT(new_modify_time.seconds == 0 && new_modify_time.nanoseconds == HURD_UTIME_NOW);
	return 0;
}

kern_return_t S_file_statfs(file_t file, fsys_statfsbuf_t *info)
{
	EXPECT(file == TEST_FILE_PORT);
	*info = (struct hurd_statfs){.type = 0x01021994,
	                             .block_size = 4096,
	                             .blocks = UINT64_C(1) << 33,
	                             .blocks_free = 12345,
	                             .name_max = 255};
	return 0;
}

kern_return_t S_file_set_translator(file_t file, int passive_flags, int active_flags,
                                    int oldtrans_flags, const_data_t passive,
                                    mach_msg_type_number_t passiveCnt, mach_port_t active)
{
	if (file == TEST_DIR_PORT)
		return EPERM; /* the caller does not own the directory */
	EXPECT(file == TEST_FILE_PORT && passive_flags == FS_TRANS_SET &&
	       active_flags == (FS_TRANS_SET | FS_TRANS_EXCL) &&
	       oldtrans_flags == FSYS_GOAWAY_NOSYNC);
	EXPECT(argz_equal(passive, passiveCnt, TEST_PASSIVE_TRANSLATOR,
	                  sizeof(TEST_PASSIVE_TRANSLATOR) - 1));
	EXPECT(active == TEST_FSYS_PORT);
	return 0;
}

kern_return_t S_file_get_translator(file_t file, data_t *translator,
                                    mach_msg_type_number_t *translatorCnt)
{
	EXPECT(file == TEST_FILE_PORT);
	size_t length = sizeof(TEST_PASSIVE_TRANSLATOR) - 1;
	EXPECT(*translatorCnt >= length); /* MIG's inline buffer */
	memcpy(*translator, TEST_PASSIVE_TRANSLATOR, length);
	*translatorCnt = (mach_msg_type_number_t)length;
	return 0;
}

kern_return_t S_file_exec(file_t exec_file, mach_port_t exec_task, int flags, const_data_t argv,
                          mach_msg_type_number_t argvCnt, const_data_t envp,
                          mach_msg_type_number_t envpCnt, const_portarray_t fds,
                          mach_msg_type_number_t fdsCnt, const_portarray_t ports,
                          mach_msg_type_number_t portsCnt, const_intarray_t ints,
                          mach_msg_type_number_t intsCnt)
{
	EXPECT(exec_file == TEST_FILE_PORT && exec_task == TEST_TASK_PORT &&
	       flags == (EXEC_NEWTASK | EXEC_DEFAULTS));
	EXPECT(argz_equal(argv, argvCnt, "ls\0-l\0", 6) &&
	       argz_equal(envp, envpCnt, "HOME=/\0", 7));
	EXPECT(fdsCnt == 3 && fds[0] == TEST_FD_PORT_BASE && fds[2] == TEST_FD_PORT_BASE + 2);
	EXPECT(portsCnt == INIT_PORT_MAX && ports[INIT_PORT_AUTH] == TEST_AUTH_PORT &&
	       ports[INIT_PORT_PROC] == TEST_PROC_PORT);
	EXPECT(intsCnt == INIT_INT_MAX && ints[INIT_UMASK] == 022);
	return 0;
}

/* --- io --- */

kern_return_t S_io_read(io_t io_object, data_t *data, mach_msg_type_number_t *dataCnt,
                        hurd_off_t offset, vm_size_t amount)
{
	EXPECT(io_object == TEST_FILE_PORT);
	char *buffer = *data;
	if (amount > *dataCnt) {
		vm_address_t address;
		mig_allocate(&address, amount);
		if (address == 0)
			return ENOMEM;
		buffer = (char *)address;
	}
	for (vm_size_t i = 0; i < amount; i++)
		buffer[i] = test_content_byte((uint64_t)offset + i);
	*data = buffer;
	*dataCnt = (mach_msg_type_number_t)amount;
	return 0;
}

kern_return_t S_io_write(io_t io_object, const_data_t data, mach_msg_type_number_t dataCnt,
                         hurd_off_t offset, vm_size_t *amount)
{
	if (io_object == TEST_DIR_PORT)
		return EISDIR;
	EXPECT(io_object == TEST_FILE_PORT && offset == -1);
	for (mach_msg_type_number_t i = 0; i < dataCnt; i++)
		EXPECT(data[i] == test_content_byte(i));
	*amount = dataCnt;
	return 0;
}

kern_return_t S_io_seek(io_t io_object, hurd_off_t offset, int whence, hurd_off_t *newp)
{
	EXPECT(io_object == TEST_FILE_PORT && offset == -5 && whence == 2);
	*newp = (INT64_C(5) << 32) + offset;
	return 0;
}

kern_return_t S_io_stat(io_t stat_object, io_statbuf_t *stat_info)
{
	EXPECT(stat_object == TEST_FILE_PORT);
	*stat_info = (struct hurd_stat){.fsid = 7,
	                                .ino = 1234,
	                                .size = INT64_C(5) << 30,
	                                .mode = 0100644,
	                                .nlink = 1,
	                                .uid = 1000,
	                                .gid = 100,
	                                .mtime = {.seconds = 1700000000, .nanoseconds = 999999999}};
	return 0;
}

kern_return_t S_io_select(io_t io_object, reply_port_t reply, time_spec_t timeout, int *select_type)
{
	test_server_reply_port = reply;
	if (*select_type == SELECT_URG)
		return answer_later(LATE_IO_SELECT, reply);
	EXPECT(io_object == TEST_FILE_PORT && timeout.seconds == 1 &&
	       timeout.nanoseconds == 500000000 && *select_type == (SELECT_READ | SELECT_WRITE));
	*select_type = SELECT_READ;
	return 0;
}

kern_return_t S_io_reauthenticate(io_t auth_object, mach_port_t rendezvous2)
{
	EXPECT(auth_object == TEST_FILE_PORT && rendezvous2 == TEST_OTHER_PORT);
	return 0;
}

kern_return_t S_io_restrict_auth(io_t io_object, mach_port_t *new_object,
                                 mach_msg_type_name_t *new_objectPoly, const_idarray_t uids,
                                 mach_msg_type_number_t uidsCnt, const_idarray_t gids,
                                 mach_msg_type_number_t gidsCnt)
{
	EXPECT(io_object == TEST_FILE_PORT && uidsCnt == 2 && uids[0] == 1000 && uids[1] == 100);
	EXPECT(gidsCnt == 1 && gids[0] == 100);
	*new_object = TEST_RESULT_PORT;
	*new_objectPoly = MACH_MSG_TYPE_MAKE_SEND;
	return 0;
}

kern_return_t S_io_identity(io_t io_object, mach_port_t *id_port, mach_msg_type_name_t *id_portPoly,
                            mach_port_t *fsys_id_port, mach_msg_type_name_t *fsys_id_portPoly,
                            uint64_t *file_number)
{
	EXPECT(io_object == TEST_FILE_PORT);
	*id_port = TEST_RESULT_PORT;
	*id_portPoly = MACH_MSG_TYPE_COPY_SEND;
	*fsys_id_port = TEST_OTHER_PORT;
	*fsys_id_portPoly = MACH_MSG_TYPE_MAKE_SEND;
	*file_number = UINT64_C(0x123456789abcdef);
	return 0;
}

/* --- fsys --- */

kern_return_t S_fsys_startup(mach_port_t bootstrap, int openflags, mach_port_t control_port,
                             mach_port_t *realnode, mach_msg_type_name_t *realnodePoly)
{
	EXPECT(bootstrap == TEST_OTHER_PORT && openflags == HURD_O_RDWR &&
	       control_port == TEST_FSYS_PORT);
	*realnode = TEST_FILE_PORT;
	*realnodePoly = MACH_MSG_TYPE_MAKE_SEND;
	return 0;
}

kern_return_t S_fsys_goaway(fsys_t fsys, int flags)
{
	EXPECT(fsys == TEST_FSYS_PORT);
	return flags & FSYS_GOAWAY_FORCE ? 0 : EBUSY;
}

kern_return_t S_fsys_getroot(fsys_t fsys, const_idarray_t gen_uids,
                             mach_msg_type_number_t gen_uidsCnt, const_idarray_t gen_gids,
                             mach_msg_type_number_t gen_gidsCnt, int flags, retry_type *do_retry,
                             path_t retry_name, mach_port_t *file, mach_msg_type_name_t *filePoly)
{
	EXPECT(fsys == TEST_FSYS_PORT && gen_uidsCnt == 1 && gen_uids[0] == 0);
	EXPECT(gen_gidsCnt == 2 && gen_gids[0] == 0 && gen_gids[1] == 1 && flags == HURD_O_READ);
	*do_retry = FS_RETRY_NORMAL;
	retry_name[0] = '\0';
	*file = TEST_DIR_PORT;
	*filePoly = MACH_MSG_TYPE_MAKE_SEND;
	return 0;
}

kern_return_t S_fsys_get_options(fsys_t fsys, data_t *options, mach_msg_type_number_t *optionsCnt)
{
	EXPECT(fsys == TEST_FSYS_PORT);
	size_t length = sizeof(TEST_FS_OPTIONS) - 1;
	memcpy(*options, TEST_FS_OPTIONS, length);
	*optionsCnt = (mach_msg_type_number_t)length;
	return 0;
}

/* --- auth --- */

static void set_ids(idarray_t *array, mach_msg_type_number_t *count, const hurd_uid_t *ids,
                    mach_msg_type_number_t number)
{
	if (number == 0)
		;
	else if (number <= *count)
		memcpy(*array, ids, number * sizeof(*ids));
	else
		*array = (hurd_uid_t *)ids; /* out of line, the server keeps its copy */
	*count = number;
}

kern_return_t S_auth_getids(auth_t handle, idarray_t *euids, mach_msg_type_number_t *euidsCnt,
                            idarray_t *auids, mach_msg_type_number_t *auidsCnt, idarray_t *egids,
                            mach_msg_type_number_t *egidsCnt, idarray_t *agids,
                            mach_msg_type_number_t *agidsCnt)
{
	EXPECT(handle == TEST_AUTH_PORT);
	static const hurd_uid_t users[] = {1000, 1001, 1002}, groups[] = {100};
	set_ids(euids, euidsCnt, users, 3);
	set_ids(auids, auidsCnt, NULL, 0);
	set_ids(egids, egidsCnt, groups, 1);
	set_ids(agids, agidsCnt, many_ids, TEST_MANY_IDS);
	return 0;
}

kern_return_t S_auth_makeauth(auth_t handle, const_portarray_t other_handles,
                              mach_msg_type_number_t other_handlesCnt, const_idarray_t euids,
                              mach_msg_type_number_t euidsCnt, const_idarray_t auids,
                              mach_msg_type_number_t auidsCnt, const_idarray_t egids,
                              mach_msg_type_number_t egidsCnt, const_idarray_t agids,
                              mach_msg_type_number_t agidsCnt, mach_port_t *newhandle,
                              mach_msg_type_name_t *newhandlePoly)
{
	EXPECT(handle == TEST_AUTH_PORT && other_handlesCnt == 2 &&
	       other_handles[0] == TEST_OTHER_PORT && other_handles[1] == TEST_AUTH_PORT);
	if (euidsCnt == 1 && euids[0] == 0)
		return EPERM; /* uid 0 is in none of the handles */
	EXPECT(euidsCnt == 1 && euids[0] == 1000 && auidsCnt == 0 && auids != NULL);
	EXPECT(egidsCnt == 1 && egids[0] == 100 && agidsCnt == 2 && agids[1] == 101);
	*newhandle = TEST_RESULT_PORT;
	*newhandlePoly = MACH_MSG_TYPE_MAKE_SEND;
	return 0;
}

kern_return_t S_auth_user_authenticate(auth_t handle, reply_port_t reply, mach_port_t rendezvous,
                                       mach_port_t *newport, mach_msg_type_name_t *newportPoly)
{
	test_server_reply_port = reply;
	EXPECT(handle == TEST_AUTH_PORT && rendezvous == TEST_OTHER_PORT);
	*newport = TEST_FILE_PORT;
	*newportPoly = MACH_MSG_TYPE_MOVE_SEND;
	return 0;
}

kern_return_t S_auth_server_authenticate(auth_t handle, reply_port_t reply, mach_port_t rendezvous,
                                         mach_port_t newport, idarray_t *euids,
                                         mach_msg_type_number_t *euidsCnt, idarray_t *auids,
                                         mach_msg_type_number_t *auidsCnt, idarray_t *egids,
                                         mach_msg_type_number_t *egidsCnt, idarray_t *agids,
                                         mach_msg_type_number_t *agidsCnt)
{
	test_server_reply_port = reply;
	if (rendezvous == TEST_LATE_RENDEZVOUS)
		return answer_later(LATE_AUTH_SERVER, reply); /* until the user's half */
	EXPECT(handle == TEST_AUTH_PORT && rendezvous == TEST_OTHER_PORT &&
	       newport == TEST_FILE_PORT);
	static const hurd_uid_t users[] = {1000}, available[] = {1000, 0}, groups[] = {100};
	set_ids(euids, euidsCnt, users, 1);
	set_ids(auids, auidsCnt, available, 2);
	set_ids(egids, egidsCnt, groups, 1);
	set_ids(agids, agidsCnt, NULL, 0);
	return 0;
}

/* --- proc --- */

static char stored_args[8192], stored_env[8192], stored_hostname[HURD_STRING_MAX];
static mach_msg_type_number_t stored_args_length, stored_env_length;

kern_return_t S_proc_getpids(process_t process, hurd_pid_t *pid, hurd_pid_t *ppid, int *orphaned)
{
	EXPECT(process == TEST_PROC_PORT);
	*pid = 42;
	*ppid = 1;
	*orphaned = 0;
	return 0;
}

kern_return_t S_proc_task2pid(process_t process, mach_port_t task, hurd_pid_t *pid)
{
	EXPECT(process == TEST_PROC_PORT && task == TEST_TASK_PORT);
	*pid = 42;
	return 0;
}

kern_return_t S_proc_wait(process_t process, reply_port_t reply, hurd_pid_t pid, int options,
                          int *status, int *sigcode, rusage_t *usage, hurd_pid_t *pid_status)
{
	test_server_reply_port = reply;
	EXPECT(process == TEST_PROC_PORT);
	if (pid == 99)
		return ECHILD;
	if (pid == TEST_LATE_PID)
		return answer_later(LATE_PROC_WAIT, reply); /* until the child exits */
	EXPECT(pid == -1 && options == PROC_WAIT_NOHANG);
	*status = 1 << 8; /* exited with status 1 */
	*sigcode = 0;
	*usage = (struct hurd_rusage){.user_time_us = 1500, .system_time_us = 250};
	*pid_status = 43;
	return 0;
}

kern_return_t S_proc_set_args(process_t process, const_data_t argv, mach_msg_type_number_t argvCnt,
                              const_data_t envp, mach_msg_type_number_t envpCnt)
{
	EXPECT(process == TEST_PROC_PORT);
	if (argvCnt > sizeof(stored_args) || envpCnt > sizeof(stored_env))
		return E2BIG;
	memcpy(stored_args, argv, argvCnt);
	stored_args_length = argvCnt;
	memcpy(stored_env, envp, envpCnt);
	stored_env_length = envpCnt;
	return 0;
}

static kern_return_t answer_stored(const char *stored, mach_msg_type_number_t length, data_t *data,
                                   mach_msg_type_number_t *count)
{
	if (length <= *count)
		memcpy(*data, stored, length);
	else if ((*data = allocate_copy(stored, length)) == NULL)
		return ENOMEM;
	*count = length;
	return 0;
}

kern_return_t S_proc_getprocargs(process_t process, hurd_pid_t pid, data_t *procargs,
                                 mach_msg_type_number_t *procargsCnt)
{
	EXPECT(process == TEST_PROC_PORT && pid == 42);
	return answer_stored(stored_args, stored_args_length, procargs, procargsCnt);
}

kern_return_t S_proc_getprocenv(process_t process, hurd_pid_t pid, data_t *procenv,
                                mach_msg_type_number_t *procenvCnt)
{
	EXPECT(process == TEST_PROC_PORT && pid == 42);
	return answer_stored(stored_env, stored_env_length, procenv, procenvCnt);
}

kern_return_t S_proc_getallpids(process_t process, pidarray_t *pids,
                                mach_msg_type_number_t *pidsCnt)
{
	EXPECT(process == TEST_PROC_PORT);
	vm_address_t address;
	mig_allocate(&address, 1000 * sizeof(hurd_pid_t));
	if (address == 0)
		return ENOMEM;
	*pids = (hurd_pid_t *)address;
	for (int i = 0; i < 1000; i++)
		(*pids)[i] = i + 1;
	*pidsCnt = 1000;
	return 0;
}

kern_return_t S_proc_sethostname(process_t process, const_string_t hostname)
{
	EXPECT(process == TEST_PROC_PORT && strlen(hostname) < sizeof(stored_hostname));
	strcpy(stored_hostname, hostname);
	return 0;
}

kern_return_t S_proc_gethostname(process_t process, string_t hostname)
{
	EXPECT(process == TEST_PROC_PORT);
	strcpy(hostname, stored_hostname);
	return 0;
}

/* --- exec --- */

kern_return_t S_exec_exec(exec_t execserver, file_t file, mach_port_t oldtask, int flags,
                          const_path_t filename, const_data_t argv, mach_msg_type_number_t argvCnt,
                          const_data_t envp, mach_msg_type_number_t envpCnt, const_portarray_t fds,
                          mach_msg_type_number_t fdsCnt, const_portarray_t ports,
                          mach_msg_type_number_t portsCnt, const_intarray_t ints,
                          mach_msg_type_number_t intsCnt)
{
	EXPECT(execserver == TEST_EXEC_PORT && file == TEST_FILE_PORT && oldtask == TEST_TASK_PORT);
	EXPECT(flags == EXEC_NEWTASK && strcmp(filename, "/bin/sh") == 0);
	EXPECT(argz_equal(argv, argvCnt, "sh\0-c\0true\0", 11) && envpCnt == 0);
	EXPECT(fdsCnt == 3 && fds[1] == TEST_FD_PORT_BASE + 1 && portsCnt == INIT_PORT_MAX &&
	       ports[INIT_PORT_CWDIR] == TEST_DIR_PORT);
	EXPECT(intsCnt == INIT_INT_MAX && ints[INIT_UMASK] == 077 && ints[INIT_SIGMASK] == 0);
	(void)envp;
	return 0;
}

kern_return_t S_exec_startup_get_info(mach_port_t bootstrap, vm_address_t *user_entry,
                                      vm_address_t *phdr_address, vm_size_t *phdr_size,
                                      vm_address_t *stack_base, vm_size_t *stack_size, int *flags,
                                      data_t *argv, mach_msg_type_number_t *argvCnt, data_t *envp,
                                      mach_msg_type_number_t *envpCnt, portarray_t *fds,
                                      mach_msg_type_name_t *fdsPoly, mach_msg_type_number_t *fdsCnt,
                                      portarray_t *ports, mach_msg_type_name_t *portsPoly,
                                      mach_msg_type_number_t *portsCnt, intarray_t *ints,
                                      mach_msg_type_number_t *intsCnt)
{
	EXPECT(bootstrap == TEST_OTHER_PORT);
	*user_entry = 0x401000;
	*phdr_address = 0x400040;
	*phdr_size = 56 * 4;
	*stack_base = 0x7ff000000000;
	*stack_size = 8 << 20;
	*flags = EXEC_NEWTASK;
	memcpy(*argv, "sh\0", 3);
	*argvCnt = 3;
	memcpy(*envp, "PATH=/bin\0TERM=vt100\0", 21);
	*envpCnt = 21;
	for (int i = 0; i < 3; i++)
		(*fds)[i] = TEST_FD_PORT_BASE + (mach_port_t)i;
	*fdsCnt = 3;
	*fdsPoly = MACH_MSG_TYPE_COPY_SEND;
	for (int i = 0; i < INIT_PORT_MAX; i++)
		(*ports)[i] = TEST_DIR_PORT + (mach_port_t)i;
	*portsCnt = INIT_PORT_MAX;
	*portsPoly = MACH_MSG_TYPE_COPY_SEND;
	for (int i = 0; i < INIT_INT_MAX; i++)
		(*ints)[i] = i * 11;
	*intsCnt = INIT_INT_MAX;
	return 0;
}

/* --- term --- */

static termios_t stored_termios;
static winsize_t stored_window_size;
static hurd_pid_t stored_foreground;

kern_return_t S_term_get_attributes(term_t terminal, termios_t *attributes)
{
	EXPECT(terminal == TEST_TERM_PORT);
	*attributes = stored_termios;
	return 0;
}

kern_return_t S_term_set_attributes(term_t terminal, int when, termios_t attributes)
{
	EXPECT(terminal == TEST_TERM_PORT && when == TERM_SET_DRAIN);
	stored_termios = attributes;
	return 0;
}

kern_return_t S_term_get_window_size(term_t terminal, winsize_t *size)
{
	EXPECT(terminal == TEST_TERM_PORT);
	*size = stored_window_size;
	return 0;
}

kern_return_t S_term_set_window_size(term_t terminal, winsize_t size)
{
	EXPECT(terminal == TEST_TERM_PORT);
	stored_window_size = size;
	return 0;
}

kern_return_t S_term_get_nodename(term_t terminal, string_t name)
{
	EXPECT(terminal == TEST_TERM_PORT);
	strcpy(name, "/dev/console");
	return 0;
}

kern_return_t S_term_get_foreground(term_t terminal, hurd_pid_t *pgrp)
{
	EXPECT(terminal == TEST_TERM_PORT);
	*pgrp = stored_foreground;
	return 0;
}

kern_return_t S_term_set_foreground(term_t terminal, hurd_pid_t pgrp)
{
	EXPECT(terminal == TEST_TERM_PORT);
	stored_foreground = pgrp;
	return 0;
}

kern_return_t S_term_drain(term_t terminal, reply_port_t reply)
{
	test_server_reply_port = reply;
	EXPECT(terminal == TEST_TERM_PORT);
	return answer_later(LATE_TERM_DRAIN, reply); /* until the output has gone */
}

void test_server_answer_later(void)
{
	static const hurd_uid_t users[] = {1000}, groups[] = {100};
	kern_return_t error = KERN_FAILURE;
	switch (late_request) {
	case NOTHING_LATE:
		return;
	case LATE_IO_SELECT:
		error = io_select_reply(late_reply_port, 0, SELECT_URG);
		break;
	case LATE_AUTH_SERVER:
		error = auth_server_authenticate_reply(late_reply_port, 0, many_ids, TEST_MANY_IDS,
		                                       users, 1, NULL, 0, groups, 1);
		break;
	case LATE_PROC_WAIT: {
		rusage_t usage = {.user_time_us = 7};
		error = proc_wait_reply(late_reply_port, 0, 9, 0, usage, TEST_LATE_PID);
		break;
	}
	case LATE_TERM_DRAIN:
		error = term_drain_reply(late_reply_port, EINTR);
		break;
	}
	late_request = NOTHING_LATE;
	if (error != KERN_SUCCESS)
		late_reply_port = MACH_PORT_NULL; /* the client's RPC then times out */
}

/* --- startup --- */

kern_return_t S_startup_essential_task(startup_t server, mach_port_t task, const_string_t name,
                                       mach_port_t credential)
{
	EXPECT(server == TEST_STARTUP_PORT && task == TEST_TASK_PORT && strcmp(name, "proc") == 0);
	return credential == TEST_HOST_PRIV ? 0 : EPERM;
}

kern_return_t S_startup_reboot(startup_t server, mach_port_t credential, int code)
{
	EXPECT(server == TEST_STARTUP_PORT && code == STARTUP_REBOOT_POWEROFF);
	return credential == TEST_HOST_PRIV ? 0 : EPERM;
}
