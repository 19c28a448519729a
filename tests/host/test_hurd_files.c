/* Host test of the Hurd protocols' MIG stubs, fs, io and fsys: each client
 * stub's RPC goes through the loopback mach_msg to the server demux and the
 * test servers (hurd_test_servers.c), which check what arrived. */
#include "hurd_test_servers.h"
#include "mig_loopback.h"
#include "tap.h"
#include "hurd_stub_checks.h"

#include <hurd/fs.h>
#include <hurd/fsys.h>
#include <hurd/io.h>
#include <mach/mig_errors.h>
#include <mach/mig_support.h>
#include <stdlib.h>
#include <string.h>

static void test_dir_lookup(void)
{
	retry_type retry = 0;
	path_t retry_name = "unchanged";
	mach_port_t result = MACH_PORT_NULL;
	kern_return_t error =
	    dir_lookup(TEST_DIR_PORT, "etc/passwd", HURD_O_READ, 0, &retry, retry_name, &result);
	struct loopback_traffic traffic = loopback_last_traffic();
	CHECK(
	    error == 0 && retry == FS_RETRY_REAUTH && strcmp(retry_name, "passwd") == 0,
	    "dir_lookup: the path reaches the server, retry type REAUTH and retry name come back");
	CHECK(result == TEST_RESULT_PORT && traffic.reply_make_sends == 1,
	      "dir_lookup: the result port arrives, made a send right by the server");

	error = dir_lookup(TEST_DIR_PORT, "tty", HURD_O_READ, 0, &retry, retry_name, &result);
	CHECK(error == 0 && retry == FS_RETRY_MAGICAL && strcmp(retry_name, "tty") == 0 &&
	          result == MACH_PORT_NULL,
	      "dir_lookup: a MAGICAL retry with a null port");

	error = dir_lookup(TEST_DIR_PORT, "missing", HURD_O_READ, 0, &retry, retry_name, &result);
	CHECK(error == ENOENT, "dir_lookup: the server's ENOENT reaches the caller (got %d)",
	      error);

	char *long_path = malloc(TEST_LONG_PATH_SIZE + 1);
	memset(long_path, 'x', TEST_LONG_PATH_SIZE);
	long_path[TEST_LONG_PATH_SIZE - 1] = 'z';
	long_path[TEST_LONG_PATH_SIZE] = '\0';
	error = dir_lookup(TEST_DIR_PORT, long_path, HURD_O_CREAT | HURD_O_EXCL | HURD_O_WRITE,
	                   0640, &retry, retry_name, &result);
	CHECK(error == 0 && retry == FS_RETRY_NORMAL && strcmp(retry_name, long_path) == 0 &&
	          result == TEST_FILE_PORT,
	      "dir_lookup: a %d-byte path goes there and back whole, with flags and mode",
	      TEST_LONG_PATH_SIZE);
	free(long_path);
}

static void test_dir_readdir(void)
{
	char buffer[64];
	data_t data = buffer;
	mach_msg_type_number_t length = sizeof(buffer);
	int amount = 0;
	kern_return_t error = dir_readdir(TEST_DIR_PORT, &data, &length, 2, -1, 0, &amount);
	CHECK(error == 0 && amount == 300 && length == 300 * 24 && data != buffer &&
	          loopback_last_traffic().reply_ool_items == 1,
	      "dir_readdir: 300 entries (%u bytes) arrive out of line", length);
	int wrong = 0;
	for (int i = 0; error == 0 && i < 300; i++) {
		const struct hurd_dirent *record = (const struct hurd_dirent *)(data + i * 24);
		char expected[16];
		snprintf(expected, sizeof(expected), "file-%03u", (unsigned)(i + 2) % 1000u);
		wrong += record->ino != (uint64_t)(1002 + i) || record->record_length != 24 ||
		         strcmp(record->name, expected) != 0;
	}
	CHECK(error == 0 && wrong == 0, "dir_readdir: every record's number and name are right");
	if (error == 0 && data != buffer)
		mig_deallocate((vm_address_t)data, length);
}

