/* User and group ids through the auth server: the get* calls read the auth
 * handle's ids (auth_getids: effective = euids[0]/egids[0], real and saved =
 * the available ids auids[0], auids[1]); the set* calls ask auth_makeauth for
 * a new handle (the auth server decides what is allowed) and reauthenticate
 * the root, cwd and every open port with it. Without an auth port every id
 * is 0 and the set* calls are EPERM unless they ask for 0. */
#include <mach.h>
#include <lookup.h>
#include <timed_auth.h>
#include "files.h"
#include "linux_abi.h"
#include "linux_files_abi.h"
#include "syscalls.h"
#include "lib/kstring.h"

#define IDS_MAX 64

struct id_set {
	hurd_uid_t ids[IDS_MAX];
	mach_msg_type_number_t count;
};
struct identity {
	struct id_set euids, auids, egids, agids;
};

static void take_ids(struct id_set *set, hurd_uid_t *data, mach_msg_type_number_t count)
{
	set->count = count < IDS_MAX ? count : IDS_MAX;
	if (data != set->ids) {
		memcpy(set->ids, data, set->count * sizeof(hurd_uid_t));
		(void)vm_deallocate(mach_task_self(), (vm_address_t)data,
		                    count * sizeof(hurd_uid_t));
	}
}

static long get_identity(mach_port_t auth, struct identity *identity)
{
	memset(identity, 0, sizeof(*identity));
	if (!MACH_PORT_VALID(auth)) {
		identity->euids.count = identity->auids.count = 1;
		identity->egids.count = identity->agids.count = 1;
		return 0;
	}
	hurd_uid_t *euids = identity->euids.ids, *auids = identity->auids.ids;
	hurd_uid_t *egids = identity->egids.ids, *agids = identity->agids.ids;
	mach_msg_type_number_t euid_count = IDS_MAX, auid_count = IDS_MAX, egid_count = IDS_MAX,
	                       agid_count = IDS_MAX;
	kern_return_t answer =
	    timed_auth_getids(auth, EMUL_FILE_RPC_MS, &euids, &euid_count, &auids, &auid_count,
	                      &egids, &egid_count, &agids, &agid_count);
	if (answer != KERN_SUCCESS)
		return emul_rpc_errno(answer);
	take_ids(&identity->euids, euids, euid_count);
	take_ids(&identity->auids, auids, auid_count);
	take_ids(&identity->egids, egids, egid_count);
	take_ids(&identity->agids, agids, agid_count);
	return 0;
}

static long current_identity(struct identity *identity)
{
	emul_lock(&emul_files.lock);
	mach_port_t auth = emul_files.auth;
	emul_port_add_ref(auth);
	emul_unlock(&emul_files.lock);
	long error = get_identity(auth, identity);
	emul_port_release(auth);
	return error;
}

static uint32_t first(const struct id_set *set, uint32_t fallback)
{
	return set->count > 0 ? set->ids[0] : fallback;
}

/* effective, real, saved from (effective set, available set). */
static void three_ids(const struct id_set *effective, const struct id_set *available,
                      uint32_t out[3])
{
	out[0] = first(effective, 0);
	out[1] = available->count > 0 ? available->ids[0] : out[0];
	out[2] = available->count > 1 ? available->ids[1] : out[1];
}

static long one_id(int group, int index)
{
	struct identity identity;
	long error = current_identity(&identity);
	if (error < 0)
		return error;
	uint32_t ids[3];
	if (group)
		three_ids(&identity.egids, &identity.agids, ids);
	else
		three_ids(&identity.euids, &identity.auids, ids);
	return ids[index];
}

long emul_sys_getuid(struct emul_frame *frame)
{
	(void)frame;
	return one_id(0, 1);
}

long emul_sys_geteuid(struct emul_frame *frame)
{
	(void)frame;
	return one_id(0, 0);
}

long emul_sys_getgid(struct emul_frame *frame)
{
	(void)frame;
	return one_id(1, 1);
}

long emul_sys_getegid(struct emul_frame *frame)
{
	(void)frame;
	return one_id(1, 0);
}

