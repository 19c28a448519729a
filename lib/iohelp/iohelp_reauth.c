/* lib/iohelp: the server half of the auth rendezvous (io_reauthenticate),
 * at once or on a thread of its own after the routine has answered. */
#include "iohelp.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <mach.h>
#include <hurd/auth.h>

/* Copies one MIG out array into ids (at most IOHELP_MAX_IDS; E2BIG beyond)
 * and frees it if it came out of line. */
static int take_ids(idarray_t array, mach_msg_type_number_t count, uint32_t *inline_buffer,
                    uint32_t *ids, size_t *id_count)
{
	int error = count > IOHELP_MAX_IDS ? E2BIG : 0;
	if (!error) {
		if (count)
			memcpy(ids, array, count * sizeof(*ids));
		*id_count = count;
	}
	if (array != inline_buffer)
		(void)vm_deallocate(mach_task_self(), (vm_address_t)array, count * sizeof(*array));
	return error;
}

int iohelp_server_authenticate(mach_port_t server_auth, mach_port_t rendezvous, mach_port_t newport,
                               mach_msg_type_name_t newport_type, struct iohelp_identity *identity)
{
	if (!MACH_PORT_VALID(server_auth)) {
		(void)mach_port_deallocate(mach_task_self(), rendezvous);
		return EINVAL;
	}
	uint32_t buffers[4][IOHELP_MAX_IDS];
	idarray_t arrays[4] = {buffers[0], buffers[1], buffers[2], buffers[3]};
	mach_msg_type_number_t counts[4] = {IOHELP_MAX_IDS, IOHELP_MAX_IDS, IOHELP_MAX_IDS,
	                                    IOHELP_MAX_IDS};
	kern_return_t kr = auth_server_authenticate(
	    server_auth, rendezvous, MACH_MSG_TYPE_MOVE_SEND, newport, newport_type, &arrays[0],
	    &counts[0], &arrays[1], &counts[1], &arrays[2], &counts[2], &arrays[3], &counts[3]);
	if (kr != KERN_SUCCESS) {
		/* A request that was not sent leaves the rendezvous right with us. */
		if (kr == MACH_SEND_INVALID_DEST || kr == MACH_SEND_INVALID_RIGHT)
			(void)mach_port_deallocate(mach_task_self(), rendezvous);
		return kr;
	}
	memset(identity, 0, sizeof(*identity));
	int error =
	    take_ids(arrays[0], counts[0], buffers[0], identity->uids, &identity->uid_count);
	int more = take_ids(arrays[1], counts[1], buffers[1], identity->available_uids,
	                    &identity->available_uid_count);
	error = error ? error : more;
	more = take_ids(arrays[2], counts[2], buffers[2], identity->gids, &identity->gid_count);
	error = error ? error : more;
	more = take_ids(arrays[3], counts[3], buffers[3], identity->available_gids,
	                &identity->available_gid_count);
	return error ? error : more;
}

struct pending_reauth {
	mach_port_t server_auth, rendezvous, newport;
	mach_msg_type_name_t newport_type;
	iohelp_reauth_done *done;
	void *context;
};

static pthread_mutex_t pending_lock = PTHREAD_MUTEX_INITIALIZER;
static unsigned pending_count;

static void *finish_rendezvous(void *opaque)
{
	struct pending_reauth *pending = opaque;
	struct iohelp_identity identity;
	int error = iohelp_server_authenticate(pending->server_auth, pending->rendezvous,
	                                       pending->newport, pending->newport_type, &identity);
	pending->done(pending->context, error, error ? NULL : &identity);
	(void)mach_port_deallocate(mach_task_self(), pending->server_auth);
	free(pending);
	pthread_mutex_lock(&pending_lock);
	pending_count--;
	pthread_mutex_unlock(&pending_lock);
	return NULL;
}

int iohelp_reauthenticate_async(mach_port_t server_auth, mach_port_t rendezvous,
                                mach_port_t newport, mach_msg_type_name_t newport_type,
                                iohelp_reauth_done *done, void *context)
{
	if (!MACH_PORT_VALID(server_auth) || !MACH_PORT_VALID(rendezvous))
		return EINVAL;
	struct pending_reauth *pending = calloc(1, sizeof(*pending));
	if (!pending)
		return ENOMEM;
	*pending =
	    (struct pending_reauth){server_auth, rendezvous, newport, newport_type, done, context};
	pthread_mutex_lock(&pending_lock);
	bool room = pending_count < IOHELP_MAX_PENDING;
	if (room)
		pending_count++;
	pthread_mutex_unlock(&pending_lock);
	if (!room) {
		free(pending);
		return EAGAIN;
	}
	/* The thread keeps a reference of its own to the auth port. */
	if (mach_port_mod_refs(mach_task_self(), server_auth, MACH_PORT_RIGHT_SEND, 1) !=
	    KERN_SUCCESS) {
		free(pending);
		pthread_mutex_lock(&pending_lock);
		pending_count--;
		pthread_mutex_unlock(&pending_lock);
		return EINVAL;
	}
	pthread_attr_t attributes;
	pthread_attr_init(&attributes);
	pthread_attr_setdetachstate(&attributes, PTHREAD_CREATE_DETACHED);
	pthread_t thread;
	int error = pthread_create(&thread, &attributes, finish_rendezvous, pending);
	pthread_attr_destroy(&attributes);
	if (error) {
		(void)mach_port_deallocate(mach_task_self(), server_auth);
		free(pending);
		pthread_mutex_lock(&pending_lock);
		pending_count--;
		pthread_mutex_unlock(&pending_lock);
		return error;
	}
	return 0;
}
