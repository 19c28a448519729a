/* lib/trivfs: the io routines of an open port — read, write and seek at the
 * open's offset, readable, open modes, select (always ready), stat. */
#include "trivfs_internal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <hurd/io_server.h>

/* The largest read answered at once (a client asks again for more). */
#define TRIVFS_MAX_READ (1u << 20)

kern_return_t S_io_read(io_t io_object, data_t *data, mach_msg_type_number_t *dataCnt,
                        hurd_off_t offset, vm_size_t amount)
{
	(void)io_object;
	struct trivfs_protid *protid;
	kern_return_t refused = trivfs_current_open(HURD_O_READ, &protid);
	if (refused)
		return refused;
	if (offset < -1)
		return EINVAL;
	struct trivfs *fs = protid->fs;
	size_t wanted = amount < TRIVFS_MAX_READ ? amount : TRIVFS_MAX_READ;
	char *buffer = malloc(wanted ? wanted : 1);
	if (!buffer)
		return ENOMEM;
	size_t done = 0;
	int error = 0;
	pthread_mutex_lock(&fs->lock);
	int64_t position = offset == -1 ? protid->open->offset : offset;
	if (fs->config.hooks->read && wanted)
		error = fs->config.hooks->read(fs, position, buffer, wanted, &done);
	if (!error && offset == -1)
		protid->open->offset += (int64_t)done;
	pthread_mutex_unlock(&fs->lock);
	if (!error)
		error = trivfs_reply_bytes(buffer, done, data, dataCnt);
	free(buffer);
	return error;
}

kern_return_t S_io_write(io_t io_object, const_data_t data, mach_msg_type_number_t dataCnt,
                         hurd_off_t offset, vm_size_t *amount)
{
	(void)io_object;
	struct trivfs_protid *protid;
	kern_return_t refused = trivfs_current_open(HURD_O_WRITE, &protid);
	if (refused)
		return refused;
	if (offset < -1)
		return EINVAL;
	struct trivfs *fs = protid->fs;
	if (!fs->config.hooks->write)
		return EROFS;
	pthread_mutex_lock(&fs->lock);
	int64_t position = offset == -1 ? protid->open->offset : offset;
	if (protid->open->modes & HURD_O_APPEND)
		position = trivfs_size_locked(fs);
	size_t done = 0;
	int error = fs->config.hooks->write(fs, position, data, dataCnt, &done);
	if (!error && offset == -1)
		protid->open->offset = position + (int64_t)done;
	pthread_mutex_unlock(&fs->lock);
	*amount = done;
	return error;
}

kern_return_t S_io_seek(io_t io_object, hurd_off_t offset, int whence, hurd_off_t *newp)
{
	(void)io_object;
	struct trivfs_protid *protid;
	kern_return_t refused = trivfs_current_protid(&protid);
	if (refused)
		return refused;
	struct trivfs *fs = protid->fs;
	pthread_mutex_lock(&fs->lock);
	int64_t position;
	int error =
	    trivfs_seek(protid->open->offset, trivfs_size_locked(fs), offset, whence, &position);
	if (!error)
		protid->open->offset = *newp = position;
	pthread_mutex_unlock(&fs->lock);
	return error;
}

kern_return_t S_io_readable(io_t io_object, vm_size_t *amount)
{
	(void)io_object;
	struct trivfs_protid *protid;
	kern_return_t refused = trivfs_current_open(HURD_O_READ, &protid);
	if (refused)
		return refused;
	struct trivfs *fs = protid->fs;
	pthread_mutex_lock(&fs->lock);
	*amount = trivfs_read_span(protid->open->offset, trivfs_size_locked(fs), SIZE_MAX);
	pthread_mutex_unlock(&fs->lock);
	return 0;
}

/* Sets the open's modes to (modes & ~clear) | set, settable bits only. */
static kern_return_t change_modes(int clear, int set)
{
	struct trivfs_protid *protid;
	kern_return_t refused = trivfs_current_protid(&protid);
	if (refused)
		return refused;
	pthread_mutex_lock(&protid->fs->lock);
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
	struct trivfs_protid *protid;
	kern_return_t refused = trivfs_current_protid(&protid);
	if (refused)
		return refused;
	pthread_mutex_lock(&protid->fs->lock);
	*bits = protid->open->modes;
	pthread_mutex_unlock(&protid->fs->lock);
	return 0;
}

/* The node is always ready: the answer is at once the kinds asked for that
 * the open allows. */
kern_return_t S_io_select(io_t io_object, reply_port_t reply, time_spec_t timeout, int *select_type)
{
	(void)io_object, (void)reply, (void)timeout;
	struct trivfs_protid *protid;
	kern_return_t refused = trivfs_current_protid(&protid);
	if (refused)
		return refused;
	int ready = 0;
	if (protid->open->modes & HURD_O_READ)
		ready |= SELECT_READ;
	if (protid->open->modes & HURD_O_WRITE)
		ready |= SELECT_WRITE;
	*select_type &= ready;
	return 0;
}

kern_return_t S_io_stat(io_t stat_object, io_statbuf_t *stat_info)
{
	(void)stat_object;
	struct trivfs_protid *protid;
	kern_return_t refused = trivfs_current_protid(&protid);
	if (refused)
		return refused;
	struct trivfs *fs = protid->fs;
	memset(stat_info, 0, sizeof(*stat_info));
	pthread_mutex_lock(&fs->lock);
	stat_info->fsid = fs->fs_identity;
	stat_info->ino = 1;
	stat_info->size = trivfs_size_locked(fs);
	stat_info->blocks = (stat_info->size + 511) / 512;
	stat_info->mode = fs->config.mode;
	stat_info->nlink = 1;
	stat_info->uid = fs->config.owner;
	stat_info->gid = fs->config.group;
	stat_info->author = fs->config.owner;
	stat_info->block_size = 4096;
	stat_info->atime = fs->atime;
	stat_info->mtime = fs->mtime;
	stat_info->ctime = fs->ctime;
	pthread_mutex_unlock(&fs->lock);
	return 0;
}
