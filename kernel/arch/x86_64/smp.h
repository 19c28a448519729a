/* Starting the application processors (INIT-SIPI-SIPI) found in the MADT. */
#ifndef WB_ARCH_SMP_H
#define WB_ARCH_SMP_H

/* Starts every AP, each ending in kernel_ap_main(cpu); returns when all that
 * answered are online. cpu_count is updated. */
void smp_start_aps(void);

#endif
