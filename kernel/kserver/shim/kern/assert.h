/* For gnumach-dev's <mach/machine/vm_types.h> under MACH_KERNEL: it only needs
 * the header to exist. Wildebeest's kernel has no assert macro of this name. */
#ifndef WB_KSERVER_SHIM_KERN_ASSERT_H
#define WB_KSERVER_SHIM_KERN_ASSERT_H
#endif
