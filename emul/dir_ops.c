/* Directory system calls: getdents64 (dir_readdir records in Linux's
 * layout), mkdirat, unlinkat, renameat2, linkat, symlinkat (dir_mkfile, the
 * "/hurd/symlink TARGET" record, dir_link) and readlinkat (the record back),
 * each with its older non-*at form. */
#include <stddef.h>
#include <mach.h>
#include <timed_fs.h>
#include "files.h"
#include "linux_abi.h"
#include "linux_files_abi.h"
#include "syscalls.h"
#include "lib/kstring.h"
#include "proc_self.h"

static const char symlink_program[] = "/hurd/symlink";
/* The fixed parts of the two records, up to their names. */
#define HURD_DIRENT_HEADER  offsetof(struct hurd_dirent, name)
#define LINUX_DIRENT_HEADER offsetof(struct linux_dirent64, name)

long emul_sys_getdents64(struct emul_frame *frame)
{
	int fd = (int)frame->rdi;
	uint64_t buffer = frame->rsi, count = frame->rdx;
	if (count > 0x7fffffff)
		count = 0x7fffffff;
	if (!emul_user_range_ok(buffer, count, VM_PROT_WRITE))
		return -LINUX_EFAULT;
	struct emul_fd_ref ref;
	long result = emul_fd_get(fd, &ref);
	if (result < 0)
		return result;
	if (ref.entry.kind != EMUL_FD_PORT) {
		emul_fd_put(&ref);
		return -LINUX_ENOTDIR;
	}
	/* Linux's records are at most 8 bytes longer than the protocol's. */
	char *data = NULL;
	mach_msg_type_number_t data_length = 0;
	int entries = 0;
	kern_return_t answer = timed_dir_readdir(ref.entry.port, EMUL_FILE_RPC_MS, &data,
	                                         &data_length, (int)ref.entry.dir_entry, -1,
	                                         count / 2 > 64 ? count / 2 : 64, &entries);
	if (answer != KERN_SUCCESS) {
		emul_fd_put(&ref);
		return emul_rpc_errno(answer);
	}
	uint64_t written = 0, entry_number = ref.entry.dir_entry;
	size_t position = 0;
	result = 0;
	for (int i = 0; i < entries; i++) {
		if (position + HURD_DIRENT_HEADER > data_length)
			break;
		const struct hurd_dirent *record = (const struct hurd_dirent *)(data + position);
		if (record->record_length < HURD_DIRENT_HEADER ||
		    position + record->record_length > data_length)
			break;
		size_t name_length = record->name_length;
		if (HURD_DIRENT_HEADER + name_length >= record->record_length)
			break;
		size_t linux_length = (LINUX_DIRENT_HEADER + name_length + 1 + 7) & ~7ul;
		if (written + linux_length > count) {
			if (written == 0)
				result = -LINUX_EINVAL;
			break;
		}
		struct linux_dirent64 *out = (struct linux_dirent64 *)(buffer + written);
		entry_number++;
		out->ino = record->ino;
		out->offset = (int64_t)entry_number;
		out->record_length = (uint16_t)linux_length;
		out->type = record->type;
		memcpy(out->name, record->name, name_length);
		memset(out->name + name_length, 0,
		       linux_length - LINUX_DIRENT_HEADER - name_length);
		written += linux_length;
		position += record->record_length;
	}
	if (data && data_length)
		(void)vm_deallocate(mach_task_self(), (vm_address_t)data, data_length);
	emul_fd_set_dir_entry(fd, ref.entry.port, entry_number);
	emul_fd_put(&ref);
	return result < 0 ? result : (long)written;
}

/* The directory and last name of the program's path at address. */
static long parent_of(int dirfd, uint64_t address, mach_port_t *directory, char *name)
{
	char path[HURD_PATH_MAX];
	long error = emul_path_from_user(address, path, 0);
	if (error < 0)
		return error;
	return emul_path_parent(dirfd, path, directory, name);
}

static long make_directory(int dirfd, uint64_t path, uint32_t mode)
{
	mach_port_t directory;
	char name[HURD_STRING_MAX];
	long error = parent_of(dirfd, path, &directory, name);
	if (error == -LINUX_EINVAL || error == -LINUX_EBUSY)
		return -LINUX_EEXIST; /* ".", ".." and "/" exist */
	if (error < 0)
		return error;
	kern_return_t answer =
	    timed_dir_mkdir(directory, EMUL_FILE_RPC_MS, name, (mode & 07777) & ~emul_files.umask);
	emul_port_release(directory);
	return emul_rpc_errno(answer);
}

