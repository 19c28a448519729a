/* tmpfs (translators/tmpfs on lib/netfs) seen by a client in another task:
 * the root directory from the boot runner's registry, the initial tree from
 * the boot archive, files, directories, symbolic links, the lookup
 * contract's answers (MAGICAL ".." at the root and absolute links), readdir,
 * permissions for a user made with auth_makeauth and io_reauthenticate, and
 * the size limit. */
#define _GNU_SOURCE
#include "linux_check.h"
#include "fs_client.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <libmach/glibc.h>
#include <wildebeest/bootstrap_registry_client.h>


static mach_port_t root, auth;

static void initial_tree(void)
{
	check(fs_file_holds(root, "etc/motd", "Welcome to Wildebeest.\n"),
	      "the boot archive's /etc/motd reads back");
	check(fs_file_holds(root, "/etc//hostname", "wildebeest\n"),
	      "leading and doubled slashes are skipped");
	check(fs_file_holds(root, "etc/motd-link", "Welcome to Wildebeest.\n"),
	      "the archive's relative symbolic link is followed inside the server");
	mach_port_t file;
	kern_return_t error = fs_open(root, "hurd/hello", HURD_O_READ | HURD_O_EXEC, 0, &file);
	io_statbuf_t st;
	if (!error)
		error = io_stat(file, &st);
	check(!error && S_ISREG(st.mode) && (st.mode & 0777) == 0755 && st.size > 100000 &&
	          st.uid == 0,
	      "/hurd/hello is in the tree, an executable of %lld bytes owned by root",
	      error ? 0ll : (long long)st.size);
	fs_close(file);
	int entries = 0;
	bool listed = fs_dir_has(root, "hurd", &entries) && fs_dir_has(root, "tmp", NULL) &&
	              fs_dir_has(root, "..", NULL);
	check(listed && entries == 5, "dir_readdir of / lists ., .., etc, hurd, tmp (%d entries)",
	      entries);
	char buffer[256];
	data_t data = buffer;
	mach_msg_type_number_t count = sizeof(buffer);
	int amount = 0;
	error = dir_readdir(root, &data, &count, 2, 1, 0, &amount);
	const struct hurd_dirent *entry = (const struct hurd_dirent *)data;
	check(!error && amount == 1 && count == entry->record_length &&
	          strcmp(entry->name, "etc") == 0 && entry->type == 4,
	      "dir_readdir from entry 2, one entry: the directory etc (%d)", error);
	count = sizeof(buffer);
	error = dir_readdir(root, &data, &count, 0, -1, 40, &amount);
	check(!error && amount == 2 && count <= 40,
	      "dir_readdir within 40 bytes gives the 2 records that fit (%d)", amount);
	error = fs_open(root, "etc/missing", HURD_O_READ, 0, &file);
	check(error == ENOENT, "a missing name is ENOENT (%d)", error);
	error = fs_open(root, "etc/motd/x", HURD_O_READ, 0, &file);
	check(error == ENOTDIR, "a name under a file is ENOTDIR (%d)", error);
	error = fs_open(root, "etc/motd", HURD_O_READ | HURD_O_DIRECTORY, 0, &file);
	check(error == ENOTDIR, "HURD_O_DIRECTORY on a file is ENOTDIR (%d)", error);
	error = fs_open(root, "etc", HURD_O_WRITE, 0, &file);
	check(error == EISDIR, "opening a directory for writing is EISDIR (%d)", error);
}

