/* lib/netfs: the io routines of an open node — read, write and seek at the
 * open's offset, readable, open modes, select (files are always ready),
 * stat, and io_map (not offered: no pager for in-memory files). */
#include "netfs_internal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <hurd/io_server.h>

/* The largest read answered at once (a client asks again for more). */
#define NETFS_MAX_READ (1u << 20)

kern_return_t S_io_read(io_t io_object, data_t *data, mach_msg_type_number_t *dataCnt,
                        hurd_off_t offset, vm_size_t amount)
{
	(void)io_object;
	if (offset < -1)
		return EINVAL;
	size_t wanted = amount < NETFS_MAX_READ ? amount : NETFS_MAX_READ;
	char *buffer = malloc(wanted ? wanted : 1);
	if (!buffer)
		return ENOMEM;
	struct netfs_protid *protid;
	int error = netfs_current_open_locked(HURD_O_READ, &protid);
	if (error) {
		free(buffer);
		return error;
	}
	struct netfs *fs = protid->fs;
	struct netfs_node *node = protid->open->node;
	size_t done = 0;
	int64_t position = offset == -1 ? protid->open->offset : offset;
	if (netfs_is_dir(node))
		error = EISDIR;
	else if (wanted)
		error = fs->config.hooks->read(fs, node, position, buffer, wanted, &done);
	if (!error && offset == -1)
		protid->open->offset += (int64_t)done;
	if (!error && !(protid->open->modes & HURD_O_NOATIME))
		netfs_node_touch(node, "a");
	pthread_mutex_unlock(&fs->lock);
	if (!error)
		error = netfs_reply_bytes(buffer, done, data, dataCnt);
	free(buffer);
	return error;
}

kern_return_t S_io_write(io_t io_object, const_data_t data, mach_msg_type_number_t dataCnt,
                         hurd_off_t offset, vm_size_t *amount)
{
	(void)io_object;
	if (offset < -1)
		return EINVAL;
	struct netfs_protid *protid;
	int error = netfs_current_open_locked(HURD_O_WRITE, &protid);
	if (error)
		return error;
	struct netfs *fs = protid->fs;
	struct netfs_node *node = protid->open->node;
	int64_t position = offset == -1 ? protid->open->offset : offset;
	if (protid->open->modes & HURD_O_APPEND)
		position = node->stat.size;
	size_t done = 0;
	if ((node->stat.mode & S_IFMT) != S_IFREG)
		error = EINVAL;
	else if (!fs->config.hooks->write)
		error = EROFS;
	else
		error = fs->config.hooks->write(fs, node, position, data, dataCnt, &done);
	if (!error && offset == -1)
		protid->open->offset = position + (int64_t)done;
	if (!error && done)
		netfs_node_touch(node, "mc");
	pthread_mutex_unlock(&fs->lock);
	*amount = done;
	return error;
}

kern_return_t S_io_seek(io_t io_object, hurd_off_t offset, int whence, hurd_off_t *newp)
{
	(void)io_object;
	struct netfs_protid *protid;
	int error = netfs_current_protid_locked(&protid);
	if (error)
		return error;
	int64_t position;
	error = netfs_seek(protid->open->offset, protid->open->node->stat.size, offset, whence,
	                   &position);
	if (!error)
		protid->open->offset = *newp = position;
	pthread_mutex_unlock(&protid->fs->lock);
	return error;
}

kern_return_t S_io_readable(io_t io_object, vm_size_t *amount)
{
	(void)io_object;
	struct netfs_protid *protid;
	int error = netfs_current_open_locked(HURD_O_READ, &protid);
	if (error)
		return error;
	int64_t size = protid->open->node->stat.size, offset = protid->open->offset;
	*amount = offset < size ? (vm_size_t)(size - offset) : 0;
	pthread_mutex_unlock(&protid->fs->lock);
	return 0;
}

/* Sets the open's modes to (modes & ~clear) | set, settable bits only. */
static kern_return_t change_modes(int clear, int set)
{
	struct netfs_protid *protid;
	int error = netfs_current_protid_locked(&protid);
	if (error)
		return error;
	int modes = protid->open->modes;
	modes &= ~(clear & HURD_O_SETTABLE_MODES);
	modes |= set & HURD_O_SETTABLE_MODES;
	protid->open->modes = modes;
	pthread_mutex_unlock(&protid->fs->lock);
	return 0;
}

kern_return_t S_io_set_all_openmodes(io_t io_object, int newbits)
{
	(void)io_object;
	return change_modes(HURD_O_SETTABLE_MODES, newbits);
}

kern_return_t S_io_set_some_openmodes(io_t io_object, int bits_to_set)
{
	(void)io_object;
	return change_modes(0, bits_to_set);
}

kern_return_t S_io_clear_some_openmodes(io_t io_object, int bits_to_clear)
{
	(void)io_object;
	return change_modes(bits_to_clear, 0);
}

kern_return_t S_io_get_openmodes(io_t io_object, int *bits)
{
	(void)io_object;
	struct netfs_protid *protid;
	int error = netfs_current_protid_locked(&protid);
	if (error)
		return error;
	*bits = protid->open->modes;
	pthread_mutex_unlock(&protid->fs->lock);
	return 0;
}

/* In-memory files never make a reader or writer wait: the answer is at once
 * the kinds asked for that the open allows. */
kern_return_t S_io_select(io_t io_object, reply_port_t reply, time_spec_t timeout, int *select_type)
{
	(void)io_object, (void)reply, (void)timeout;
	struct netfs_protid *protid;
	int error = netfs_current_protid_locked(&protid);
	if (error)
		return error;
	int ready = 0;
	if (protid->open->modes & HURD_O_READ)
		ready |= SELECT_READ;
	if (protid->open->modes & HURD_O_WRITE)
		ready |= SELECT_WRITE;
	*select_type &= ready;
	pthread_mutex_unlock(&protid->fs->lock);
	return 0;
}

kern_return_t S_io_stat(io_t stat_object, io_statbuf_t *stat_info)
{
	(void)stat_object;
	struct netfs_protid *protid;
	int error = netfs_current_protid_locked(&protid);
	if (error)
		return error;
	struct netfs_node *node = protid->open->node;
	*stat_info = node->stat;
	stat_info->blocks = (node->stat.size + 511) / 512;
	pthread_mutex_unlock(&protid->fs->lock);
	return 0;
}

/* No memory objects: tmpfs keeps files in malloc'd memory, not behind a
 * pager, so mapping a file is refused (the emulator's mmap of a file reads
 * it instead). */
kern_return_t S_io_map(io_t io_object, mach_port_t *memobj_read,
                       mach_msg_type_name_t *memobj_readPoly, mach_port_t *memobj_write,
                       mach_msg_type_name_t *memobj_writePoly)
{
	(void)io_object, (void)memobj_read, (void)memobj_readPoly, (void)memobj_write,
	    (void)memobj_writePoly;
	struct netfs_protid *protid;
	int error = netfs_current_protid_locked(&protid);
	if (error)
		return error;
	pthread_mutex_unlock(&protid->fs->lock);
	return EOPNOTSUPP;
}
