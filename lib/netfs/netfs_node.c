/* lib/netfs: the file system and its nodes — creation, reference counts,
 * times, and what a user may do to a node. */
#include "netfs_internal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <hurd/hurd_demux.h>

static const mach_msg_demux_t netfs_demuxers[] = {io_server, fs_server, fsys_server,
                                                  interrupt_server};

static uint64_t now_ns_split(int64_t *nanoseconds)
{
	struct timespec now;
	clock_gettime(CLOCK_REALTIME, &now);
	*nanoseconds = now.tv_nsec;
	return (uint64_t)now.tv_sec;
}

void netfs_node_touch(struct netfs_node *node, const char *which)
{
	int64_t nanoseconds;
	int64_t seconds = (int64_t)now_ns_split(&nanoseconds);
	struct hurd_timespec stamp = {.seconds = seconds, .nanoseconds = nanoseconds};
	for (; *which; which++) {
		if (*which == 'a')
			node->stat.atime = stamp;
		else if (*which == 'm')
			node->stat.mtime = stamp;
		else if (*which == 'c')
			node->stat.ctime = stamp;
	}
}

int netfs_node_create(struct netfs *fs, uint32_t mode, uint32_t uid, uint32_t gid,
                      struct netfs_node **result)
{
	struct netfs_node *node = calloc(1, sizeof(*node));
	if (!node)
		return ENOMEM;
	node->fs = fs;
	node->references = 1;
	node->stat.fsid = fs->fs_identity;
	node->stat.ino = ++fs->next_ino;
	node->stat.mode = mode;
	node->stat.nlink = (mode & 0170000) == 0040000 ? 2 : 1;
	node->stat.uid = node->stat.author = uid;
	node->stat.gid = gid;
	node->stat.block_size = 4096;
	netfs_node_touch(node, "amc");
	*result = node;
	return 0;
}

void netfs_node_ref(struct netfs_node *node)
{
	node->references++;
}

void netfs_node_release(struct netfs_node *node)
{
	if (--node->references > 0)
		return;
	struct netfs *fs = node->fs;
	if (fs->config.hooks->drop)
		fs->config.hooks->drop(fs, node);
	fshelp_translator_drop(fs->fshelp, &node->translator);
	if (MACH_PORT_VALID(node->identity_port))
		(void)mach_port_mod_refs(mach_task_self(), node->identity_port,
		                         MACH_PORT_RIGHT_RECEIVE, -1);
	free(node);
}

bool netfs_is_dir(const struct netfs_node *node)
{
	return (node->stat.mode & 0170000) == 0040000;
}

bool netfs_is_symlink(const struct netfs_node *node)
{
	return (node->stat.mode & 0170000) == 0120000;
}

int netfs_access(const struct netfs_protid *protid, const struct netfs_node *node)
{
	const struct iohelp_identity *id = &protid->identity;
	return netfs_allowed_access(node->stat.mode, node->stat.uid, node->stat.gid, id->uids,
	                            id->uid_count, id->gids, id->gid_count);
}

bool netfs_owns(const struct netfs_protid *protid, const struct netfs_node *node)
{
	return netfs_is_owner(node->stat.uid, protid->identity.uids, protid->identity.uid_count);
}

static void clean_protid(struct ports_object *object)
{
	struct netfs_protid *protid = (struct netfs_protid *)object;
	struct netfs *fs = protid->fs;
	if (!protid->open)
		return;
	pthread_mutex_lock(&fs->lock);
	fs->protid_count--;
	if (--protid->open->references == 0) {
		netfs_node_release(protid->open->node);
		free(protid->open);
	}
	pthread_cond_broadcast(&fs->changed);
	pthread_mutex_unlock(&fs->lock);
}

const struct ports_class netfs_control_class = {"netfs control", NULL};
const struct ports_class netfs_protid_class = {"netfs protid", clean_protid};

struct netfs_control *netfs_current_control(void)
{
	struct ports_object *object = ports_rpc_object();
	return object && object->class == &netfs_control_class ? (struct netfs_control *)object
	                                                       : NULL;
}

int netfs_current_protid_locked(struct netfs_protid **result)
{
	struct ports_object *object = ports_rpc_object();
	if (!object || object->class != &netfs_protid_class)
		return EOPNOTSUPP;
	struct netfs_protid *protid = (struct netfs_protid *)object;
	struct netfs *fs = protid->fs;
	pthread_mutex_lock(&fs->lock);
	while (protid->pending) {
		/* Only a client that already holds the new port gets here, so the
		 * rendezvous is answered: this waits for our thread to note it. */
		if (ports_rpc_wait(&fs->changed, &fs->lock) == EINTR) {
			pthread_mutex_unlock(&fs->lock);
			return EINTR;
		}
	}
	if (protid->refused || fs->gone) {
		pthread_mutex_unlock(&fs->lock);
		return EBADF;
	}
	*result = protid;
	return 0;
}

int netfs_current_open_locked(int modes, struct netfs_protid **result)
{
	int error = netfs_current_protid_locked(result);
	if (error)
		return error;
	if (((*result)->open->modes & modes) != modes) {
		pthread_mutex_unlock(&(*result)->fs->lock);
		return EBADF;
	}
	return 0;
}

