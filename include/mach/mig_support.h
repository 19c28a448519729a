/* Wildebeest's <mach/mig_support.h>: the support routines that MIG-generated
 * stubs call. On the Hurd glibc provides this header; gnumach-dev does not, so
 * the project owns it (D1). libmach implements it for user programs, the kernel
 * (kernel/ipc) for its own stubs. */
#ifndef _MACH_MIG_SUPPORT_H
#define _MACH_MIG_SUPPORT_H

#include <mach/message.h>
#include <mach/port.h>
#include <mach/std_types.h>

/* The calling thread's reply port, created on first use and kept per thread. */
extern mach_port_t mig_get_reply_port(void);
/* Forgets (and destroys) the thread's reply port after a failed RPC. */
extern void mig_dealloc_reply_port(mach_port_t reply_port);
/* Hands back the reply port after a successful RPC. */
extern void mig_put_reply_port(mach_port_t reply_port);
/* Memory for out-of-line data the stubs allocate and free. */
extern void mig_allocate(vm_address_t *address, vm_size_t size);
extern void mig_deallocate(vm_address_t address, vm_size_t size);
/* Copies a string of at most length bytes (including the NUL); returns the
 * length of the copy without the NUL. */
extern vm_size_t mig_strncpy(char *destination, const char *source, vm_size_t length);
/* Called once per thread at start and exit by runtimes that cache reply ports. */
extern void mig_init(void *first_thread_data);
extern void mig_reply_setup(mach_msg_header_t *request, mach_msg_header_t *reply);

#endif
