/* Starting the virtual-memory system (see vm_init.h). */
#include "vm/vm_init.h"
#include "vm/vm_map.h"
#include "vm/vm_map_copy.h"
#include "vm/vm_object.h"
#include "vm/vm_page.h"

void vm_system_init(void)
{
	vm_page_system_init();
	vm_object_system_init();
	vm_map_system_init();
	vm_map_copy_system_init();
}
