/* The legacy 8259 interrupt controllers: remapped away from the exception
 * vectors and fully masked, since the kernel uses the local APIC only. */
#include "arch/x86_64/pic.h"
#include "arch/x86_64/cpu_ops.h"

void pic_disable(void)
{
	outb(0x20, 0x11); /* ICW1: initialise, expect ICW4 */
	outb(0xa0, 0x11);
	outb(0x21, 0x20); /* ICW2: master at vectors 0x20-0x27 */
	outb(0xa1, 0x28); /*       slave at 0x28-0x2f */
	outb(0x21, 0x04); /* ICW3: slave on IRQ 2 */
	outb(0xa1, 0x02);
	outb(0x21, 0x01); /* ICW4: 8086 mode */
	outb(0xa1, 0x01);
	outb(0x21, 0xff); /* mask everything */
	outb(0xa1, 0xff);
}
