/* Host stand-ins for the kernel's interrupt masking (single-threaded tests). */
#include "kern/irq_state.h"

irq_state_t irq_save_disable(void)
{
	return 0;
}

void irq_restore(irq_state_t state)
{
	(void)state;
}
