/* Interrupt masking as the portable kernel sees it: save-and-disable, restore.
 * The kernel build maps these to cli/sti; host unit tests map them to no-ops. */
#ifndef WB_KERN_IRQ_STATE_H
#define WB_KERN_IRQ_STATE_H

#include <stdint.h>

typedef uint64_t irq_state_t;

irq_state_t irq_save_disable(void);
void irq_restore(irq_state_t state);

#endif