long emul_sys_mkdirat(struct emul_frame *frame)
{
	return make_directory((int)frame->rdi, frame->rsi, (uint32_t)frame->rdx);
}

long emul_sys_mkdir(struct emul_frame *frame)
{
	return make_directory(LINUX_AT_FDCWD, frame->rdi, (uint32_t)frame->rsi);
}

static long remove_name(int dirfd, uint64_t path, int directory_wanted)
{
	mach_port_t directory;
	char name[HURD_STRING_MAX];
	long error = parent_of(dirfd, path, &directory, name);
	if (error == -LINUX_EINVAL && !directory_wanted)
		return -LINUX_EISDIR;
	if (error < 0)
		return error;
	kern_return_t answer = directory_wanted
	                           ? timed_dir_rmdir(directory, EMUL_FILE_RPC_MS, name)
	                           : timed_dir_unlink(directory, EMUL_FILE_RPC_MS, name);
	emul_port_release(directory);
	return emul_rpc_errno(answer);
}

long emul_sys_unlinkat(struct emul_frame *frame)
{
	if (frame->rdx & ~(uint64_t)LINUX_AT_REMOVEDIR)
		return -LINUX_EINVAL;
	return remove_name((int)frame->rdi, frame->rsi, (frame->rdx & LINUX_AT_REMOVEDIR) != 0);
}

long emul_sys_unlink(struct emul_frame *frame)
{
	return remove_name(LINUX_AT_FDCWD, frame->rdi, 0);
}

long emul_sys_rmdir(struct emul_frame *frame)
{
	return remove_name(LINUX_AT_FDCWD, frame->rdi, 1);
}

static long rename_at(int old_dirfd, uint64_t old_path, int new_dirfd, uint64_t new_path,
                      uint64_t flags)
{
	if (flags & ~(uint64_t)LINUX_RENAME_NOREPLACE)
		return flags & (LINUX_RENAME_EXCHANGE | LINUX_RENAME_WHITEOUT) ? -LINUX_EOPNOTSUPP
		                                                               : -LINUX_EINVAL;
	mach_port_t old_directory, new_directory;
	char old_name[HURD_STRING_MAX], new_name[HURD_STRING_MAX];
	long error = parent_of(old_dirfd, old_path, &old_directory, old_name);
	if (error < 0)
		return error == -LINUX_EINVAL ? -LINUX_EBUSY : error;
	error = parent_of(new_dirfd, new_path, &new_directory, new_name);
	if (error < 0) {
		emul_port_release(old_directory);
		return error == -LINUX_EINVAL ? -LINUX_EBUSY : error;
	}
	kern_return_t answer =
	    timed_dir_rename(old_directory, EMUL_FILE_RPC_MS, old_name, new_directory, new_name,
	                     (flags & LINUX_RENAME_NOREPLACE) != 0);
	emul_port_release(old_directory);
	emul_port_release(new_directory);
	return emul_rpc_errno(answer);
}

long emul_sys_renameat2(struct emul_frame *frame)
{
	return rename_at((int)frame->rdi, frame->rsi, (int)frame->rdx, frame->r10, frame->r8);
}

long emul_sys_renameat(struct emul_frame *frame)
{
	return rename_at((int)frame->rdi, frame->rsi, (int)frame->rdx, frame->r10, 0);
}

long emul_sys_rename(struct emul_frame *frame)
{
	return rename_at(LINUX_AT_FDCWD, frame->rdi, LINUX_AT_FDCWD, frame->rsi, 0);
}

static long link_at(int old_dirfd, uint64_t old_path, int new_dirfd, uint64_t new_path,
                    uint64_t flags)
{
	if (flags & ~(uint64_t)(LINUX_AT_SYMLINK_FOLLOW | LINUX_AT_EMPTY_PATH))
		return -LINUX_EINVAL;
	char path[HURD_PATH_MAX];
	long error = emul_path_from_user(old_path, path, (flags & LINUX_AT_EMPTY_PATH) != 0);
	if (error < 0)
		return error;
	mach_port_t file;
	if (path[0] == '\0')
		error = emul_dirfd_port(old_dirfd, &file);
	else
		error = emul_path_lookup(old_dirfd, path,
		                         (flags & LINUX_AT_SYMLINK_FOLLOW) ? 0 : HURD_O_NOLINK, 0,
		                         &file);
	if (error < 0)
		return error;
	mach_port_t directory;
	char name[HURD_STRING_MAX];
	error = parent_of(new_dirfd, new_path, &directory, name);
	if (error < 0) {
		emul_port_release(file);
		return error == -LINUX_EINVAL || error == -LINUX_EBUSY ? -LINUX_EEXIST : error;
	}
	kern_return_t answer = timed_dir_link(directory, EMUL_FILE_RPC_MS, file, name, 1);
	emul_port_release(directory);
	emul_port_release(file);
	return emul_rpc_errno(answer);
}

