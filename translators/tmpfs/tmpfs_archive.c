/* tmpfs: the initial tree — finds the boot module named on the command
 * line through the device master port, reads it and enters every entry of
 * the ustar archive into the tree (directories on the way made as needed,
 * passive translators from pax extended headers set on their nodes). */
#include "tmpfs.h"
#include "tmpfs_tar.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <device/device.h>
#include <wildebeest/device_status.h>
#include <wildebeest/native.h>

#define READ_CHUNK  (1u << 20)
#define MAX_MODULES 64

/* Opens "moduleN" and tells whether its command line's first word is name. */
static int open_module(mach_port_t master, unsigned index, const char *name, mach_port_t *device,
                       bool *matches)
{
	char device_name[32];
	snprintf(device_name, sizeof(device_name), "module%u", index);
	kern_return_t kr = device_open(master, D_READ, device_name, device);
	if (kr != D_SUCCESS)
		return kr == D_NO_SUCH_DEVICE ? ENOENT : EIO;
	int status[WB_DEV_COMMAND_LINE_COUNT + 1] = {0};
	mach_msg_type_number_t count = WB_DEV_COMMAND_LINE_COUNT;
	kr = device_get_status(*device, WB_DEV_GET_COMMAND_LINE, status, &count);
	char *line = (char *)status;
	line[WB_DEV_COMMAND_LINE_COUNT * sizeof(int)] = '\0';
	size_t first = strcspn(line, " ");
	*matches = kr == D_SUCCESS && first == strlen(name) && strncmp(line, name, first) == 0;
	return 0;
}

static int read_module(mach_port_t device, char **data, size_t *size)
{
	int status[DEV_STATUS_MAX];
	mach_msg_type_number_t count = DEV_STATUS_MAX;
	if (device_get_status(device, DEV_GET_SIZE, status, &count) != D_SUCCESS)
		return EIO;
	size_t total = (size_t)(unsigned)status[DEV_GET_SIZE_DEVICE_SIZE];
	char *buffer = malloc(total ? total : 1);
	if (!buffer)
		return ENOMEM;
	size_t done = 0;
	while (done < total) {
		io_buf_ptr_t chunk = 0;
		mach_msg_type_number_t got = 0;
		int wanted = (int)(total - done < READ_CHUNK ? total - done : READ_CHUNK);
		kern_return_t kr = device_read(device, 0, (recnum_t)done, wanted, &chunk, &got);
		if (kr != D_SUCCESS || got == 0 || got > total - done) {
			if (kr == D_SUCCESS && got)
				(void)vm_deallocate(mach_task_self(), (vm_address_t)chunk, got);
			free(buffer);
			return EIO;
		}
		memcpy(buffer + done, chunk, got);
		(void)vm_deallocate(mach_task_self(), (vm_address_t)chunk, got);
		done += got;
	}
	*data = buffer;
	*size = total;
	return 0;
}

/* The directory that holds path's last component, made as needed; *last
 * points at that component. */
static int parent_of(struct tmpfs *tmpfs, char *path, struct netfs_node **dir, char **last)
{
	struct netfs_node *at = netfs_root(tmpfs->fs);
	netfs_node_ref(at);
	char *component = path;
	for (char *slash; (slash = strchr(component, '/')); component = slash + 1) {
		*slash = '\0';
		struct netfs_node *next;
		int error = tmpfs_make(tmpfs, at, component, S_IFDIR | 0755, 0, 0, NULL, 0, &next);
		*slash = '/';
		netfs_node_release(at);
		if (error)
			return error;
		at = next;
	}
	*dir = at;
	*last = component;
	return 0;
}

/* The archive's passive translator record on a node just made (nothing runs
 * yet and no one else sees it: lib/fshelp's record is set directly). */
static int set_passive(struct netfs_node *node, const char *argz, size_t length)
{
	char *copy = malloc(length);
	if (!copy)
		return ENOMEM;
	memcpy(copy, argz, length);
	free(node->translator.passive);
	node->translator.passive = copy;
	node->translator.passive_length = length;
	return 0;
}

static int enter_entry(void *context, const struct tmpfs_tar_entry *entry)
{
	struct tmpfs *tmpfs = context;
	if (entry->path[0] == '\0') { /* the archive's "./": the root itself */
		if (S_ISDIR(entry->mode))
			netfs_root(tmpfs->fs)->stat.mode = entry->mode;
		return 0;
	}
	char *path = strdup(entry->path);
	if (!path)
		return ENOMEM;
	struct netfs_node *dir;
	char *last;
	int error = parent_of(tmpfs, path, &dir, &last);
	if (!error) {
		struct netfs_node *node = NULL;
		error = tmpfs_make(tmpfs, dir, last, entry->mode, entry->uid, entry->gid,
		                   entry->data, entry->size, &node);
		netfs_node_release(dir);
		if (!error && entry->translator)
			error = set_passive(node, entry->translator, entry->translator_length);
		if (node)
			netfs_node_release(node);
	}
	if (error)
		fprintf(stderr, "tmpfs: %s: cannot enter it: %s\n", entry->path, strerror(error));
	free(path);
	return error;
}

int tmpfs_load_archive(struct tmpfs *tmpfs, const char *name)
{
	mach_port_t master = native_get_port(EMUL_PORT_DEVICE_MASTER);
	if (!MACH_PORT_VALID(master)) {
		fprintf(stderr, "tmpfs: no device master port to read %s\n", name);
		return EPERM;
	}
	int error = ENOENT;
	mach_port_t device = MACH_PORT_NULL;
	for (unsigned index = 1; index < MAX_MODULES; index++) {
		bool matches = false;
		error = open_module(master, index, name, &device, &matches);
		if (error)
			break;
		if (matches)
			break;
		(void)device_close(device);
		(void)mach_port_deallocate(mach_task_self(), device);
		device = MACH_PORT_NULL;
		error = ENOENT;
	}
	(void)mach_port_deallocate(mach_task_self(), master);
	if (error) {
		fprintf(stderr, "tmpfs: no boot module %s\n", name);
		return error;
	}
	char *data = NULL;
	size_t size = 0;
	error = read_module(device, &data, &size);
	(void)device_close(device);
	(void)mach_port_deallocate(mach_task_self(), device);
	if (error) {
		fprintf(stderr, "tmpfs: cannot read the boot module %s: %s\n", name,
		        strerror(error));
		return error;
	}
	size_t offset = 0;
	pthread_mutex_lock(netfs_lock(tmpfs->fs));
	error = tmpfs_tar_read(data, size, enter_entry, tmpfs, &offset);
	pthread_mutex_unlock(netfs_lock(tmpfs->fs));
	free(data);
	if (error == EINVAL)
		fprintf(stderr, "tmpfs: %s: not a ustar archive or damaged at byte %zu\n", name,
		        offset);
	return error;
}
