/* The auth server's handles: the class, auth_getids and auth_makeauth (new
 * ids only from those of the handles presented, unless one has uid 0). */
#include "auth_server.h"

#include <errno.h>
#include <string.h>
#include <hurd/auth_server.h>

struct ports_bucket *auth_bucket;

static void clean_handle(struct ports_object *object)
{
	struct auth_handle *handle = (struct auth_handle *)object;
	for (int i = 0; i < AUTH_SETS; i++)
		auth_ids_clear(&handle->sets[i]);
}

const struct ports_class auth_handle_class = {"auth handle", clean_handle};

int auth_handle_create(const uint32_t *const ids[AUTH_SETS], const size_t counts[AUTH_SETS],
                       struct auth_handle **result)
{
	struct auth_handle *handle;
	int error = ports_create_object(auth_bucket, &auth_handle_class, sizeof(*handle), &handle);
	if (error)
		return error;
	for (int i = 0; i < AUTH_SETS && !error; i++)
		error = auth_ids_set(&handle->sets[i], ids[i], counts[i]);
	if (error) {
		ports_object_destroy_right(handle);
		ports_object_release(handle);
		return error;
	}
	*result = handle;
	return 0;
}

void auth_copy_out(const struct auth_ids *set, uint32_t **array, unsigned *count)
{
	if (set->count <= *count) {
		if (set->count)
			memcpy(*array, set->ids, set->count * sizeof(uint32_t));
	} else {
		*array = set->ids; /* out of line, copied when the reply is sent */
	}
	*count = (unsigned)set->count;
}

/* The handle the current RPC was sent to, or NULL. */
static struct auth_handle *current_handle(void)
{
	struct ports_object *object = ports_rpc_object();
	return object && object->class == &auth_handle_class ? (struct auth_handle *)object : NULL;
}

kern_return_t S_auth_getids(auth_t port, idarray_t *euids, mach_msg_type_number_t *euidsCnt,
                            idarray_t *auids, mach_msg_type_number_t *auidsCnt, idarray_t *egids,
                            mach_msg_type_number_t *egidsCnt, idarray_t *agids,
                            mach_msg_type_number_t *agidsCnt)
{
	(void)port;
	struct auth_handle *handle = current_handle();
	if (!handle)
		return EOPNOTSUPP;
	auth_copy_out(&handle->sets[AUTH_EUIDS], euids, euidsCnt);
	auth_copy_out(&handle->sets[AUTH_AUIDS], auids, auidsCnt);
	auth_copy_out(&handle->sets[AUTH_EGIDS], egids, egidsCnt);
	auth_copy_out(&handle->sets[AUTH_AGIDS], agids, agidsCnt);
	return 0;
}

#define MAX_PRESENTED 16

kern_return_t S_auth_makeauth(auth_t port, const_portarray_t other_handles,
                              mach_msg_type_number_t other_handlesCnt, const_idarray_t euids,
                              mach_msg_type_number_t euidsCnt, const_idarray_t auids,
                              mach_msg_type_number_t auidsCnt, const_idarray_t egids,
                              mach_msg_type_number_t egidsCnt, const_idarray_t agids,
                              mach_msg_type_number_t agidsCnt, mach_port_t *newhandle,
                              mach_msg_type_name_t *newhandlePoly)
{
	(void)port;
	struct auth_handle *self = current_handle();
	if (!self)
		return EOPNOTSUPP;
	if (other_handlesCnt >= MAX_PRESENTED)
		return EINVAL;
	/* The presented handles: this one and every other that is one of ours. */
	struct auth_handle *presented[MAX_PRESENTED] = {self};
	size_t count = 1;
	for (mach_msg_type_number_t i = 0; i < other_handlesCnt; i++) {
		struct auth_handle *other =
		    ports_lookup_port(auth_bucket, other_handles[i], &auth_handle_class);
		if (other)
			presented[count++] = other;
	}
	bool root = false;
	const struct auth_ids *uid_sets[2 * MAX_PRESENTED], *gid_sets[2 * MAX_PRESENTED];
	for (size_t i = 0; i < count; i++) {
		root = root || auth_ids_contains(&presented[i]->sets[AUTH_EUIDS], 0);
		uid_sets[2 * i] = &presented[i]->sets[AUTH_EUIDS];
		uid_sets[2 * i + 1] = &presented[i]->sets[AUTH_AUIDS];
		gid_sets[2 * i] = &presented[i]->sets[AUTH_EGIDS];
		gid_sets[2 * i + 1] = &presented[i]->sets[AUTH_AGIDS];
	}
	kern_return_t result = 0;
	if (!root && !(auth_ids_within(euids, euidsCnt, uid_sets, 2 * count) &&
	               auth_ids_within(auids, auidsCnt, uid_sets, 2 * count) &&
	               auth_ids_within(egids, egidsCnt, gid_sets, 2 * count) &&
	               auth_ids_within(agids, agidsCnt, gid_sets, 2 * count)))
		result = EPERM;
	for (size_t i = 1; i < count; i++)
		ports_object_release(presented[i]);
	if (result)
		return result;
	const uint32_t *const ids[AUTH_SETS] = {euids, auids, egids, agids};
	const size_t counts[AUTH_SETS] = {euidsCnt, auidsCnt, egidsCnt, agidsCnt};
	struct auth_handle *handle;
	result = auth_handle_create(ids, counts, &handle);
	if (result)
		return result;
	*newhandle = ports_make_send(handle);
	*newhandlePoly = MACH_MSG_TYPE_MAKE_SEND;
	ports_object_release(handle); /* its senders keep it */
	/* The request's send rights to the other handles are ours on success. */
	for (mach_msg_type_number_t i = 0; i < other_handlesCnt; i++)
		(void)mach_port_deallocate(mach_task_self(), other_handles[i]);
	return 0;
}
