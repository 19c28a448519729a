/* The parts of the in-guest VM conformance suite (vm_conformance.c runs them in
 * order), one per call family; each prints one TAP line per assertion through
 * check(), written from the Mach interface's documented behaviour. */
#ifndef WB_GUEST_VM_CONFORMANCE_H
#define WB_GUEST_VM_CONFORMANCE_H

#include "vm_common.h"

/* The host-privileged port (module 0's argv), MACH_PORT_NULL if none. */
extern mach_port_t vm_conformance_host_priv;

void vm_conformance_allocate(void);
void vm_conformance_deallocate(void);
void vm_conformance_lazy(void);
void vm_conformance_protect(void);
void vm_conformance_execute(void);
void vm_conformance_inherit(void);
void vm_conformance_fork(void);
void vm_conformance_read(void);
void vm_conformance_write(void);
void vm_conformance_copy(void);
void vm_conformance_region(void);
void vm_conformance_map(void);
void vm_conformance_wire(void);
void vm_conformance_statistics(void);

#endif