static void files_and_directories(void)
{
	mach_port_t file, again;
	kern_return_t error =
	    fs_open(root, "tmp/a", HURD_O_CREAT | HURD_O_READ | HURD_O_WRITE, 0644, &file);
	if (!error)
		error = fs_write(file, -1, "hello tmpfs", 11);
	check(!error && fs_file_holds(root, "tmp/a", "hello tmpfs"),
	      "HURD_O_CREAT makes a file; written, it reads back through a new lookup (%d)", error);
	error = fs_open(root, "tmp/a", HURD_O_CREAT | HURD_O_EXCL | HURD_O_WRITE, 0644, &again);
	check(error == EEXIST, "HURD_O_CREAT|HURD_O_EXCL on it is EEXIST (%d)", error);
	hurd_off_t position = 0;
	error = io_seek(file, 6, SEEK_SET, &position);
	char text[64];
	long count = error ? -1 : fs_read_at(file, -1, text, sizeof(text), &error);
	check(count == 5 && strcmp(text, "tmpfs") == 0, "io_seek then io_read at the offset");
	error = file_set_size(file, 5);
	check(!error && fs_file_holds(root, "tmp/a", "hello"), "file_set_size truncates (%d)",
	      error);
	fs_close(file);
	error = dir_mkdir(root, "tmp", 0755);
	check(error == EEXIST, "dir_mkdir of an existing name is EEXIST (%d)", error);
	mach_port_t tmp;
	error = fs_open(root, "tmp", HURD_O_READ, 0, &tmp);
	if (!error)
		error = dir_mkdir(tmp, "d", 0755);
	check(!error && fs_file_holds(root, "tmp/d/../a", "hello"),
	      "dir_mkdir makes a directory; .. inside the tree goes to its parent (%d)", error);
	error = fs_open(root, "tmp/d/new", HURD_O_CREAT | HURD_O_WRITE, 0600, &file);
	fs_close(file);
	error = error ? error : dir_rmdir(tmp, "d");
	check(error == ENOTEMPTY, "dir_rmdir of a directory with an entry is ENOTEMPTY (%d)",
	      error);
	error = dir_rename(tmp, "d/new", tmp, "b", 0);
	check(error == EINVAL, "dir_rename refuses a name with a slash (%d)", error);
	mach_port_t d;
	error = fs_open(tmp, "d", HURD_O_READ, 0, &d);
	if (!error)
		error = dir_rename(d, "new", tmp, "b", 0);
	check(!error && fs_open(tmp, "b", HURD_O_READ, 0, &file) == 0,
	      "dir_rename moves an entry between directories (%d)", error);
	fs_close(file);
	error = dir_rmdir(tmp, "d");
	check(!error && fs_open(root, "tmp/d", HURD_O_READ, 0, &file) == ENOENT,
	      "dir_rmdir of the empty directory removes it (%d)", error);
	path_t retry_name;
	error = dir_lookup(d, "..", HURD_O_READ, 0, &(retry_type){0}, retry_name, &file);
	check(error == ENOENT, ".. of a removed directory is ENOENT (%d)", error);
	fs_close(d);
	error = fs_open(tmp, "a", HURD_O_READ, 0, &file);
	if (!error)
		error = dir_link(tmp, file, "a2", 1);
	check(!error && fs_file_holds(tmp, "a2", "hello"), "dir_link makes a second name (%d)",
	      error);
	error = dir_link(tmp, file, "a2", 1);
	check(error == EEXIST, "dir_link with excl onto an existing name is EEXIST (%d)", error);
	io_statbuf_t st;
	error = io_stat(file, &st);
	check(!error && st.nlink == 2, "the file has 2 links (%u)", error ? 0 : st.nlink);
	error = dir_unlink(tmp, "a");
	check(!error && fs_open(tmp, "a", HURD_O_READ, 0, &again) == ENOENT &&
	          fs_file_holds(tmp, "a2", "hello"),
	      "dir_unlink removes one name, the other still reads (%d)", error);
	error = dir_unlink(root, "tmp");
	check(error == EISDIR, "dir_unlink of a directory is EISDIR (%d)", error);
	fs_close(file);
	fs_close(tmp);
}

/* A symbolic link made the Hurd's way: an unnamed file, its passive
 * translator /hurd/symlink TARGET, then a name. */
static kern_return_t make_symlink(mach_port_t dir, const char *name, const char *target)
{
	mach_port_t file;
	kern_return_t error = dir_mkfile(dir, HURD_O_READ, 0777, &file);
	if (error)
		return error;
	char record[256];
	size_t length =
	    (size_t)snprintf(record, sizeof(record), "/hurd/symlink%c%s", 0, target) + 1;
	error = file_set_translator(file, FS_TRANS_SET, 0, 0, record, length, MACH_PORT_NULL,
	                            MACH_MSG_TYPE_COPY_SEND);
	if (!error)
		error = dir_link(dir, file, name, 1);
	fs_close(file);
	return error;
}

