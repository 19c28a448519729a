/* Physical memory outside RAM (device MMIO) mapped into a task for the "mem"
 * device, and kernel pages shared read-only (the "time" device's page):
 * objects without pages whose faults map the frames themselves. */
#ifndef WB_VM_VM_PHYSICAL_H
#define WB_VM_VM_PHYSICAL_H

#include <stdbool.h>
#include <stdint.h>
#include "vm_map.h" /* beside this file: kserver has a shim of that name */

/* Maps size bytes (page-aligned) of physical memory from phys (page-aligned) into
 * map, at *address or anywhere (as vm_map_enter), uncached unless cached (a
 * kernel page the kernel keeps forever), shared with every copy (no
 * copy-on-write). The caller checks the range is not RAM, or is such a page. */
kern_return_t vm_map_enter_physical(struct vm_map *map, uint64_t *address, uint64_t size,
                                    uint64_t mask, bool anywhere, uint64_t phys, bool cached,
                                    vm_prot_t protection, vm_prot_t max_protection,
                                    vm_inherit_t inheritance);

#endif
