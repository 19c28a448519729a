/* Wildebeest's <mach/mig_support.h>: the support routines that MIG-generated
 * stubs call. On the Hurd glibc provides this header; gnumach-dev does not, so
 * the project owns it (D1). libmach implements it for user programs, the kernel
 * (kernel/ipc) for its own stubs. */
#ifndef _MACH_MIG_SUPPORT_H
#define _MACH_MIG_SUPPORT_H

#include <stddef.h>
#include <mach/message.h>
#include <mach/port.h>
#include <mach/std_types.h>

/* The generated stubs copy variable-sized arrays with memcpy; on the Hurd this
 * header brings in <string.h>. Freestanding code gets the prototype here (the
 * C library's, libmach's or the kernel's implementation answers it). */
extern void *memcpy(void *destination, const void *source, size_t length);
/* Server stubs measure c_string out arguments (the Hurd protocols' names and
 * paths) with strlen. */
extern size_t strlen(const char *string);

/* The calling thread's reply port, created on first use and kept per thread
 * (libmach keeps it in the runtime's per-thread slot: <libmach/thread_data.h>). */
extern mach_port_t mig_get_reply_port(void);
/* Forgets and destroys the thread's reply port after a failed RPC (the stubs
 * call it on every mach_msg error: a late reply must not be taken for the next
 * RPC's); the next mig_get_reply_port makes a new one. */
extern void mig_dealloc_reply_port(mach_port_t reply_port);
/* Hands back the reply port after a successful RPC. */
extern void mig_put_reply_port(mach_port_t reply_port);
/* Memory for out-of-line data the stubs allocate and free. */
extern void mig_allocate(vm_address_t *address, vm_size_t size);
extern void mig_deallocate(vm_address_t address, vm_size_t size);
/* Copies a string of at most length bytes (including the NUL); returns the
 * length of the copy without the NUL. */
extern vm_size_t mig_strncpy(char *destination, const char *source, vm_size_t length);
/* Called once at program start, before any RPC (libmach: nothing to do, the
 * per-thread slots come from the runtime; first_thread_data is ignored). */
extern void mig_init(void *first_thread_data);
/* Fills a reply header for request as a MIG server does: the reply goes to the
 * request's reply port with its disposition, msgh_id is the request's + 100,
 * and RetCode is MIG_BAD_ID until a routine sets it. reply is a
 * mig_reply_header_t. */
extern void mig_reply_setup(const mach_msg_header_t *request, mach_msg_header_t *reply);

#endif
