/* lib/fshelp's own state: the notification port on which dead control
 * ports are reported, the list of watched translators, the start condition. */
#ifndef WB_FSHELP_INTERNAL_H
#define WB_FSHELP_INTERNAL_H

#include "fshelp.h"

#include <hurd/auth.h>

struct fshelp {
	struct fshelp_config config;
	pthread_cond_t start_finished;         /* with config.lock */
	mach_port_t notifications;             /* receive right: dead-name notifications */
	struct fshelp_translator *active_list; /* under config.lock */
	pthread_t notification_thread;
};

/* Lock held: the translator's active port enters the list and gets a
 * dead-name request; leaves both. */
void fshelp_watch(struct fshelp *fshelp, struct fshelp_translator *translator);
void fshelp_unwatch(struct fshelp *fshelp, struct fshelp_translator *translator);

#endif
