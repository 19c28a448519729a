/* lib/fshelp: a node's translators — fetching the control port (starting a
 * passive translator once, however many lookups wait for it), forgetting a
 * dead one, file_set_translator's changes and goaway. */
#include "fshelp_internal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <hurd/hurd_types.h>
#include <fshelp_fsys_timed.h>
#include "fshelp_translator_wait.h"

__thread mach_msg_timeout_t fshelp_translator_wait_ms;

bool fshelp_translator_present(const struct fshelp_translator *translator)
{
	return MACH_PORT_VALID(translator->active) || translator->passive_length > 0;
}

/* Takes the fresh control port (and task) as the node's active translator. */
static void install_active(struct fshelp *fshelp, struct fshelp_translator *translator,
                           mach_port_t control, mach_port_t task)
{
	translator->active = control;
	translator->task = task;
	fshelp_watch(fshelp, translator);
}

/* Lets go of the node's active translator (not stopping it). */
static void detach_active(struct fshelp *fshelp, struct fshelp_translator *translator)
{
	if (!MACH_PORT_VALID(translator->active))
		return;
	fshelp_unwatch(fshelp, translator);
	(void)mach_port_deallocate(mach_task_self(), translator->active);
	translator->active = MACH_PORT_NULL;
	if (MACH_PORT_VALID(translator->task))
		(void)mach_port_deallocate(mach_task_self(), translator->task);
	translator->task = MACH_PORT_NULL;
}

static int copy_active(struct fshelp_translator *translator, mach_port_t *control)
{
	if (mach_port_mod_refs(mach_task_self(), translator->active, MACH_PORT_RIGHT_SEND, 1) !=
	    KERN_SUCCESS)
		return ENXIO; /* it died just now: the notification will clear it */
	*control = translator->active;
	return 0;
}

int fshelp_owner_auth(mach_port_t server_auth, uint32_t uid, uint32_t gid, mach_port_t *auth)
{
	if (!MACH_PORT_VALID(server_auth))
		return EPERM;
	hurd_uid_t uids[1] = {uid}, gids[1] = {gid};
	kern_return_t kr = auth_makeauth(server_auth, NULL, MACH_MSG_TYPE_COPY_SEND, 0, uids, 1,
	                                 uids, 1, gids, 1, gids, 1, auth);
	return kr == KERN_SUCCESS ? 0 : kr;
}

/* Starts the passive translator, lock held on entry and on return (dropped
 * meanwhile). */
static int start_passive(struct fshelp *fshelp, struct fshelp_translator *translator,
                         const struct fshelp_owner *owner)
{
	if (!fshelp->config.start)
		return EOPNOTSUPP;
	char *argz = malloc(translator->passive_length);
	if (!argz)
		return ENOMEM;
	size_t argz_length = translator->passive_length;
	memcpy(argz, translator->passive, argz_length);
	mach_port_t realnode = MACH_PORT_NULL, auth = MACH_PORT_NULL;
	int realnode_flags = 0;
	int error = owner->make_realnode(owner->context, &realnode, &realnode_flags);
	translator->starting = true;
	pthread_mutex_unlock(fshelp->config.lock);
	if (!error)
		error = fshelp_owner_auth(fshelp->config.auth, owner->uid, owner->gid, &auth);
	mach_port_t control = MACH_PORT_NULL, task = MACH_PORT_NULL;
	if (!error)
		error = fshelp->config.start(fshelp->config.start_context, argz, argz_length,
		                             owner->uid, owner->gid, auth, realnode, realnode_flags,
		                             fshelp->config.timeout_ms, &control, &task);
	if (MACH_PORT_VALID(realnode))
		(void)mach_port_deallocate(mach_task_self(), realnode);
	if (MACH_PORT_VALID(auth))
		(void)mach_port_deallocate(mach_task_self(), auth);
	free(argz);
	pthread_mutex_lock(fshelp->config.lock);
	translator->starting = false;
	translator->start_generation++;
	translator->start_error = error;
	if (!error && MACH_PORT_VALID(translator->active)) {
		/* An active translator was set by hand meanwhile: it wins, ours stops. */
		(void)task_terminate(task);
		(void)mach_port_deallocate(mach_task_self(), task);
		(void)mach_port_deallocate(mach_task_self(), control);
	} else if (!error) {
		install_active(fshelp, translator, control, task);
	}
	pthread_cond_broadcast(&fshelp->start_finished);
	return error;
}

