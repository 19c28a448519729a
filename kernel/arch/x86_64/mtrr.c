/* Memory types at boot: firmware that leaves the MTRRs off (qboot does) leaves
 * all memory uncached, which under KVM makes every access to RAM slow. Then
 * the MTRRs are switched on with write-back as the default type; device
 * memory stays uncached through the page tables (the direct map maps non-RAM
 * with PCD, see pmap.c). Firmware that set the MTRRs up is left alone. */
#include "arch/x86_64/mtrr.h"
#include "arch/x86_64/cpu_ops.h"
#include "kern/irq_state.h"

#define CPUID_FEATURES_EDX_MTRR (1u << 12)
#define MSR_MTRR_DEF_TYPE       0x2ff
#define MTRR_DEF_TYPE_ENABLE    (1u << 11)
#define MTRR_TYPE_WRITE_BACK    6
#define CR0_NOT_WRITE_THROUGH   (1ul << 29)
#define CR0_CACHE_DISABLE       (1ul << 30)
#define CR4_GLOBAL_PAGES        (1ul << 7)

bool mtrr_enable_write_back_default(void)
{
	uint32_t regs[4];
	cpuid(1, 0, regs);
	if (!(regs[3] & CPUID_FEATURES_EDX_MTRR))
		return false;
	uint64_t default_type = rdmsr(MSR_MTRR_DEF_TYPE);
	if (default_type & MTRR_DEF_TYPE_ENABLE)
		return false;
	/* The update sequence of Intel's SDM (11.11.7.2), with interrupts off. */
	irq_state_t state = irq_save_disable();
	uint64_t cr0 = read_cr0();
	uint64_t cr4 = read_cr4();
	write_cr0((cr0 | CR0_CACHE_DISABLE) & ~CR0_NOT_WRITE_THROUGH);
	write_back_and_invalidate_caches();
	write_cr4(cr4 & ~CR4_GLOBAL_PAGES);
	write_cr3(read_cr3());
	wrmsr(MSR_MTRR_DEF_TYPE,
	      (default_type & ~0xffful) | MTRR_DEF_TYPE_ENABLE | MTRR_TYPE_WRITE_BACK);
	write_back_and_invalidate_caches();
	write_cr3(read_cr3());
	write_cr0(cr0 & ~(CR0_CACHE_DISABLE | CR0_NOT_WRITE_THROUGH));
	write_cr4(cr4);
	irq_restore(state);
	return true;
}
