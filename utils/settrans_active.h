/* settrans -a: starting the translator program with the caller's identity
 * (lib/fshelp's fshelp_start_translator through the exec server). */
#ifndef WB_SETTRANS_ACTIVE_H
#define WB_SETTRANS_ACTIVE_H

#include "utils_node.h"

#include <stdbool.h>
#include <stddef.h>

/* How long the translator has to be loaded and call fsys_startup. */
#define SETTRANS_START_TIMEOUT_MS 30000

/* Starts argz (program and arguments) on node (the underlying node, opened
 * with HURD_O_NOTRANS): on success *control is its control port and *task
 * its task, both ours. Reports its own errors. */
int settrans_start(struct utils_session *session, const char *node_name, mach_port_t node,
                   const char *argz, size_t argz_length, mach_port_t *control, mach_port_t *task);

/* Undoes a start whose translator could not be attached: asks it to go away
 * (forced) and terminates its task. */
void settrans_stop(mach_port_t control, mach_port_t task);

#endif
