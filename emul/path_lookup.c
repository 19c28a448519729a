/* Paths from the program to ports: copying a path in, the directory a *at
 * call starts from, lib/lookup's resolution (".." out of a translator uses
 * the cwd's text; its memory kept for the next lookup), and splitting a path
 * into directory and last name. */
#include <mach.h>
#include <lookup.h>
#include "files.h"
#include "user_check_cache.h"
#include "linux_abi.h"
#include "linux_files_abi.h"
#include "proc_self.h"
#include "lib/kstring.h"

/* As emul_user_string_length, each page checked through the thread's
 * one-page check cache: a program's paths mostly lie in one page it used
 * before (a stat loop's buffer), so this costs no RPC then. */
static long path_length(uint64_t address, size_t limit)
{
	uint64_t cursor = address;
	while (cursor - address < limit) {
		uint64_t page_end = (cursor | (LINUX_PAGE_SIZE - 1)) + 1;
		if (!emul_user_range_ok_cached(cursor, page_end - cursor, VM_PROT_READ))
			return -LINUX_EFAULT;
		for (; cursor < page_end && cursor - address < limit; cursor++)
			if (*(const char *)cursor == '\0')
				return (long)(cursor - address);
	}
	return -LINUX_ENAMETOOLONG;
}

long emul_path_from_user(uint64_t address, char *path, int allow_empty)
{
	long length = path_length(address, HURD_PATH_MAX);
	if (length < 0)
		return length;
	if (length == 0 && !allow_empty)
		return -LINUX_ENOENT;
	memcpy(path, (const char *)address, (size_t)length + 1);
	return 0;
}

long emul_dirfd_port(int dirfd, mach_port_t *port)
{
	if (dirfd == LINUX_AT_FDCWD) {
		emul_lock(&emul_files.lock);
		mach_port_t cwd = emul_files.cwd;
		emul_port_add_ref(cwd);
		emul_unlock(&emul_files.lock);
		if (!MACH_PORT_VALID(cwd))
			return -LINUX_ENOENT;
		*port = cwd;
		return 0;
	}
	struct emul_fd_ref ref;
	long error = emul_fd_get(dirfd, &ref);
	if (error < 0)
		return error;
	if (ref.entry.kind != EMUL_FD_PORT) {
		emul_fd_put(&ref);
		return -LINUX_ENOTDIR;
	}
	*port = ref.entry.port; /* the reference the borrow took is the caller's */
	return 0;
}

/* What a lookup needs besides its name, in memory of its own (lib/lookup's
 * workspace is ~21 KiB: too much for the program's stack). */
struct lookup_memory {
	struct lookup_workspace workspace;
	char cwd_path[HURD_PATH_MAX];
	char proc_self_path[HURD_PATH_MAX]; /* /proc/self/... as /proc/PID/... */
};

/* One lookup's memory kept for the next (a vm_allocate, its zero-fill faults
 * and a vm_deallocate less per lookup); taken and given back atomically, so
 * threads and signal handlers that look up at once each get memory. */
static struct lookup_memory *spare_memory;

static struct lookup_memory *lookup_memory_take(void)
{
	struct lookup_memory *memory = __atomic_exchange_n(&spare_memory, NULL, __ATOMIC_ACQ_REL);
	if (memory)
		return memory;
	vm_address_t address = 0;
	if (vm_allocate(mach_task_self(), &address, sizeof(struct lookup_memory), TRUE) !=
	    KERN_SUCCESS)
		return NULL;
	return (struct lookup_memory *)address;
}

static void lookup_memory_give_back(struct lookup_memory *memory)
{
	struct lookup_memory *none = NULL;
	if (!__atomic_compare_exchange_n(&spare_memory, &none, memory, false, __ATOMIC_ACQ_REL,
	                                 __ATOMIC_ACQUIRE))
		(void)vm_deallocate(mach_task_self(), (vm_address_t)memory,
		                    sizeof(struct lookup_memory));
}

long emul_path_lookup(int dirfd, const char *path, int flags, uint32_t mode, mach_port_t *result)
{
	*result = MACH_PORT_NULL;
	if (!emul_have_file_system())
		return -LINUX_ENOENT;
	if (path[0] == '\0')
		return -LINUX_ENOENT;
	mach_port_t start = MACH_PORT_NULL;
	if (path[0] != '/') {
		long error = emul_dirfd_port(dirfd, &start);
		if (error < 0)
			return error;
	}
	struct lookup_memory *memory = lookup_memory_take();
	if (!memory) {
		emul_port_release(start);
		return -LINUX_ENOMEM;
	}
	emul_lock(&emul_files.lock);
	mach_port_t root = emul_files.root, auth = emul_files.auth;
	emul_port_add_ref(root);
	emul_port_add_ref(auth);
	memcpy(memory->cwd_path, emul_files.cwd_path, sizeof(memory->cwd_path));
	emul_unlock(&emul_files.lock);

	struct lookup_context context = {
	    .root = root,
	    .cwd = start,
	    .auth = auth,
	    /* Only a known text (after fchdir it is not: "" here). */
	    .cwd_path =
	        dirfd == LINUX_AT_FDCWD && memory->cwd_path[0] == '/' ? memory->cwd_path : NULL,
	    .timeout_ms = EMUL_FILE_RPC_MS,
	};
	path = emul_proc_self_rewrite(path, memory->proc_self_path);
	int error = lookup_file(&context, &memory->workspace, path, flags, mode, result);
	lookup_memory_give_back(memory);
	emul_port_release(root);
	emul_port_release(auth);
	emul_port_release(start);
	return -(long)error;
}

long emul_path_parent(int dirfd, const char *path, mach_port_t *directory, char *name)
{
	*directory = MACH_PORT_NULL;
	size_t length = strlen(path);
	while (length > 1 && path[length - 1] == '/')
		length--;
	size_t start = length;
	while (start > 0 && path[start - 1] != '/')
		start--;
	size_t name_length = length - start;
	if (name_length == 0)
		return -LINUX_EBUSY; /* "/": the root itself */
	if (name_length >= HURD_STRING_MAX)
		return -LINUX_ENAMETOOLONG;
	memcpy(name, path + start, name_length);
	name[name_length] = '\0';
	if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
		return -LINUX_EINVAL;
	if (start == 0) {
		if (!emul_have_file_system())
			return -LINUX_ENOENT;
		return emul_dirfd_port(dirfd, directory);
	}
	char directory_path[HURD_PATH_MAX];
	memcpy(directory_path, path, start);
	directory_path[start] = '\0';
	return emul_path_lookup(dirfd, directory_path, 0, 0, directory);
}