static long get_three(int group, uint64_t real, uint64_t effective, uint64_t saved)
{
	struct identity identity;
	long error = current_identity(&identity);
	if (error < 0)
		return error;
	uint32_t ids[3];
	if (group)
		three_ids(&identity.egids, &identity.agids, ids);
	else
		three_ids(&identity.euids, &identity.auids, ids);
	if ((error = emul_copy_to_user(real, &ids[1], 4)) < 0 ||
	    (error = emul_copy_to_user(effective, &ids[0], 4)) < 0)
		return error;
	return emul_copy_to_user(saved, &ids[2], 4);
}

long emul_sys_getresuid(struct emul_frame *frame)
{
	return get_three(0, frame->rdi, frame->rsi, frame->rdx);
}

long emul_sys_getresgid(struct emul_frame *frame)
{
	return get_three(1, frame->rdi, frame->rsi, frame->rdx);
}

long emul_sys_getgroups(struct emul_frame *frame)
{
	int64_t size = (int32_t)frame->rdi;
	uint64_t list = frame->rsi;
	if (size < 0)
		return -LINUX_EINVAL;
	struct identity identity;
	long error = current_identity(&identity);
	if (error < 0)
		return error;
	/* The supplementary groups: the effective gids after the first. */
	uint32_t count = identity.egids.count > 1 ? identity.egids.count - 1 : 0;
	if (size == 0)
		return count;
	if ((uint64_t)size < count)
		return -LINUX_EINVAL;
	error = emul_copy_to_user(list, identity.egids.ids + 1, count * sizeof(uint32_t));
	return error < 0 ? error : (long)count;
}

/* Reauthenticates *port with auth (the old right released on success). */
static void reauthenticate(mach_port_t *port, mach_port_t auth)
{
	if (!MACH_PORT_VALID(*port))
		return;
	mach_port_t fresh = MACH_PORT_NULL;
	if (lookup_reauthenticate(*port, auth, EMUL_FILE_RPC_MS, &fresh) != 0)
		return; /* kept as it was: the server does not know the new ids */
	emul_port_release(*port);
	*port = fresh;
}

/* Makes a handle with the given sets, then adopts it (emul_identity_adopt). */
static long adopt_identity(const struct identity *wanted)
{
	emul_lock(&emul_files.lock);
	mach_port_t auth = emul_files.auth;
	emul_port_add_ref(auth);
	emul_unlock(&emul_files.lock);
	if (!MACH_PORT_VALID(auth)) {
		int all_zero = 1;
		const struct id_set *sets[4] = {&wanted->euids, &wanted->auids, &wanted->egids,
		                                &wanted->agids};
		for (int s = 0; s < 4; s++)
			for (uint32_t i = 0; i < sets[s]->count; i++)
				all_zero &= sets[s]->ids[i] == 0;
		return all_zero ? 0 : -LINUX_EPERM;
	}
	mach_port_t new_auth = MACH_PORT_NULL;
	kern_return_t answer = timed_auth_makeauth(
	    auth, EMUL_FILE_RPC_MS, NULL, MACH_MSG_TYPE_COPY_SEND, 0, wanted->euids.ids,
	    wanted->euids.count, wanted->auids.ids, wanted->auids.count, wanted->egids.ids,
	    wanted->egids.count, wanted->agids.ids, wanted->agids.count, &new_auth);
	emul_port_release(auth);
	if (answer != KERN_SUCCESS)
		return emul_rpc_errno(answer);
	return emul_identity_adopt(new_auth);
}

