/* FPU/vector state (see fpu.h): x87 and SSE, saved with FXSAVE. XSAVE (AVX
 * state) is future work: XRSTOR failed under the nested KVM these machines run. */
#include "arch/x86_64/fpu.h"
#include "arch/x86_64/cpu_ops.h"
#include "kern/zone.h"
#include "lib/kstring.h"
#include <stdint.h>

static const uint32_t state_size = 512;
static struct zone fpu_zone;

void fpu_init_cpu(void)
{
	uint64_t cr0;
	__asm__ volatile("mov %%cr0, %0" : "=r"(cr0));
	cr0 &= ~((1ull << 2) | (1ull << 3)); /* EM, TS */
	cr0 |= (1ull << 1) | (1ull << 5);    /* MP, NE */
	__asm__ volatile("mov %0, %%cr0" : : "r"(cr0));
	/* OSFXSR, OSXMMEXCPT; OSXSAVE stays off, so programs see no AVX. */
	write_cr4(read_cr4() | (1u << 9) | (1u << 10));
	__asm__ volatile("fninit");
}

void fpu_system_init(void)
{
	zone_init(&fpu_zone, "fpu state", (state_size + 63) & ~63u, 4096);
}

void *fpu_state_alloc(void)
{
	uint8_t *state = zone_alloc(&fpu_zone);
	if (!state)
		return NULL;
	*(uint16_t *)state = 0x037f;        /* x87 control word */
	*(uint32_t *)(state + 24) = 0x1f80; /* MXCSR */
	return state;
}

void fpu_state_free(void *state)
{
	zone_free(&fpu_zone, state);
}

void fpu_save(void *state)
{
	__asm__ volatile("fxsave64 (%0)" : : "r"(state) : "memory");
}

void fpu_restore(const void *state)
{
	__asm__ volatile("fxrstor64 (%0)" : : "r"(state) : "memory");
}
