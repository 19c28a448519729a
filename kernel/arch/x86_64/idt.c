/* IDT setup: every vector points at its stub in entry.S; the double fault runs
 * on its own stack (IST 1) so a kernel stack overflow is still reported. */
#include "arch/x86_64/idt.h"
#include "arch/x86_64/layout.h"
#include <stdint.h>

struct idt_gate {
	uint16_t offset_low;
	uint16_t selector;
	uint8_t ist;
	uint8_t type;
	uint16_t offset_middle;
	uint32_t offset_high;
	uint32_t reserved;
} __attribute__((packed));

extern const uint64_t interrupt_stub_table[256];
static struct idt_gate idt[256] __attribute__((aligned(16)));

void idt_init(void)
{
	for (int v = 0; v < 256; v++) {
		uint64_t target = interrupt_stub_table[v];
		idt[v].offset_low = target & 0xffff;
		idt[v].selector = SEL_KERNEL_CODE;
		idt[v].ist = v == VECTOR_DOUBLE_FAULT ? 1 : 0;
		idt[v].type = 0x8e; /* present, DPL 0, interrupt gate */
		idt[v].offset_middle = (target >> 16) & 0xffff;
		idt[v].offset_high = target >> 32;
		idt[v].reserved = 0;
	}
}

void idt_load(void)
{
	struct {
		uint16_t limit;
		uint64_t base;
	} __attribute__((packed)) idtr = {sizeof(idt) - 1, (uint64_t)idt};
	__asm__ volatile("lidt %0" : : "m"(idtr));
}
