/* The auth server's rendezvous: auth_user_authenticate and
 * auth_server_authenticate meet on the same rendezvous port; whichever comes
 * first waits without a worker (its reply port is kept, MIG_NO_REPLY) and is
 * answered late (auth_reply.defs) when the other half comes, or with EINTR
 * when the rendezvous port dies (its owner, the client, is gone). */
#include "auth_server.h"

#include <errno.h>
#include <stdlib.h>
#include <hurd/auth_reply.h>
#include <hurd/auth_server.h>

struct pending {
	mach_port_t rendezvous; /* our send right (or dead name) to it */
	mach_port_t reply;      /* the waiting half's reply right (send-once) */
	bool is_user;
	struct auth_handle *user; /* user half: the handle it presented (referenced) */
	mach_port_t newport;      /* server half: the port for the user (send right) */
	struct pending *next;
};

static pthread_mutex_t pending_lock = PTHREAD_MUTEX_INITIALIZER;
static struct pending *pending_list;
static struct ports_object *notify_object; /* receives dead-name notifications */
static const struct ports_class notify_class = {"auth notifications", NULL};

int auth_rendezvous_init(void)
{
	return ports_create_object(auth_bucket, &notify_class, sizeof(struct ports_object),
	                           &notify_object);
}

size_t auth_pending_count(void)
{
	size_t count = 0;
	pthread_mutex_lock(&pending_lock);
	for (struct pending *entry = pending_list; entry; entry = entry->next)
		count++;
	pthread_mutex_unlock(&pending_lock);
	return count;
}

/* With pending_lock held: removes and returns the entry for rendezvous. */
static struct pending *take_locked(mach_port_t rendezvous)
{
	for (struct pending **link = &pending_list; *link; link = &(*link)->next) {
		struct pending *entry = *link;
		if (entry->rendezvous == rendezvous) {
			*link = entry->next;
			return entry;
		}
	}
	return NULL;
}

static void watch(mach_port_t rendezvous, bool on)
{
	mach_port_t previous = MACH_PORT_NULL;
	mach_port_t notify = on ? notify_object->port : MACH_PORT_NULL;
	if (mach_port_request_notification(mach_task_self(), rendezvous, MACH_NOTIFY_DEAD_NAME,
	                                   on ? 1 : 0, notify, MACH_MSG_TYPE_MAKE_SEND_ONCE,
	                                   &previous) == KERN_SUCCESS &&
	    MACH_PORT_VALID(previous))
		(void)mach_port_deallocate(mach_task_self(), previous);
}

/* Either half's first step: pairs with a waiting other half (returned, out of
 * the list), or waits itself (NULL, *error 0), or fails (*error). */
static struct pending *meet(struct pending *arrival, kern_return_t *error)
{
	*error = 0;
	pthread_mutex_lock(&pending_lock);
	struct pending *other = take_locked(arrival->rendezvous);
	if (other && other->is_user == arrival->is_user) {
		/* Two halves of the same kind: the second is refused. */
		other->next = pending_list;
		pending_list = other;
		pthread_mutex_unlock(&pending_lock);
		*error = EBUSY;
		return NULL;
	}
	if (!other) {
		struct pending *entry = malloc(sizeof(*entry));
		if (!entry) {
			pthread_mutex_unlock(&pending_lock);
			*error = ENOMEM;
			return NULL;
		}
		*entry = *arrival;
		entry->next = pending_list;
		pending_list = entry;
		watch(entry->rendezvous, true);
	}
	pthread_mutex_unlock(&pending_lock);
	return other;
}

/* The matched pair is done with the rendezvous: two user references go. */
static void finish(struct pending *other)
{
	watch(other->rendezvous, false);
	(void)mach_port_deallocate(mach_task_self(), other->rendezvous);
	(void)mach_port_deallocate(mach_task_self(), other->rendezvous);
}

