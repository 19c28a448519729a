/* <mach.h> for user programs: the kernel interfaces (MIG-generated stubs of
 * mach.defs, mach_port.defs, mach_host.defs, gnumach.defs), the traps, and
 * libmach's message helpers (mach_msg and the server loop). */
#ifndef _MACH_H_
#define _MACH_H_

#include <mach/mach_traps.h>
#include <mach/mach_types.h>
#include <mach/message.h>
#include <mach/mig_errors.h>
#include <mach/mig_support.h>
#include <mach_init.h>
#include <mach/mach_interface.h>
#include <mach/mach_port.h>
#include <mach/mach_host.h>
#include <mach/gnumach.h>

/* A MIG demultiplexer (exc_server, notify_server, a server's own): handles
 * request, fills reply, returns FALSE if the message id is not its own. */
typedef boolean_t (*mach_msg_demux_t)(mach_msg_header_t *request, mach_msg_header_t *reply);

/* The demultiplexers of the user-side server stubs libmach carries (MIG's
 * server headers do not declare them): notifications (notify.defs; the program
 * defines the do_mach_notify_* routines it handles, <mach/notify_server.h>) and
 * exceptions (exc.defs; catch_exception_raise, <mach/exc_server.h>). */
boolean_t notify_server(mach_msg_header_t *request, mach_msg_header_t *reply);
boolean_t exc_server(mach_msg_header_t *request, mach_msg_header_t *reply);

/* Serves requests on rcv_name (a receive right or a port set) until a receive
 * fails — with MACH_RCV_TIMEOUT, until none arrives within timeout: receives a
 * request, calls demux and sends the reply. The request's rights and out-of-line memory are
 * destroyed when the routine returned an error (other than MIG_NO_REPLY) and
 * the reply carries no reply port or cannot be sent. max_size bounds requests
 * and replies. option may add MACH_RCV_TIMEOUT (with timeout) or
 * MACH_RCV_INTERRUPT; MACH_RCV_TIMED_OUT and other receive errors are
 * returned. */
mach_msg_return_t mach_msg_server_timeout(mach_msg_demux_t demux, mach_msg_size_t max_size,
                                          mach_port_t rcv_name, mach_msg_option_t option,
                                          mach_msg_timeout_t timeout);
/* mach_msg_server_timeout without timeout, for one request. */
mach_msg_return_t mach_msg_server_once(mach_msg_demux_t demux, mach_msg_size_t max_size,
                                       mach_port_t rcv_name);
/* The server loop: serves requests until a receive fails; returns that error. */
mach_msg_return_t mach_msg_server(mach_msg_demux_t demux, mach_msg_size_t max_size,
                                  mach_port_t rcv_name);

/* Releases everything a received message holds: the header's rights, port
 * rights in the body, out-of-line memory (and the rights in out-of-line port
 * arrays). Also right for a message whose send failed with the rights
 * returned (MACH_SEND_TIMED_OUT, MACH_SEND_INTERRUPTED): COPY_SEND, MAKE_SEND
 * and MAKE_SEND_ONCE dispositions own nothing and are skipped. */
void mach_msg_destroy(mach_msg_header_t *message);

#endif
