/* Port sets: a receive point for several ports. A port belongs to at most one
 * set; receiving on the set takes the first message of any member. Lock held. */
#include "ipc/ipc_internal.h"
#include "lib/kstring.h"

struct ipc_pset *ipc_pset_alloc(void)
{
	struct ipc_pset *pset = ipc_memory_alloc(sizeof(*pset));
	if (!pset)
		return NULL;
	memset(pset, 0, sizeof(*pset));
	pset->references = 1;
	pset->active = true;
	ipc_stats.port_sets++;
	return pset;
}

void ipc_pset_release(struct ipc_pset *pset)
{
	if (--pset->references > 0)
		return;
	ipc_stats.port_sets--;
	ipc_memory_free(pset, sizeof(*pset));
}

void ipc_pset_add(struct ipc_pset *pset, struct ipc_port *port)
{
	ipc_pset_remove(port);
	port->pset = pset;
	port->pset_next = pset->members;
	pset->members = port;
	/* Threads receiving on the port alone now must receive on the set. */
	ipc_thread_queue_wake_all(&port->receivers, MACH_RCV_PORT_CHANGED);
}

void ipc_pset_remove(struct ipc_port *port)
{
	struct ipc_pset *pset = port->pset;
	if (!pset)
		return;
	for (struct ipc_port **link = &pset->members; *link; link = &(*link)->pset_next) {
		if (*link == port) {
			*link = port->pset_next;
			break;
		}
	}
	port->pset = NULL;
	port->pset_next = NULL;
}

void ipc_pset_destroy(struct ipc_pset *pset)
{
	while (pset->members)
		ipc_pset_remove(pset->members);
	pset->active = false;
	ipc_thread_queue_wake_all(&pset->receivers, MACH_RCV_PORT_DIED);
	ipc_pset_release(pset);
}