long emul_sys_linkat(struct emul_frame *frame)
{
	return link_at((int)frame->rdi, frame->rsi, (int)frame->rdx, frame->r10, frame->r8);
}

long emul_sys_link(struct emul_frame *frame)
{
	return link_at(LINUX_AT_FDCWD, frame->rdi, LINUX_AT_FDCWD, frame->rsi, 0);
}

static long symlink_at(uint64_t target_address, int dirfd, uint64_t path)
{
	char record[sizeof(symlink_program) + HURD_PATH_MAX];
	long error = emul_path_from_user(target_address, record + sizeof(symlink_program), 0);
	if (error < 0)
		return error;
	memcpy(record, symlink_program, sizeof(symlink_program));
	size_t record_length =
	    sizeof(symlink_program) + strlen(record + sizeof(symlink_program)) + 1;
	mach_port_t directory;
	char name[HURD_STRING_MAX];
	error = parent_of(dirfd, path, &directory, name);
	if (error < 0)
		return error == -LINUX_EINVAL || error == -LINUX_EBUSY ? -LINUX_EEXIST : error;
	mach_port_t node = MACH_PORT_NULL;
	kern_return_t answer =
	    timed_dir_mkfile(directory, EMUL_FILE_RPC_MS, HURD_O_WRITE, 0777, &node);
	if (answer == KERN_SUCCESS)
		answer = timed_file_set_translator(node, EMUL_FILE_RPC_MS, FS_TRANS_SET, 0, 0,
		                                   record, (mach_msg_type_number_t)record_length,
		                                   MACH_PORT_NULL, MACH_MSG_TYPE_COPY_SEND);
	if (answer == KERN_SUCCESS)
		answer = timed_dir_link(directory, EMUL_FILE_RPC_MS, node, name, 1);
	emul_port_release(node);
	emul_port_release(directory);
	return emul_rpc_errno(answer);
}

long emul_sys_symlinkat(struct emul_frame *frame)
{
	return symlink_at(frame->rdi, (int)frame->rsi, frame->rdx);
}

long emul_sys_symlink(struct emul_frame *frame)
{
	return symlink_at(frame->rdi, LINUX_AT_FDCWD, frame->rsi);
}

static long readlink_at(int dirfd, uint64_t path_address, uint64_t buffer, int64_t size)
{
	if (size <= 0)
		return -LINUX_EINVAL;
	char path[HURD_PATH_MAX];
	long error = emul_path_from_user(path_address, path, 0);
	if (error < 0)
		return error;
	long proc_self = emul_proc_self_readlink(path, buffer, size);
	if (proc_self != 0)
		return proc_self; /* /proc/self: this process's pid (proc_self.c) */
	mach_port_t node;
	error = emul_path_lookup(dirfd, path, HURD_O_NOLINK, 0, &node);
	if (error < 0)
		return error;
	char inline_record[512];
	char *record = inline_record;
	mach_msg_type_number_t record_length = sizeof(inline_record);
	kern_return_t answer =
	    timed_file_get_translator(node, EMUL_FILE_RPC_MS, &record, &record_length);
	emul_port_release(node);
	if (answer != KERN_SUCCESS)
		return answer == LINUX_EINVAL || answer == LINUX_EOPNOTSUPP
		           ? -LINUX_EINVAL
		           : emul_rpc_errno(answer);
	long result = -LINUX_EINVAL;
	if (record_length > sizeof(symlink_program) &&
	    memcmp(record, symlink_program, sizeof(symlink_program)) == 0) {
		const char *target = record + sizeof(symlink_program);
		size_t target_length = strnlen(target, record_length - sizeof(symlink_program));
		if ((uint64_t)size < target_length)
			target_length = (size_t)size;
		result = emul_copy_to_user(buffer, target, target_length);
		if (result == 0)
			result = (long)target_length;
	}
	if (record != inline_record)
		(void)vm_deallocate(mach_task_self(), (vm_address_t)record, record_length);
	return result;
}

long emul_sys_readlinkat(struct emul_frame *frame)
{
	return readlink_at((int)frame->rdi, frame->rsi, frame->rdx, (int64_t)frame->r10);
}

long emul_sys_readlink(struct emul_frame *frame)
{
	return readlink_at(LINUX_AT_FDCWD, frame->rdi, frame->rsi, (int64_t)frame->rdx);
}
