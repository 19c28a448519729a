/* User floating-point and vector state (x87, SSE, AVX...): enabled on every CPU,
 * saved and restored eagerly on each switch between user threads. */
#ifndef WB_ARCH_FPU_H
#define WB_ARCH_FPU_H

#include <stdbool.h>

void fpu_init_cpu(void);     /* every CPU: CR0/CR4 bits and XCR0 */
void fpu_system_init(void);  /* once, after fpu_init_cpu on the boot CPU: the zone */
/* A state area in its initial configuration, or NULL at a limit. */
void *fpu_state_alloc(void);
void fpu_state_free(void *state);
void fpu_save(void *state);
void fpu_restore(const void *state);

#endif