kern_return_t S_auth_user_authenticate(auth_t port, reply_port_t reply, mach_port_t rendezvous,
                                       mach_port_t *newport, mach_msg_type_name_t *newportPoly)
{
	(void)port;
	struct ports_object *object = ports_rpc_object();
	if (!object || object->class != &auth_handle_class || !MACH_PORT_VALID(rendezvous))
		return EOPNOTSUPP;
	struct pending arrival = {.rendezvous = rendezvous,
	                          .reply = reply,
	                          .is_user = true,
	                          .user = (struct auth_handle *)object};
	ports_object_ref(object);
	kern_return_t error;
	struct pending *server = meet(&arrival, &error);
	if (!server) {
		if (error) {
			ports_object_release(object);
			return error;
		}
		return MIG_NO_REPLY; /* the server half answers */
	}
	struct auth_handle *user = arrival.user;
	(void)auth_server_authenticate_reply(
	    server->reply, 0, user->sets[AUTH_EUIDS].ids, user->sets[AUTH_EUIDS].count,
	    user->sets[AUTH_AUIDS].ids, user->sets[AUTH_AUIDS].count, user->sets[AUTH_EGIDS].ids,
	    user->sets[AUTH_EGIDS].count, user->sets[AUTH_AGIDS].ids, user->sets[AUTH_AGIDS].count);
	ports_object_release(object);
	*newport = server->newport;
	*newportPoly = MACH_MSG_TYPE_MOVE_SEND;
	finish(server);
	free(server);
	return 0;
}

kern_return_t S_auth_server_authenticate(auth_t port, reply_port_t reply, mach_port_t rendezvous,
                                         mach_port_t newport, idarray_t *euids,
                                         mach_msg_type_number_t *euidsCnt, idarray_t *auids,
                                         mach_msg_type_number_t *auidsCnt, idarray_t *egids,
                                         mach_msg_type_number_t *egidsCnt, idarray_t *agids,
                                         mach_msg_type_number_t *agidsCnt)
{
	(void)port;
	struct ports_object *object = ports_rpc_object();
	if (!object || object->class != &auth_handle_class || !MACH_PORT_VALID(rendezvous))
		return EOPNOTSUPP;
	struct pending arrival = {.rendezvous = rendezvous, .reply = reply, .newport = newport};
	kern_return_t error;
	struct pending *user = meet(&arrival, &error);
	if (!user)
		return error ? error : MIG_NO_REPLY;
	(void)auth_user_authenticate_reply(user->reply, 0, newport, MACH_MSG_TYPE_MOVE_SEND);
	struct auth_handle *handle = user->user;
	auth_copy_out(&handle->sets[AUTH_EUIDS], euids, euidsCnt);
	auth_copy_out(&handle->sets[AUTH_AUIDS], auids, auidsCnt);
	auth_copy_out(&handle->sets[AUTH_EGIDS], egids, egidsCnt);
	auth_copy_out(&handle->sets[AUTH_AGIDS], agids, agidsCnt);
	/* The sets were copied into the reply (inline: AUTH_MAX_IDS fits MIG's
	 * 512), so the user's handle may go now. */
	ports_object_release(handle);
	finish(user);
	free(user);
	return 0;
}

/* The rendezvous port died: its waiting half fails with EINTR. */
kern_return_t do_mach_notify_dead_name(mach_port_t notify, mach_port_t name)
{
	(void)notify;
	pthread_mutex_lock(&pending_lock);
	struct pending *entry = take_locked(name);
	pthread_mutex_unlock(&pending_lock);
	if (entry) {
		if (entry->is_user) {
			(void)auth_user_authenticate_reply(entry->reply, EINTR, MACH_PORT_NULL,
			                                   MACH_MSG_TYPE_COPY_SEND);
			ports_object_release(entry->user);
		} else {
			(void)auth_server_authenticate_reply(entry->reply, EINTR, NULL, 0, NULL, 0,
			                                     NULL, 0, NULL, 0);
			(void)mach_port_deallocate(mach_task_self(), entry->newport);
		}
		(void)mach_port_deallocate(mach_task_self(), entry->rendezvous);
		free(entry);
	}
	/* The notification's own reference to the dead name. */
	(void)mach_port_deallocate(mach_task_self(), name);
	return KERN_SUCCESS;
}
