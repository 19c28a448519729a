/* Starting the virtual-memory system at boot, after physmem and kalloc: page
 * descriptors, the object and map zones. */
#ifndef WB_VM_VM_INIT_H
#define WB_VM_VM_INIT_H

void vm_system_init(void);

#endif