static void test_file_routines(void)
{
	const char passive[] = TEST_PASSIVE_TRANSLATOR;
	kern_return_t error = file_set_translator(
	    TEST_FILE_PORT, FS_TRANS_SET, FS_TRANS_SET | FS_TRANS_EXCL, FSYS_GOAWAY_NOSYNC, passive,
	    sizeof(passive) - 1, TEST_FSYS_PORT, MACH_MSG_TYPE_COPY_SEND);
	CHECK(error == 0 && loopback_last_traffic().request_copy_sends == 1,
	      "file_set_translator: flags, the argz record and the active port arrive");
	error = file_set_translator(TEST_DIR_PORT, FS_TRANS_SET, 0, 0, passive, sizeof(passive) - 1,
	                            MACH_PORT_NULL, MACH_MSG_TYPE_COPY_SEND);
	CHECK(error == EPERM, "file_set_translator: the server's EPERM reaches the caller");

	char buffer[256];
	data_t translator = buffer;
	mach_msg_type_number_t length = sizeof(buffer);
	error = file_get_translator(TEST_FILE_PORT, &translator, &length);
	CHECK(error == 0 && translator == buffer && length == sizeof(passive) - 1 &&
	          memcmp(translator, passive, length) == 0,
	      "file_get_translator: the argz record comes back inline, NULs and all");

	time_spec_t access_time = {1700000000, 5}, modify_time = {0, HURD_UTIME_NOW};
	CHECK(file_utimens(TEST_FILE_PORT, access_time, modify_time) == 0,
	      "file_utimens: both time structures arrive");
	CHECK(file_chown(TEST_FILE_PORT, 1000, (hurd_gid_t)-1) == 0, "file_chown: ids arrive");
	fsys_statfsbuf_t info;
	memset(&info, 0, sizeof(info));
	error = file_statfs(TEST_FILE_PORT, &info);
	CHECK(error == 0 && info.type == 0x01021994 && info.blocks == UINT64_C(1) << 33 &&
	          info.blocks_free == 12345 && info.name_max == 255,
	      "file_statfs: the structure comes back");
	CHECK(dir_rename(TEST_DIR_PORT, "old name", TEST_FILE_PORT, "new name", 1) == 0,
	      "dir_rename: two ports and two names arrive in order");
	mach_port_t node = MACH_PORT_NULL;
	CHECK(dir_mkfile(TEST_DIR_PORT, HURD_O_RDWR, 0600, &node) == 0 && node == TEST_RESULT_PORT,
	      "dir_mkfile: the new node's port comes back");
	CHECK(dir_rmdir(TEST_DIR_PORT, "a") == EOPNOTSUPP,
	      "dir_rmdir, not implemented by the test server: EOPNOTSUPP from MIG's default");

	mach_port_t fds[3] = {TEST_FD_PORT_BASE, TEST_FD_PORT_BASE + 1, TEST_FD_PORT_BASE + 2};
	mach_port_t ports[INIT_PORT_MAX] = {0};
	ports[INIT_PORT_AUTH] = TEST_AUTH_PORT;
	ports[INIT_PORT_PROC] = TEST_PROC_PORT;
	int ints[INIT_INT_MAX] = {[INIT_UMASK] = 022};
	error = file_exec(TEST_FILE_PORT, TEST_TASK_PORT, EXEC_NEWTASK | EXEC_DEFAULTS, "ls\0-l\0",
	                  6, "HOME=/\0", 7, fds, MACH_MSG_TYPE_COPY_SEND, 3, ports,
	                  MACH_MSG_TYPE_COPY_SEND, INIT_PORT_MAX, ints, INIT_INT_MAX);
	CHECK(error == 0 && loopback_last_traffic().request_copy_sends == 3 + INIT_PORT_MAX + 1,
	      "file_exec: task, argv, envp, port arrays and ints arrive");
}

