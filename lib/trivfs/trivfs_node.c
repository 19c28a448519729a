/* lib/trivfs: the node and its objects — creation, the control and protid
 * classes (a protid's clean unlinks it and drops its open), counts. */
#include "trivfs_internal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <hurd/hurd_demux.h>

static const mach_msg_demux_t trivfs_demuxers[] = {io_server, fs_server, fsys_server,
                                                   interrupt_server};

static void clean_protid(struct ports_object *object)
{
	struct trivfs_protid *protid = (struct trivfs_protid *)object;
	struct trivfs *fs = protid->fs;
	pthread_mutex_lock(&fs->lock);
	if (!protid->linked) {
		pthread_mutex_unlock(&fs->lock);
		return;
	}
	if (protid->previous)
		protid->previous->next = protid->next;
	else
		fs->protids = protid->next;
	if (protid->next)
		protid->next->previous = protid->previous;
	fs->protid_count--;
	if (--protid->open->references == 0)
		free(protid->open);
	pthread_mutex_unlock(&fs->lock);
}

const struct ports_class trivfs_control_class = {"trivfs control", NULL};
const struct ports_class trivfs_protid_class = {"trivfs protid", clean_protid};

struct trivfs_control *trivfs_current_control(void)
{
	struct ports_object *object = ports_rpc_object();
	return object && object->class == &trivfs_control_class ? (struct trivfs_control *)object
	                                                        : NULL;
}

kern_return_t trivfs_current_protid(struct trivfs_protid **result)
{
	struct ports_object *object = ports_rpc_object();
	if (!object || object->class != &trivfs_protid_class)
		return EOPNOTSUPP;
	struct trivfs_protid *protid = (struct trivfs_protid *)object;
	struct trivfs *fs = protid->fs;
	kern_return_t error = 0;
	pthread_mutex_lock(&fs->lock);
	/* Only a client the auth server already gave the new port gets here, so
	 * the rendezvous is over: this waits for lib/iohelp's thread to say so. */
	while (protid->pending && !error)
		error = ports_rpc_wait(&fs->gone_changed, &fs->lock) == EINTR ? EINTR : 0;
	if (!error && (protid->refused || fs->gone))
		error = EBADF;
	pthread_mutex_unlock(&fs->lock);
	if (!error)
		*result = protid;
	return error;
}

kern_return_t trivfs_current_open(int modes, struct trivfs_protid **result)
{
	struct trivfs_protid *protid;
	kern_return_t error = trivfs_current_protid(&protid);
	if (error)
		return error;
	if ((protid->open->modes & modes) != modes)
		return EBADF;
	*result = protid;
	return 0;
}

int trivfs_create(const struct trivfs_config *config, struct trivfs **result)
{
	struct trivfs *fs = calloc(1, sizeof(*fs));
	if (!fs)
		return ENOMEM;
	fs->config = *config;
	fs->auth = config->auth;
	struct timespec now;
	clock_gettime(CLOCK_REALTIME, &now);
	fs->atime = fs->mtime = fs->ctime =
	    (struct hurd_timespec){.seconds = now.tv_sec, .nanoseconds = now.tv_nsec};
	pthread_mutex_init(&fs->lock, NULL);
	pthread_cond_init(&fs->gone_changed, NULL);
	struct ports_bucket_config bucket_config = {
	    .max_workers = config->max_workers,
	    .max_message = 16384,
	    .demuxers = trivfs_demuxers,
	    .demuxer_count = sizeof(trivfs_demuxers) / sizeof(trivfs_demuxers[0]),
	};
	int error = ports_bucket_create(&bucket_config, &fs->bucket);
	if (!error && (mach_port_allocate(mach_task_self(), MACH_PORT_RIGHT_RECEIVE,
	                                  &fs->node_identity) != KERN_SUCCESS ||
	               mach_port_allocate(mach_task_self(), MACH_PORT_RIGHT_RECEIVE,
	                                  &fs->fs_identity) != KERN_SUCCESS))
		error = ENOMEM;
	if (!error)
		error = ports_create_object(fs->bucket, &trivfs_control_class,
		                            sizeof(struct trivfs_control), &fs->control);
	if (error)
		return error; /* a half-made node is not worth unwinding: the server stops */
	fs->control->fs = fs;
	*result = fs;
	return 0;
}

