/* The kernel's messages to external pagers (memory_object.defs, through the
 * KernelUser MIG stubs) and the life of a memory object's control port. */
#ifndef WB_KSERVER_PAGER_MESSAGES_H
#define WB_KSERVER_PAGER_MESSAGES_H

#include <stdbool.h>

struct ipc_port;
struct vm_object;
struct pager_outbox_message;

/* Sends message (without vm_lock): the rights and data it holds are consumed,
 * whether or not the destination is alive; true then. False when the kernel
 * had no memory for a request, unlock, init or return (MACH_SEND_NO_BUFFER):
 * nothing was consumed and the message is to be sent again later, since a
 * lost request would leave its fault waiting out the pager timeout. */
bool pager_message_send(struct pager_outbox_message *message);

/* The control port of a new object (a kernel object port of kind
 * KOBJECT_MEMORY_CONTROL); turning it into a plain receive right the kernel
 * holds, before memory_object_terminate moves it to the pager. */
struct ipc_port *pager_control_port_create(struct vm_object *object);
void pager_control_port_detach(struct ipc_port *control);
/* Whether the pager's port still has a receiver (a hint). */
bool pager_port_alive(struct ipc_port *pager);

#endif
