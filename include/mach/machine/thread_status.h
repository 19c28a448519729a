/* Wildebeest overlay of <mach/machine/thread_status.h>: the thread-state flavors
 * of thread_get_state/thread_set_state on x86_64, in GNU Mach's published
 * x86_64 layout and numbers.
 *
 * Differences from gnumach-dev's mach/x86_64/thread_status.h (which is still
 * the i386 header):
 * - struct i386_thread_state holds the 64-bit register set: r8..r15, rdi, rsi,
 *   rbp, rsp, rbx, rdx, rcx, rax, rip as uint64_t, then cs, then rfl and ursp
 *   as uint64_t, then ss. The i386 fields gs, fs, es, ds, edi..eip, efl and
 *   uesp are gone (segment bases live in i386_FSGS_BASE_STATE). The user stack
 *   pointer is ursp; rsp is the register image as saved on kernel entry and is
 *   not the one a thread resumes with. i386_THREAD_STATE_COUNT is 42.
 * - i386_FSGS_BASE_STATE (7) and struct i386_fsgs_base_state are added: the
 *   FS and GS base addresses, which TLS needs. Its count is 4.
 * - i386_V86_ASSIST_STATE keeps its number but has no meaning in 64-bit mode.
 * The header guard is gnumach-dev's, so including both never defines the
 * structures twice. */
#ifndef _MACH_I386_THREAD_STATUS_H_
#define _MACH_I386_THREAD_STATUS_H_

#include <stdint.h>
#include <mach/machine/fp_reg.h>

#define i386_THREAD_STATE       1
#define i386_FLOAT_STATE        2
#define i386_ISA_PORT_MAP_STATE 3
#define i386_V86_ASSIST_STATE   4
#define i386_REGS_SEGS_STATE    5
#define i386_DEBUG_STATE        6
#define i386_FSGS_BASE_STATE    7

/* General registers: the flavors i386_THREAD_STATE and i386_REGS_SEGS_STATE. */
struct i386_thread_state {
	uint64_t r8;
	uint64_t r9;
	uint64_t r10;
	uint64_t r11;
	uint64_t r12;
	uint64_t r13;
	uint64_t r14;
	uint64_t r15;
	uint64_t rdi;
	uint64_t rsi;
	uint64_t rbp;
	uint64_t rsp;
	uint64_t rbx;
	uint64_t rdx;
	uint64_t rcx;
	uint64_t rax;
	uint64_t rip;
	unsigned int cs;
	uint64_t rfl;
	uint64_t ursp;
	unsigned int ss;
};
#define i386_THREAD_STATE_COUNT (sizeof(struct i386_thread_state) / sizeof(unsigned int))

/* The FPU: fpkind is one of fp_reg.h's FP_* kinds (read only); initialized
 * false resets the unit; hw_state is the saved image; exc_status the status
 * word of an exception noticed but not yet handled (read only). */
#define FP_STATE_BYTES (sizeof(struct i386_fp_save) + sizeof(struct i386_fp_regs))

struct i386_float_state {
	int fpkind;
	int initialized;
	unsigned char hw_state[FP_STATE_BYTES];
	int exc_status;
};
#define i386_FLOAT_STATE_COUNT (sizeof(struct i386_float_state) / sizeof(unsigned int))

/* The I/O permission bitmap of the first 0x400 ports. */
#define PORT_MAP_BITS 0x400
struct i386_isa_port_map_state {
	unsigned char pm[PORT_MAP_BITS >> 3];
};
#define i386_ISA_PORT_MAP_STATE_COUNT                                                              \
	(sizeof(struct i386_isa_port_map_state) / sizeof(unsigned int))

/* Virtual-8086 assistance (i386 only; kept for the numbering). */
struct i386_v86_assist_state {
	unsigned int int_table;
	int int_count;
};
struct v86_interrupt_table {
	unsigned int count;
	unsigned short mask;
	unsigned short vec;
};
#define i386_V86_ASSIST_STATE_COUNT (sizeof(struct i386_v86_assist_state) / sizeof(unsigned int))

/* Debug registers dr0..dr7. */
struct i386_debug_state {
	unsigned int dr[8];
};
#define i386_DEBUG_STATE_COUNT (sizeof(struct i386_debug_state) / sizeof(unsigned int))

/* Segment base addresses, the thread pointer of TLS. */
struct i386_fsgs_base_state {
	unsigned long fs_base;
	unsigned long gs_base;
};
#define i386_FSGS_BASE_STATE_COUNT (sizeof(struct i386_fsgs_base_state) / sizeof(unsigned int))

#endif
