/* lib/netfs: translators on nodes through lib/fshelp — file_set_translator
 * (the node's owner or root only), file_get_translator (the passive record;
 * a symbolic link reads as "/hurd/symlink TARGET") and the active one's
 * control port. */
#include "netfs_internal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <hurd/fs_server.h>

/* The passive record that makes a node a symbolic link (as on the Hurd). */
static const char symlink_program[] = "/hurd/symlink";

/* "/hurd/symlink\0TARGET\0": the target, or NULL. */
static const char *symlink_target(const char *argz, size_t length)
{
	size_t program = sizeof(symlink_program);
	if (length <= program || memcmp(argz, symlink_program, program) != 0)
		return NULL;
	const char *target = argz + program;
	size_t target_length = length - program;
	if (strnlen(target, target_length) != target_length - 1 || target_length < 2)
		return NULL; /* exactly one more string, not empty */
	return target;
}

kern_return_t S_file_set_translator(file_t file, int passive_flags, int active_flags,
                                    int oldtrans_flags, const_data_t passive,
                                    mach_msg_type_number_t passiveCnt, mach_port_t active)
{
	(void)file;
	struct netfs_protid *protid;
	int error = netfs_current_protid_locked(&protid);
	if (error)
		return error;
	struct netfs *fs = protid->fs;
	struct netfs_node *node = protid->open->node;
	const char *target =
	    (passive_flags & FS_TRANS_SET) ? symlink_target(passive, passiveCnt) : NULL;
	if (!netfs_owns(protid, node)) {
		error = EPERM;
	} else if (target && !(active_flags & FS_TRANS_SET)) {
		/* A symbolic link is stored as one, not as a translator. */
		if (!fs->config.hooks->make_symlink)
			error = EOPNOTSUPP;
		else if (fshelp_translator_present(&node->translator))
			error = EBUSY;
		else
			error = fs->config.hooks->make_symlink(fs, node, target);
		if (!error)
			netfs_node_touch(node, "mc");
	} else {
		netfs_node_ref(node);
		error = fshelp_set_translator(fs->fshelp, &node->translator, passive_flags,
		                              active_flags, oldtrans_flags, passive, passiveCnt,
		                              active);
		if (!error)
			active = MACH_PORT_NULL; /* fshelp took it */
		if (!error)
			netfs_node_touch(node, "c");
		netfs_node_release(node);
	}
	pthread_mutex_unlock(&fs->lock);
	if (!error && MACH_PORT_VALID(active))
		(void)mach_port_deallocate(mach_task_self(), active);
	return error;
}

kern_return_t S_file_get_translator(file_t file, data_t *translator,
                                    mach_msg_type_number_t *translatorCnt)
{
	(void)file;
	struct netfs_protid *protid;
	int error = netfs_current_protid_locked(&protid);
	if (error)
		return error;
	struct netfs *fs = protid->fs;
	struct netfs_node *node = protid->open->node;
	struct netfs_buffer record = {0};
	if (netfs_is_symlink(node)) {
		char *target = malloc(HURD_PATH_MAX);
		error =
		    target ? fs->config.hooks->readlink(fs, node, target, HURD_PATH_MAX) : ENOMEM;
		if (!error)
			error = netfs_buffer_add_string(&record, symlink_program);
		if (!error)
			error = netfs_buffer_add_string(&record, target);
		free(target);
	} else if (node->translator.passive_length == 0) {
		error = EINVAL;
	} else {
		error = netfs_buffer_append(&record, node->translator.passive,
		                            node->translator.passive_length);
	}
	pthread_mutex_unlock(&fs->lock);
	if (!error)
		error = netfs_reply_bytes(record.data, record.length, translator, translatorCnt);
	netfs_buffer_free(&record);
	return error;
}

kern_return_t S_file_get_translator_cntl(file_t file, mach_port_t *translator_cntl,
                                         mach_msg_type_name_t *translator_cntlPoly)
{
	(void)file;
	struct netfs_protid *protid;
	int error = netfs_current_protid_locked(&protid);
	if (error)
		return error;
	struct netfs_node *node = protid->open->node;
	if (!netfs_owns(protid, node)) {
		error = EPERM;
	} else if (!MACH_PORT_VALID(node->translator.active)) {
		error = ENXIO;
	} else if (mach_port_mod_refs(mach_task_self(), node->translator.active,
	                              MACH_PORT_RIGHT_SEND, 1) != KERN_SUCCESS) {
		error = ENXIO; /* it died just now */
	} else {
		*translator_cntl = node->translator.active;
		*translator_cntlPoly = MACH_MSG_TYPE_MOVE_SEND;
	}
	pthread_mutex_unlock(&protid->fs->lock);
	return error;
}
