/* Client helpers of the file-system tests (tmpfs_test, translator_test):
 * dir_lookup that expects a file, reading a whole small file, directory
 * listings, and taking on another identity (auth_makeauth, then
 * io_reauthenticate). Static inline functions for single-file programs. */
#ifndef FS_CLIENT_H
#define FS_CLIENT_H

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <mach.h>
#include <hurd/auth.h>
#include <hurd/fs.h>
#include <hurd/io.h>

/* dir_lookup that must end in the file itself (NORMAL, empty name): 0 and
 * *file, the server's error, or EPROTO for any retry. */
static inline kern_return_t fs_open(mach_port_t dir, const char *name, int flags, hurd_mode_t mode,
                                    mach_port_t *file)
{
	retry_type retry = 0;
	path_t retry_name = "x";
	mach_port_t result = MACH_PORT_NULL;
	kern_return_t error = dir_lookup(dir, name, flags, mode, &retry, retry_name, &result);
	if (error)
		return error;
	if (retry != FS_RETRY_NORMAL || retry_name[0] != '\0') {
		if (MACH_PORT_VALID(result))
			(void)mach_port_deallocate(mach_task_self(), result);
		return EPROTO;
	}
	*file = result;
	return 0;
}

/* dir_lookup's whole answer. */
static inline kern_return_t fs_lookup(mach_port_t dir, const char *name, int flags,
                                      retry_type *retry, char *retry_name, mach_port_t *result)
{
	*result = MACH_PORT_NULL;
	return dir_lookup(dir, name, flags, 0, retry, retry_name, result);
}

static inline void fs_close(mach_port_t port)
{
	if (MACH_PORT_VALID(port))
		(void)mach_port_deallocate(mach_task_self(), port);
}

/* Reads up to size - 1 bytes at offset into text, NUL-terminated: the count
 * or -1 (error in *error). */
static inline long fs_read_at(mach_port_t file, hurd_off_t offset, char *text, size_t size,
                              kern_return_t *error)
{
	data_t data = text;
	mach_msg_type_number_t count = (mach_msg_type_number_t)(size - 1);
	*error = io_read(file, &data, &count, offset, size - 1);
	if (*error)
		return -1;
	size_t kept = count < size - 1 ? count : size - 1;
	if (data != text) {
		memcpy(text, data, kept);
		(void)vm_deallocate(mach_task_self(), (vm_address_t)data, count);
	}
	text[kept] = '\0';
	return (long)kept;
}

/* Whether name under dir opens for reading and holds exactly expected. */
static inline bool fs_file_holds(mach_port_t dir, const char *name, const char *expected)
{
	mach_port_t file;
	if (fs_open(dir, name, HURD_O_READ, 0, &file) != 0)
		return false;
	char text[512];
	kern_return_t error;
	long count = fs_read_at(file, 0, text, sizeof(text), &error);
	fs_close(file);
	return count >= 0 && strcmp(text, expected) == 0;
}

/* Writes text at offset: 0 or the error (EIO for a short write). */
static inline kern_return_t fs_write(mach_port_t file, hurd_off_t offset, const char *data,
                                     size_t length)
{
	vm_size_t written = 0;
	kern_return_t error =
	    io_write(file, data, (mach_msg_type_number_t)length, offset, &written);
	if (!error && written != length)
		error = EIO;
	return error;
}

/* Whether dir's listing (dir_readdir from 0, all entries) has name; *entries
 * (if not NULL) is the number of entries or minus the error. */
static inline bool fs_dir_has(mach_port_t dir, const char *name, int *entries)
{
	char buffer[2048];
	data_t data = buffer;
	mach_msg_type_number_t count = sizeof(buffer);
	int amount = 0;
	kern_return_t error = dir_readdir(dir, &data, &count, 0, -1, 0, &amount);
	if (entries)
		*entries = error ? -error : amount;
	if (error)
		return false;
	bool found = false;
	for (size_t at = 0; at + sizeof(struct hurd_dirent) <= count;) {
		const struct hurd_dirent *entry = (const struct hurd_dirent *)(data + at);
		if (entry->record_length == 0)
			break;
		if (strcmp(entry->name, name) == 0)
			found = true;
		at += entry->record_length;
	}
	if (data != buffer)
		(void)vm_deallocate(mach_task_self(), (vm_address_t)data, count);
	return found;
}

/* A new auth handle for uid/gid (from a handle allowed to make it). */
static inline kern_return_t fs_make_identity(mach_port_t auth, hurd_uid_t uid, hurd_gid_t gid,
                                             mach_port_t *handle)
{
	hurd_uid_t uids[1] = {uid}, gids[1] = {gid};
	return auth_makeauth(auth, NULL, MACH_MSG_TYPE_COPY_SEND, 0, uids, 1, uids, 1, gids, 1,
	                     gids, 1, handle);
}

/* io_reauthenticate of port as the identity behind handle: the client's
 * half of the rendezvous; *result is the new port. */
static inline kern_return_t fs_reauthenticate(mach_port_t port, mach_port_t handle,
                                              mach_port_t *result)
{
	mach_port_t rendezvous;
	kern_return_t error =
	    mach_port_allocate(mach_task_self(), MACH_PORT_RIGHT_RECEIVE, &rendezvous);
	if (error)
		return error;
	error = io_reauthenticate(port, rendezvous, MACH_MSG_TYPE_MAKE_SEND);
	if (!error)
		error = auth_user_authenticate(handle, rendezvous, MACH_MSG_TYPE_MAKE_SEND, result);
	(void)mach_port_mod_refs(mach_task_self(), rendezvous, MACH_PORT_RIGHT_RECEIVE, -1);
	return error;
}

#endif