int fshelp_fetch_control(struct fshelp *fshelp, struct fshelp_translator *translator,
                         const struct fshelp_owner *owner, mach_port_t *control)
{
	bool waited = false;
	unsigned generation = translator->start_generation;
	while (translator->starting) {
		waited = true;
		pthread_cond_wait(&fshelp->start_finished, fshelp->config.lock);
	}
	if (MACH_PORT_VALID(translator->active)) {
		if (copy_active(translator, control) == 0)
			return 0;
		/* A dead name whose notification has not been handled yet: the
		 * translator is gone, forget it now. */
		detach_active(fshelp, translator);
	}
	if (waited && translator->start_generation != generation)
		return translator->start_error ? translator->start_error : ENXIO;
	if (translator->passive_length == 0)
		return ENXIO;
	int error = start_passive(fshelp, translator, owner);
	if (error)
		return error;
	return copy_active(translator, control);
}

kern_return_t fshelp_getroot(struct fshelp *fshelp, mach_port_t control, const uint32_t *uids,
                             size_t uid_count, const uint32_t *gids, size_t gid_count, int flags,
                             retry_type *retry, char *retry_name, mach_port_t *root)
{
	fshelp_translator_wait_ms = fshelp->config.timeout_ms;
	return fshelp_timed_fsys_getroot(control, (hurd_uid_t *)uids, (mach_msg_type_number_t)uid_count,
	                                 (hurd_gid_t *)gids, (mach_msg_type_number_t)gid_count,
	                                 flags, retry, retry_name, root);
}

void fshelp_forget_control(struct fshelp *fshelp, struct fshelp_translator *translator,
                           mach_port_t control)
{
	if (translator->active == control)
		detach_active(fshelp, translator);
}

int fshelp_set_translator(struct fshelp *fshelp, struct fshelp_translator *translator,
                          int passive_flags, int active_flags, int goaway_flags,
                          const char *passive, size_t passive_length, mach_port_t active)
{
	int error = 0;
	if (passive_length > 0 && passive[passive_length - 1] != '\0')
		error = EINVAL; /* not an argz vector */
	else if ((passive_flags & FS_TRANS_SET) && (passive_flags & FS_TRANS_EXCL) &&
	         translator->passive_length > 0)
		error = EBUSY;
	else if ((active_flags & FS_TRANS_SET) && (active_flags & FS_TRANS_EXCL) &&
	         MACH_PORT_VALID(translator->active))
		error = EBUSY;
	char *record = NULL;
	if (!error && (passive_flags & FS_TRANS_SET) && passive_length > 0) {
		record = malloc(passive_length);
		if (record)
			memcpy(record, passive, passive_length);
		else
			error = ENOMEM;
	}
	if (!error && (active_flags & FS_TRANS_SET) && MACH_PORT_VALID(translator->active) &&
	    !(active_flags & FS_TRANS_ORPHAN)) {
		mach_port_t old;
		error = copy_active(translator, &old);
		if (!error) {
			int flags = goaway_flags |
			            ((active_flags & FS_TRANS_FORCE) ? FSYS_GOAWAY_FORCE : 0);
			pthread_mutex_unlock(fshelp->config.lock);
			fshelp_translator_wait_ms = fshelp->config.timeout_ms;
			kern_return_t kr = fshelp_timed_fsys_goaway(old, flags);
			pthread_mutex_lock(fshelp->config.lock);
			/* A translator that is gone already is as good as one that went. */
			if (kr == MACH_SEND_INVALID_DEST || kr == MIG_SERVER_DIED)
				kr = 0;
			error = kr;
			if (!error)
				fshelp_forget_control(fshelp, translator, old);
			(void)mach_port_deallocate(mach_task_self(), old);
		} else {
			error = 0; /* died meanwhile: nothing to stop */
		}
	}
	if (error) {
		free(record);
		return error; /* active is still the caller's */
	}
	if (active_flags & FS_TRANS_SET) {
		detach_active(fshelp, translator);
		if (MACH_PORT_VALID(active))
			install_active(fshelp, translator, active, MACH_PORT_NULL);
	} else if (MACH_PORT_VALID(active)) {
		(void)mach_port_deallocate(mach_task_self(), active);
	}
	if (passive_flags & FS_TRANS_SET) {
		free(translator->passive);
		translator->passive = record;
		translator->passive_length = record ? passive_length : 0;
	}
	return 0;
}

void fshelp_translator_drop(struct fshelp *fshelp, struct fshelp_translator *translator)
{
	detach_active(fshelp, translator);
	free(translator->passive);
	translator->passive = NULL;
	translator->passive_length = 0;
}
