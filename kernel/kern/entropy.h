/* The kernel's entropy source, behind the "random" device: a ChaCha20
 * generator whose key is re-derived from a pool fed by TSC samples of
 * interrupts and boot-time jitter, plus RDSEED/RDRAND when the CPU has them. */
#ifndef WB_KERN_ENTROPY_H
#define WB_KERN_ENTROPY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Once on the boot CPU, before interrupts: probes CPUID, seeds the pool from
 * the RTC, TSC jitter and the CPU's generator. use_cpu_generator false (the
 * kernel argument "entropy=no-rdrand") ignores RDRAND/RDSEED: the fallback. */
void entropy_init(bool use_cpu_generator);
/* Mixes a sample (a TSC reading at an interrupt) into the pool; cheap, any CPU,
 * interrupts disabled. */
void entropy_add_sample(uint64_t sample);
/* Fills buffer with size random bytes (any CPU; may be called with interrupts
 * on; does not sleep). */
void entropy_read(void *buffer, size_t size);
/* Whether RDRAND/RDSEED feed the pool (for the console line and tests). */
bool entropy_uses_cpu_generator(void);

#endif