static void test_io(void)
{
	char small[128];
	data_t data = small;
	mach_msg_type_number_t length = sizeof(small);
	kern_return_t error = io_read(TEST_FILE_PORT, &data, &length, 0, 100);
	int wrong = 0;
	for (unsigned i = 0; error == 0 && i < length; i++)
		wrong += data[i] != test_content_byte(i);
	CHECK(error == 0 && data == small && length == 100 && wrong == 0,
	      "io_read: 100 bytes come back inline into the caller's buffer");

	data = small;
	length = sizeof(small);
	error = io_read(TEST_FILE_PORT, &data, &length, 4096, TEST_READ_SIZE);
	wrong = 0;
	for (unsigned i = 0; error == 0 && i < length; i++)
		wrong += data[i] != test_content_byte(4096 + i);
	CHECK(error == 0 && data != small && length == TEST_READ_SIZE && wrong == 0 &&
	          loopback_last_traffic().reply_ool_items == 1,
	      "io_read: 100 KiB at offset 4096 come back out of line, every byte right");
	if (error == 0 && data != small)
		mig_deallocate((vm_address_t)data, length);

	char *contents = malloc(TEST_READ_SIZE);
	for (unsigned i = 0; i < TEST_READ_SIZE; i++)
		contents[i] = test_content_byte(i);
	vm_size_t written = 0;
	error = io_write(TEST_FILE_PORT, contents, TEST_READ_SIZE, -1, &written);
	CHECK(error == 0 && written == TEST_READ_SIZE &&
	          loopback_last_traffic().request_ool_items == 1,
	      "io_write: 100 KiB go out of line and the server sees every byte");
	error = io_write(TEST_DIR_PORT, contents, TEST_READ_SIZE, -1, &written);
	CHECK(error == EISDIR && loopback_last_traffic().request_destroyed,
	      "io_write: the server's EISDIR reaches the caller, the refused data is freed");
	CHECK(contents[12345] == test_content_byte(12345), "io_write: the caller keeps its buffer");
	free(contents);

	hurd_off_t position = 0;
	error = io_seek(TEST_FILE_PORT, -5, 2, &position);
	CHECK(error == 0 && position == (INT64_C(5) << 32) - 5,
	      "io_seek: negative and beyond-4-GiB 64-bit offsets survive");

	io_statbuf_t stat_info;
	memset(&stat_info, 0, sizeof(stat_info));
	error = io_stat(TEST_FILE_PORT, &stat_info);
	CHECK(error == 0 && stat_info.ino == 1234 && stat_info.size == INT64_C(5) << 30 &&
	          stat_info.mode == 0100644 && stat_info.uid == 1000 &&
	          stat_info.mtime.nanoseconds == 999999999,
	      "io_stat: the stat structure comes back field for field");

	int select_type = SELECT_READ | SELECT_WRITE;
	time_spec_t timeout = {1, 500000000};
	test_server_reply_port = MACH_PORT_NULL;
	error = io_select(TEST_FILE_PORT, timeout, &select_type);
	CHECK(error == 0 && select_type == SELECT_READ &&
	          test_server_reply_port == LOOPBACK_REPLY_PORT,
	      "io_select: timeout and kinds in, ready kinds out; the server got the reply port");
	select_type = SELECT_URG;
	error = io_select(TEST_FILE_PORT, timeout, &select_type);
	CHECK(error == 0 && select_type == SELECT_URG && loopback_last_traffic().answered_later,
	      "io_select: answered later through io_select_reply");

	CHECK(io_reauthenticate(TEST_FILE_PORT, TEST_OTHER_PORT, MACH_MSG_TYPE_MAKE_SEND) == 0 &&
	          loopback_last_traffic().request_make_sends == 1,
	      "io_reauthenticate: the rendezvous port goes as a made send right");

	hurd_uid_t uids[] = {1000, 100}, gids[] = {100};
	mach_port_t restricted = MACH_PORT_NULL;
	error = io_restrict_auth(TEST_FILE_PORT, &restricted, uids, 2, gids, 1);
	CHECK(error == 0 && restricted == TEST_RESULT_PORT,
	      "io_restrict_auth: id arrays in, a new port out");

	mach_port_t id_port = MACH_PORT_NULL, fsys_id_port = MACH_PORT_NULL;
	uint64_t file_number = 0;
	error = io_identity(TEST_FILE_PORT, &id_port, &fsys_id_port, &file_number);
	struct loopback_traffic traffic = loopback_last_traffic();
	CHECK(error == 0 && id_port == TEST_RESULT_PORT && fsys_id_port == TEST_OTHER_PORT &&
	          file_number == UINT64_C(0x123456789abcdef) && traffic.reply_copy_sends == 1 &&
	          traffic.reply_make_sends == 1,
	      "io_identity: two ports with their own dispositions and a 64-bit number");
	mach_port_t memory_read, memory_write;
	CHECK(io_map(TEST_FILE_PORT, &memory_read, &memory_write) == EOPNOTSUPP,
	      "io_map, not implemented by the test server: EOPNOTSUPP");
}

static void test_fsys(void)
{
	hurd_uid_t uids[] = {0}, gids[] = {0, 1};
	retry_type retry = 0;
	path_t retry_name = "unchanged";
	mach_port_t root = MACH_PORT_NULL;
	kern_return_t error =
	    fsys_getroot(TEST_FSYS_PORT, uids, 1, gids, 2, HURD_O_READ, &retry, retry_name, &root);
	CHECK(error == 0 && retry == FS_RETRY_NORMAL && retry_name[0] == '\0' &&
	          root == TEST_DIR_PORT,
	      "fsys_getroot: ids and flags in, an empty NORMAL retry and the root out");

	char buffer[16];
	data_t options = buffer;
	mach_msg_type_number_t length = sizeof(buffer);
	error = fsys_get_options(TEST_FSYS_PORT, &options, &length);
	CHECK(error == 0 && options != buffer && length == sizeof(TEST_FS_OPTIONS) - 1 &&
	          memcmp(options, TEST_FS_OPTIONS, length) == 0,
	      "fsys_get_options: an argz larger than the caller's buffer arrives in new memory");
	if (error == 0 && options != buffer)
		mig_deallocate((vm_address_t)options, length);

	mach_port_t realnode = MACH_PORT_NULL;
	error = fsys_startup(TEST_OTHER_PORT, HURD_O_RDWR, TEST_FSYS_PORT, MACH_MSG_TYPE_MAKE_SEND,
	                     &realnode);
	CHECK(error == 0 && realnode == TEST_FILE_PORT,
	      "fsys_startup: the control port goes, the underlying node comes back");
	CHECK(fsys_goaway(TEST_FSYS_PORT, 0) == EBUSY &&
	          fsys_goaway(TEST_FSYS_PORT, FSYS_GOAWAY_FORCE) == 0,
	      "fsys_goaway: EBUSY without FORCE, success with it");
}

int main(void)
{
	loopback_set_demux(test_hurd_demux);
	loopback_set_later(test_server_answer_later);
	test_dir_lookup();
	test_dir_readdir();
	test_file_routines();
	test_io();
	test_fsys();
	check_loopback_run(32);
	return tap_finish();
}
