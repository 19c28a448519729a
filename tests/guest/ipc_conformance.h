/* The parts of the in-guest IPC conformance suite (ipc_conformance.c runs them
 * in order); each prints one TAP line per assertion through check(). */
#ifndef WB_GUEST_IPC_CONFORMANCE_H
#define WB_GUEST_IPC_CONFORMANCE_H

#include "ipc_common.h"

/* Boot module index of the ipc_child program in the conformance system test. */
#define IPC_CONFORMANCE_CHILD_MODULE 1

void conformance_rights(void);
void conformance_dispositions(void);
void conformance_port_sets(void);
void conformance_notifications(void);
void conformance_out_of_line(void);
void conformance_out_of_line_virtual(void);
void conformance_queues(void);
void conformance_malformed(void);
void conformance_kernel_calls(void);
void conformance_cross_task(void);
void conformance_exceptions(void);
void conformance_emulation(void);
void conformance_abort(void);
/* Needs module 0's command line (--host-priv-port). */
void conformance_new_task_notifications(int argc, char **argv);

#endif