static void symlinks_and_retries(void)
{
	mach_port_t tmp, file;
	kern_return_t error = fs_open(root, "tmp", HURD_O_READ, 0, &tmp);
	if (!error)
		error = make_symlink(tmp, "rel", "../etc/motd");
	check(!error && fs_file_holds(root, "tmp/rel", "Welcome to Wildebeest.\n"),
	      "a relative symbolic link made with dir_mkfile, file_set_translator and dir_link "
	      "is followed (%d)",
	      error);
	char record[256];
	data_t data = record;
	mach_msg_type_number_t count = sizeof(record);
	error = fs_open(tmp, "rel", HURD_O_READ | HURD_O_NOLINK, 0, &file);
	io_statbuf_t st;
	if (!error)
		error = io_stat(file, &st);
	check(!error && S_ISLNK(st.mode), "HURD_O_NOLINK opens the link itself (%d)", error);
	error = error ? error : file_get_translator(file, &data, &count);
	check(!error && count == 26 && memcmp(data, "/hurd/symlink\0../etc/motd\0", 26) == 0,
	      "file_get_translator of a link is \"/hurd/symlink\" and its target");
	fs_close(file);
	retry_type retry = 0;
	path_t name;
	mach_port_t result;
	error = make_symlink(tmp, "abs", "/etc/motd");
	error = error ? error : fs_lookup(root, "tmp/abs", HURD_O_READ, &retry, name, &result);
	check(!error && retry == FS_RETRY_MAGICAL && strcmp(name, "/etc/motd") == 0 &&
	          result == MACH_PORT_NULL,
	      "an absolute link is answered MAGICAL with its target (\"%s\")", error ? "" : name);
	error = fs_lookup(root, "tmp/abs/x/y", HURD_O_READ, &retry, name, &result);
	check(!error && retry == FS_RETRY_MAGICAL && strcmp(name, "/etc/motd/x/y") == 0,
	      "... followed by the rest of the name (\"%s\")", error ? "" : name);
	error = fs_lookup(root, "../x", HURD_O_READ, &retry, name, &result);
	check(!error && retry == FS_RETRY_MAGICAL && strcmp(name, "../x") == 0 &&
	          result == MACH_PORT_NULL,
	      ".. at the server's root is MAGICAL \"../x\" for the client (\"%s\")",
	      error ? "" : name);
	error = fs_lookup(root, "tmp/../etc/../..", HURD_O_READ, &retry, name, &result);
	check(!error && retry == FS_RETRY_MAGICAL && strcmp(name, "..") == 0,
	      "... also after walking back up inside the tree (\"%s\")", error ? "" : name);
	error = make_symlink(tmp, "loop", "loop");
	error = error ? error : fs_open(tmp, "loop", HURD_O_READ, 0, &file);
	check(error == ELOOP, "a link to itself is ELOOP after 32 links (%d)", error);
	error = fs_lookup(root, "", HURD_O_READ, &retry, name, &result);
	check(!error && retry == FS_RETRY_NORMAL && name[0] == '\0' && MACH_PORT_VALID(result),
	      "an empty name is the directory itself, a new port (%d)", error);
	fs_close(result);
	fs_close(tmp);
}

