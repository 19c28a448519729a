/* Silencing the legacy 8259 PICs (the local APIC does the kernel's interrupts). */
#ifndef WB_ARCH_PIC_H
#define WB_ARCH_PIC_H

void pic_disable(void);

#endif
