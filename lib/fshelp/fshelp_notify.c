/* lib/fshelp: watching active translators — a dead-name request on each
 * control port, and a thread that forgets a translator when its port dies
 * (its node then starts the passive one again on the next lookup). */
#include "fshelp_internal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <mach/notify.h>

void fshelp_watch(struct fshelp *fshelp, struct fshelp_translator *translator)
{
	translator->next_active = fshelp->active_list;
	translator->previous_active = &fshelp->active_list;
	if (fshelp->active_list)
		fshelp->active_list->previous_active = &translator->next_active;
	fshelp->active_list = translator;
	mach_port_t previous = MACH_PORT_NULL;
	/* sync 1: a port already dead is reported at once. */
	kern_return_t kr = mach_port_request_notification(
	    mach_task_self(), translator->active, MACH_NOTIFY_DEAD_NAME, 1, fshelp->notifications,
	    MACH_MSG_TYPE_MAKE_SEND_ONCE, &previous);
	if (kr == KERN_SUCCESS && MACH_PORT_VALID(previous))
		(void)mach_port_deallocate(mach_task_self(), previous);
}

static bool another_watches(struct fshelp *fshelp, struct fshelp_translator *translator)
{
	for (struct fshelp_translator *t = fshelp->active_list; t; t = t->next_active)
		if (t != translator && t->active == translator->active)
			return true;
	return false;
}

void fshelp_unwatch(struct fshelp *fshelp, struct fshelp_translator *translator)
{
	if (!translator->previous_active)
		return;
	*translator->previous_active = translator->next_active;
	if (translator->next_active)
		translator->next_active->previous_active = translator->previous_active;
	translator->next_active = NULL;
	translator->previous_active = NULL;
	if (another_watches(fshelp, translator))
		return;
	mach_port_t previous = MACH_PORT_NULL;
	kern_return_t kr = mach_port_request_notification(mach_task_self(), translator->active,
	                                                  MACH_NOTIFY_DEAD_NAME, 0, MACH_PORT_NULL,
	                                                  MACH_MSG_TYPE_MAKE_SEND_ONCE, &previous);
	if (kr == KERN_SUCCESS && MACH_PORT_VALID(previous))
		(void)mach_port_deallocate(mach_task_self(), previous);
}

/* Every translator whose control port is the dead name forgets it. */
static void forget_dead(struct fshelp *fshelp, mach_port_t name)
{
	pthread_mutex_lock(fshelp->config.lock);
	struct fshelp_translator *t = fshelp->active_list;
	while (t) {
		struct fshelp_translator *next = t->next_active;
		if (t->active == name) {
			*t->previous_active = t->next_active;
			if (t->next_active)
				t->next_active->previous_active = t->previous_active;
			t->next_active = NULL;
			t->previous_active = NULL;
			(void)mach_port_deallocate(mach_task_self(), t->active);
			t->active = MACH_PORT_NULL;
			if (MACH_PORT_VALID(t->task))
				(void)mach_port_deallocate(mach_task_self(), t->task);
			t->task = MACH_PORT_NULL;
		}
		t = next;
	}
	pthread_mutex_unlock(fshelp->config.lock);
}

static void *receive_notifications(void *opaque)
{
	struct fshelp *fshelp = opaque;
	for (;;) {
		union {
			mach_msg_header_t header;
			mach_dead_name_notification_t dead_name;
			char space[256];
		} message;
		mach_msg_return_t result =
		    mach_msg(&message.header, MACH_RCV_MSG, 0, sizeof(message),
		             fshelp->notifications, MACH_MSG_TIMEOUT_NONE, MACH_PORT_NULL);
		if (result != MACH_MSG_SUCCESS)
			continue;
		if (message.header.msgh_id == MACH_NOTIFY_DEAD_NAME &&
		    message.header.msgh_size >= sizeof(message.dead_name) &&
		    MACH_PORT_VALID(message.dead_name.not_port)) {
			forget_dead(fshelp, message.dead_name.not_port);
			/* The notification's own reference to the dead name. */
			(void)mach_port_deallocate(mach_task_self(), message.dead_name.not_port);
		} else {
			mach_msg_destroy(&message.header);
		}
	}
	return NULL;
}

int fshelp_create(const struct fshelp_config *config, struct fshelp **result)
{
	struct fshelp *fshelp = calloc(1, sizeof(*fshelp));
	if (!fshelp)
		return ENOMEM;
	fshelp->config = *config;
	pthread_cond_init(&fshelp->start_finished, NULL);
	if (mach_port_allocate(mach_task_self(), MACH_PORT_RIGHT_RECEIVE, &fshelp->notifications) !=
	    KERN_SUCCESS) {
		free(fshelp);
		return ENOMEM;
	}
	int error =
	    pthread_create(&fshelp->notification_thread, NULL, receive_notifications, fshelp);
	if (error) {
		(void)mach_port_mod_refs(mach_task_self(), fshelp->notifications,
		                         MACH_PORT_RIGHT_RECEIVE, -1);
		free(fshelp);
		return error;
	}
	*result = fshelp;
	return 0;
}