static void permissions(void)
{
	mach_port_t handle = MACH_PORT_NULL, user_root = MACH_PORT_NULL, file;
	kern_return_t error = fs_make_identity(auth, 1000, 1000, &handle);
	if (!error)
		error = fs_reauthenticate(root, handle, &user_root);
	check(!error && MACH_PORT_VALID(user_root),
	      "io_reauthenticate of the root port as uid 1000 gives a new port (%d)", error);
	if (error)
		return;
	check(fs_file_holds(user_root, "etc/motd", "Welcome to Wildebeest.\n"),
	      "uid 1000 reads a 0644 file of root's");
	error = fs_open(user_root, "etc/motd", HURD_O_WRITE, 0, &file);
	check(error == EACCES, "uid 1000 may not open it for writing: EACCES (%d)", error);
	error = fs_open(user_root, "mine", HURD_O_CREAT | HURD_O_WRITE, 0644, &file);
	check(error == EACCES, "uid 1000 may not create in root's 0755 /: EACCES (%d)", error);
	error =
	    fs_open(user_root, "tmp/mine", HURD_O_CREAT | HURD_O_WRITE | HURD_O_READ, 0600, &file);
	io_statbuf_t st;
	if (!error)
		error = io_stat(file, &st);
	check(!error && st.uid == 1000 && st.gid == 1000 && (st.mode & 07777) == 0600,
	      "uid 1000 creates in the sticky 1777 /tmp, owning the file (%d)", error);
	fs_close(file);
	check(fs_open(root, "tmp/mine", HURD_O_READ, 0, &file) == 0,
	      "root reads uid 1000's 0600 file (uid 0 passes the bits)");
	fs_close(file);
	error = fs_open(user_root, "etc/hostname", HURD_O_READ, 0, &file);
	error = error ? error : file_chmod(file, 0666);
	check(error == EPERM, "file_chmod of root's file by uid 1000 is EPERM (%d)", error);
	fs_close(file);
	mach_port_t user_tmp;
	error = fs_open(user_root, "tmp", HURD_O_READ, 0, &user_tmp);
	error = error ? error : dir_unlink(user_tmp, "a2");
	check(error == EPERM, "uid 1000 may not unlink root's file in sticky /tmp: EPERM (%d)",
	      error);
	fs_close(user_tmp);
	error = fs_open(user_root, "etc/hostname", HURD_O_READ, 0, &file);
	error = error ? error
	              : file_set_translator(file, FS_TRANS_SET, 0, 0, "/hurd/hello", 12,
	                                    MACH_PORT_NULL, MACH_MSG_TYPE_COPY_SEND);
	check(error == EPERM, "file_set_translator on root's node by uid 1000 is EPERM (%d)",
	      error);
	fs_close(file);
	mach_port_t restricted;
	error =
	    io_restrict_auth(root, &restricted, (hurd_uid_t[]){1000}, 1, (hurd_gid_t[]){1000}, 1);
	error = error ? error : fs_open(restricted, "etc/motd", HURD_O_WRITE, 0, &file);
	check(error == EACCES, "io_restrict_auth of root's port to uid 1000 loses write (%d)",
	      error);
	fs_close(restricted);
	fs_close(user_root);
	fs_close(handle);
}

static void size_limit(void)
{
	static char megabyte[1 << 20];
	memset(megabyte, 'x', sizeof(megabyte));
	mach_port_t file;
	kern_return_t error = fs_open(root, "tmp/big", HURD_O_CREAT | HURD_O_WRITE, 0644, &file);
	int written = 0;
	while (!error && written < 64) {
		error = fs_write(file, -1, megabyte, sizeof(megabyte));
		written += !error;
	}
	check(error == ENOSPC && written >= 4 && written < 16,
	      "writing past --size=16m is ENOSPC (%d MiB written, %d)", written, error);
	error = file_set_size(file, 0);
	error = error ? error : fs_write(file, 0, megabyte, sizeof(megabyte));
	check(!error, "truncating gives the space back: a write succeeds again (%d)", error);
	fs_close(file);
	char buffer[256];
	data_t data = buffer;
	mach_msg_type_number_t count = sizeof(buffer);
	error = file_get_fs_options(root, &data, &count);
	check(!error && count > 6 && memcmp(data, "tmpfs\0--size=16777216\0", 22) == 0,
	      "file_get_fs_options shows the program and its options");
	fsys_statfsbuf_t info;
	error = file_statfs(root, &info);
	check(!error && info.blocks == 4096 && info.blocks_free < info.blocks,
	      "file_statfs reports the limit in 4 KiB blocks (%llu)",
	      error ? 0ull : (unsigned long long)info.blocks);
}

int main(void)
{
	int error = bootstrap_registry_lookup_named(libmach_bootstrap_port, "root", &root);
	check(!error, "the boot runner's registry has \"root\" (%d)", error);
	error =
	    error ? error : bootstrap_registry_lookup_named(libmach_bootstrap_port, "auth", &auth);
	check(!error, "... and \"auth\" (%d)", error);
	if (error)
		return 1;
	initial_tree();
	files_and_directories();
	symlinks_and_retries();
	permissions();
	size_limit();
	return failures ? 1 : 0;
}
