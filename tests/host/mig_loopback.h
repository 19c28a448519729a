/* A test double for mach_msg and MIG's support routines: a client stub's RPC
 * is handed straight to a server demux in the same process, with the kernel's
 * translations of port dispositions and out-of-line memory done on the way. */
#ifndef WB_TEST_MIG_LOOPBACK_H
#define WB_TEST_MIG_LOOPBACK_H

#include <mach/message.h>
#include <mach/port.h>
#include <stddef.h>

/* The server side: a MIG demux (or several tried in turn), as mach_msg_server
 * would call it. */
typedef boolean_t (*loopback_demux_t)(mach_msg_header_t *request, mach_msg_header_t *reply);
void loopback_set_demux(loopback_demux_t demux);

/* Stands for a server's later work: called when the demux answers
 * MIG_NO_REPLY (the server kept the reply port), it is expected to send the
 * reply with a reply stub (NAME_reply.defs), which the waiting client gets. */
typedef void (*loopback_later_t)(void);
void loopback_set_later(loopback_later_t answer_later);

/* Requests to port arrive with this protected payload instead of the port's
 * name, as the kernel delivers them once the receiver set one (0: none). */
void loopback_set_protected_payload(mach_port_t port, unsigned long payload);

/* The reply port name every RPC uses (port names are plain integers here). */
#define LOOPBACK_REPLY_PORT ((mach_port_t)0x7e57)

/* Out-of-line regions alive: made by mig_allocate or by the loopback's copies
 * of out-of-line data, not yet given back by mig_deallocate or a send with
 * deallocate. A test that ends with 0 has every region owned and freed. */
size_t loopback_live_regions(void);
/* Calls that broke the rules: mig_deallocate of something not allocated or
 * with the wrong size, mach_msg with options or sizes a stub never uses, a
 * message the loopback could not walk. */
size_t loopback_misuse_count(void);
/* What the last request and reply carried: counts of out-of-line items and
 * of port rights by the disposition the sender gave. */
struct loopback_traffic {
	unsigned request_ool_items;
	unsigned reply_ool_items;
	unsigned request_copy_sends;
	unsigned request_make_sends;
	unsigned reply_move_sends;
	unsigned reply_make_sends;
	unsigned reply_copy_sends;
	boolean_t request_destroyed; /* the server refused it: its memory was freed */
	boolean_t answered_later;    /* the reply came from a reply stub */
};
struct loopback_traffic loopback_last_traffic(void);

#endif