int netfs_protid_create(struct netfs *fs, struct netfs_node *node, struct netfs_open *open,
                        int modes, const struct iohelp_identity *identity,
                        struct netfs_protid **result)
{
	if (fs->gone)
		return EBADF;
	struct netfs_open *fresh = NULL;
	if (!open) {
		fresh = calloc(1, sizeof(*fresh));
		if (!fresh)
			return ENOMEM;
		fresh->modes = modes;
		fresh->node = node;
		open = fresh;
	}
	struct netfs_protid *protid;
	int error = ports_create_object(fs->bucket, &netfs_protid_class, sizeof(*protid), &protid);
	if (error) {
		free(fresh);
		return error;
	}
	protid->fs = fs;
	protid->identity = *identity;
	if (fresh)
		netfs_node_ref(node);
	open->references++;
	protid->open = open;
	fs->protid_count++;
	*result = protid;
	return 0;
}

void netfs_protid_answer(struct netfs_protid *protid, mach_port_t *port, mach_msg_type_name_t *type)
{
	*port = ports_make_send(protid);
	*type = MACH_MSG_TYPE_MAKE_SEND;
	/* The senders' reference keeps it now: ours is never the last. */
	ports_object_release(protid);
}

struct netfs_protid *netfs_lookup_protid(struct netfs *fs, mach_port_t name)
{
	return ports_lookup_port(fs->bucket, name, &netfs_protid_class);
}

int netfs_reply_bytes(const char *bytes, size_t length, char **array, unsigned *count)
{
	if (length > *count) {
		vm_address_t memory = 0;
		if (vm_allocate(mach_task_self(), &memory, length, TRUE) != KERN_SUCCESS)
			return ENOMEM;
		*array = (char *)memory;
	}
	if (length)
		memcpy(*array, bytes, length);
	*count = (unsigned)length;
	return 0;
}

int netfs_reply_options(struct netfs *fs, char **options, unsigned *count)
{
	struct netfs_buffer argz = {0};
	int error = netfs_buffer_add_string(&argz, fs->config.name);
	pthread_mutex_lock(&fs->lock);
	if (!error && fs->config.hooks->get_options)
		error = fs->config.hooks->get_options(fs, &argz);
	pthread_mutex_unlock(&fs->lock);
	if (!error)
		error = netfs_reply_bytes(argz.data, argz.length, options, count);
	netfs_buffer_free(&argz);
	return error;
}

int netfs_rpc_error(kern_return_t kr)
{
	switch (kr) {
	case KERN_SUCCESS:
		return 0;
	case MACH_SEND_INVALID_DEST:
	case MACH_SEND_INVALID_RIGHT:
	case MIG_SERVER_DIED:
	case MACH_RCV_PORT_DIED:
		return ENXIO; /* the translator is gone */
	case MACH_SEND_TIMED_OUT:
	case MACH_RCV_TIMED_OUT:
		return ETIMEDOUT;
	default:
		return kr > 0 && kr < 4096 ? kr : EIO;
	}
}

int netfs_create(const struct netfs_config *config, struct netfs **result)
{
	struct netfs *fs = calloc(1, sizeof(*fs));
	if (!fs)
		return ENOMEM;
	fs->config = *config;
	pthread_mutex_init(&fs->lock, NULL);
	pthread_cond_init(&fs->changed, NULL);
	struct ports_bucket_config bucket_config = {
	    .max_workers = config->max_workers,
	    .max_message = 16384,
	    .demuxers = netfs_demuxers,
	    .demuxer_count = sizeof(netfs_demuxers) / sizeof(netfs_demuxers[0]),
	};
	struct fshelp_config fshelp_config = {
	    .lock = &fs->lock,
	    .auth = config->auth,
	    .timeout_ms = config->translator_timeout_ms,
	    /* Without an exec server no translator can start (EOPNOTSUPP). */
	    .start = MACH_PORT_VALID(config->exec) ? netfs_start_translator : NULL,
	    .start_context = fs,
	};
	int error = ports_bucket_create(&bucket_config, &fs->bucket);
	if (!error && mach_port_allocate(mach_task_self(), MACH_PORT_RIGHT_RECEIVE,
	                                 &fs->fs_identity) != KERN_SUCCESS)
		error = ENOMEM;
	if (!error)
		error = fshelp_create(&fshelp_config, &fs->fshelp);
	if (!error)
		error = ports_create_object(fs->bucket, &netfs_control_class,
		                            sizeof(struct netfs_control), &fs->control);
	if (!error)
		error = netfs_node_create(fs, config->root_mode, config->root_uid, config->root_gid,
		                          &fs->root);
	if (error)
		return error; /* a half-made server is not worth unwinding: it stops */
	fs->control->fs = fs;
	*result = fs;
	return 0;
}

struct netfs_node *netfs_root(struct netfs *fs)
{
	return fs->root;
}

void *netfs_server(struct netfs *fs)
{
	return fs->config.server;
}

pthread_mutex_t *netfs_lock(struct netfs *fs)
{
	return &fs->lock;
}

int netfs_root_port(struct netfs *fs, const struct iohelp_identity *identity, int flags,
                    mach_port_t *port)
{
	pthread_mutex_lock(&fs->lock);
	struct netfs_protid *protid;
	int error = netfs_protid_create(fs, fs->root, NULL, flags, identity, &protid);
	pthread_mutex_unlock(&fs->lock);
	if (error)
		return error;
	kern_return_t kr = ports_get_send_right(protid, port);
	ports_object_release(protid);
	return kr == KERN_SUCCESS ? 0 : ENOMEM;
}

int netfs_control_port(struct netfs *fs, mach_port_t *control)
{
	return ports_get_send_right(fs->control, control) == KERN_SUCCESS ? 0 : ENOMEM;
}

size_t netfs_object_count(struct netfs *fs)
{
	struct ports_bucket_stats stats;
	ports_bucket_stats(fs->bucket, &stats);
	return stats.objects;
}