void *trivfs_server(struct trivfs *fs)
{
	return fs->config.server;
}

int trivfs_control_port(struct trivfs *fs, mach_port_t *control)
{
	pthread_mutex_lock(&fs->lock);
	kern_return_t kr =
	    fs->control ? ports_get_send_right(fs->control, control) : KERN_INVALID_NAME;
	pthread_mutex_unlock(&fs->lock);
	return kr == KERN_SUCCESS ? 0 : EBADF;
}

int trivfs_protid_create(struct trivfs *fs, struct trivfs_open *open, int modes,
                         const struct iohelp_identity *identity, struct trivfs_protid **result)
{
	struct trivfs_open *fresh = NULL;
	if (!open) {
		fresh = calloc(1, sizeof(*fresh));
		if (!fresh)
			return ENOMEM;
		fresh->modes = modes;
		open = fresh;
	}
	struct trivfs_protid *protid;
	int error = ports_create_object(fs->bucket, &trivfs_protid_class, sizeof(*protid), &protid);
	if (error) {
		free(fresh);
		return error;
	}
	protid->fs = fs;
	protid->open = open;
	protid->identity = *identity;
	pthread_mutex_lock(&fs->lock);
	if (fs->gone) {
		/* fsys_goaway won the race: no new ports on a node that is gone. */
		pthread_mutex_unlock(&fs->lock);
		free(fresh);
		ports_object_destroy_right(protid);
		ports_object_release(protid);
		return EBADF;
	}
	open->references++;
	protid->linked = true;
	protid->next = fs->protids;
	if (fs->protids)
		fs->protids->previous = protid;
	fs->protids = protid;
	fs->protid_count++;
	pthread_mutex_unlock(&fs->lock);
	*result = protid;
	return 0;
}

void trivfs_protid_answer(struct trivfs_protid *protid, mach_port_t *port,
                          mach_msg_type_name_t *type)
{
	*port = ports_make_send(protid);
	*type = MACH_MSG_TYPE_MAKE_SEND;
	ports_object_release(protid);
}

int trivfs_reply_bytes(const char *bytes, size_t length, char **array, unsigned *count)
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

int64_t trivfs_size_locked(struct trivfs *fs)
{
	return fs->config.hooks->size ? fs->config.hooks->size(fs) : 0;
}

int trivfs_reply_options(struct trivfs *fs, char **options, unsigned *count)
{
	struct trivfs_argz argz = {0};
	int error = trivfs_argz_add(&argz, fs->config.name);
	pthread_mutex_lock(&fs->lock);
	if (!error && fs->config.hooks->get_options)
		error = fs->config.hooks->get_options(fs, &argz);
	pthread_mutex_unlock(&fs->lock);
	if (!error)
		error = trivfs_reply_bytes(argz.data, argz.length, options, count);
	trivfs_argz_free(&argz);
	return error;
}

void trivfs_wait_gone(struct trivfs *fs)
{
	pthread_mutex_lock(&fs->lock);
	while (!fs->gone)
		pthread_cond_wait(&fs->gone_changed, &fs->lock);
	pthread_mutex_unlock(&fs->lock);
}

size_t trivfs_open_count(struct trivfs *fs)
{
	pthread_mutex_lock(&fs->lock);
	size_t count = fs->protid_count;
	pthread_mutex_unlock(&fs->lock);
	return count;
}

size_t trivfs_object_count(struct trivfs *fs)
{
	struct ports_bucket_stats stats;
	ports_bucket_stats(fs->bucket, &stats);
	return stats.objects;
}