long emul_identity_adopt(mach_port_t new_auth)
{
	/* The new identity's ports, made outside the lock (RPCs), then swapped in. */
	mach_port_t root, cwd;
	emul_lock(&emul_files.lock);
	root = emul_files.root;
	cwd = emul_files.cwd;
	emul_port_add_ref(root);
	emul_port_add_ref(cwd);
	emul_unlock(&emul_files.lock);
	reauthenticate(&root, new_auth);
	reauthenticate(&cwd, new_auth);
	for (int fd = 0; fd < EMUL_FD_MAX; fd++) {
		struct emul_fd_ref ref;
		if (emul_fd_get(fd, &ref) < 0)
			continue;
		if (ref.entry.kind == EMUL_FD_PORT) {
			mach_port_t old = ref.entry.port, fresh = old;
			emul_port_add_ref(fresh);
			reauthenticate(&fresh, new_auth);
			if (fresh != old) {
				emul_lock(&emul_files.lock);
				if (emul_files.fds[fd].kind == EMUL_FD_PORT &&
				    emul_files.fds[fd].port == old) {
					emul_files.fds[fd].port = fresh;
					fresh = old; /* the table's old reference goes */
				}
				emul_unlock(&emul_files.lock);
			}
			emul_port_release(fresh);
		}
		emul_fd_put(&ref);
	}
	emul_lock(&emul_files.lock);
	mach_port_t old_auth = emul_files.auth, old_root = emul_files.root,
	            old_cwd = emul_files.cwd;
	emul_files.auth = new_auth;
	emul_files.root = root;
	emul_files.cwd = cwd;
	emul_unlock(&emul_files.lock);
	emul_port_release(old_auth);
	emul_port_release(old_root);
	emul_port_release(old_cwd);
	return 0;
}

/* Replaces the first id of set with id (or makes it one id), and the second
 * (saved) likewise when saved is set. -1 leaves an id alone. */
static void set_first(struct id_set *set, int64_t id)
{
	if (id == -1 || (uint32_t)id == 0xffffffffu)
		return;
	if (set->count == 0)
		set->count = 1;
	set->ids[0] = (uint32_t)id;
}

static void set_available(struct id_set *set, int64_t real, int64_t saved)
{
	if (set->count < 2) {
		set->ids[1] = set->count ? set->ids[0] : 0;
		set->count = 2;
	}
	if (real != -1 && (uint32_t)real != 0xffffffffu)
		set->ids[0] = (uint32_t)real;
	if (saved != -1 && (uint32_t)saved != 0xffffffffu)
		set->ids[1] = (uint32_t)saved;
}

static long set_three(int group, int64_t real, int64_t effective, int64_t saved)
{
	struct identity identity;
	long error = current_identity(&identity);
	if (error < 0)
		return error;
	if (group) {
		set_first(&identity.egids, effective);
		set_available(&identity.agids, real, saved);
	} else {
		set_first(&identity.euids, effective);
		set_available(&identity.auids, real, saved);
	}
	return adopt_identity(&identity);
}

long emul_sys_setresuid(struct emul_frame *frame)
{
	return set_three(0, (int32_t)frame->rdi, (int32_t)frame->rsi, (int32_t)frame->rdx);
}

long emul_sys_setresgid(struct emul_frame *frame)
{
	return set_three(1, (int32_t)frame->rdi, (int32_t)frame->rsi, (int32_t)frame->rdx);
}

long emul_sys_setreuid(struct emul_frame *frame)
{
	return set_three(0, (int32_t)frame->rdi, (int32_t)frame->rsi, -1);
}

long emul_sys_setregid(struct emul_frame *frame)
{
	return set_three(1, (int32_t)frame->rdi, (int32_t)frame->rsi, -1);
}

/* setuid as Linux does it for root: all three ids. (For others the auth
 * server refuses ids the handle does not hold, which covers setuid's rule.) */
long emul_sys_setuid(struct emul_frame *frame)
{
	int64_t id = (int32_t)frame->rdi;
	return set_three(0, id, id, id);
}

long emul_sys_setgid(struct emul_frame *frame)
{
	int64_t id = (int32_t)frame->rdi;
	return set_three(1, id, id, id);
}

long emul_sys_setgroups(struct emul_frame *frame)
{
	uint64_t size = frame->rdi, list = frame->rsi;
	if (size >= IDS_MAX)
		return -LINUX_EINVAL;
	struct identity identity;
	long error = current_identity(&identity);
	if (error < 0)
		return error;
	uint32_t groups[IDS_MAX];
	error = emul_copy_from_user(groups, list, size * sizeof(uint32_t));
	if (error < 0)
		return error;
	uint32_t effective = first(&identity.egids, 0);
	identity.egids.ids[0] = effective;
	memcpy(identity.egids.ids + 1, groups, size * sizeof(uint32_t));
	identity.egids.count = (mach_msg_type_number_t)(1 + size);
	return adopt_identity(&identity);
}
