/* A fake Mach for lib/lookup's host tests: a table of port names with the
 * client's rights counted, and a mach_msg that hands each RPC to the MIG demux
 * of an in-process fake server chosen by the destination port. */
#ifndef WB_TEST_LOOKUP_FAKE_KERNEL_H
#define WB_TEST_LOOKUP_FAKE_KERNEL_H

#include <mach/message.h>
#include <mach/port.h>
#include <stdbool.h>
#include <stddef.h>

/* How a port's server behaves when a message arrives. */
enum fake_port_behaviour {
	FAKE_PORT_ANSWERS, /* the demuxes serve it */
	FAKE_PORT_SILENT,  /* keeps the request and never answers */
};

/* Makes a port served in-process (the client gets no right to it yet);
 * object is what the fake server finds behind it. */
mach_port_t fake_port_make(void *object, enum fake_port_behaviour behaviour);
/* The object behind a port name (NULL for none). */
void *fake_port_object(mach_port_t name);
/* Gives the client one more send right (as a test's own port). */
void fake_port_add_send(mach_port_t name);
/* The client's send rights to name, and whether it holds its receive right. */
unsigned fake_port_send_refs(mach_port_t name);
bool fake_port_has_receive(mach_port_t name);
/* Send rights the client holds across every port, and receive rights. */
unsigned fake_client_send_rights(void);
unsigned fake_client_receive_rights(void);

/* Calls the client made that break the rules: a right it does not hold
 * (deallocate, send to), a mach_msg without both timeouts, an unknown
 * destination. A correct client leaves it at 0. */
unsigned fake_kernel_misuse(void);
/* The timeout of the last mach_msg, and how many mach_msg calls there were. */
mach_msg_timeout_t fake_kernel_last_timeout(void);
unsigned fake_kernel_calls(void);
/* RPCs that timed out at a silent port. */
unsigned fake_kernel_timeouts(void);

/* The client's MIG reply port now; each mig_dealloc_reply_port makes a new
 * one. fake_late_reply(name) stands for a reply arriving late on name:
 * returns true if it would be received (name is still the reply port). */
mach_port_t fake_current_reply_port(void);
bool fake_late_reply(mach_port_t reply_port);

#endif
