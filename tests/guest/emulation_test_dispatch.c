/* Emulation test: with an emulator installed (task_set_emulation,
 * task_set_emulation_vector), `syscall` with a non-negative number enters it in
 * user mode with the caller's registers, rcx the return address and r11 the
 * flags; its rax reaches the caller. Negative numbers stay Mach traps. */
#include "emulation_test.h"

/* The flags bits a user program sets and reads back: CF PF AF ZF SF DF OF. */
#define FLAGS_COMPARED 0xcd5ul

/* Makes system call `number` with every register chosen; true if the entry
 * `which` saw them all and the caller got its result with the rest intact. */
static bool emulated_call(uint64_t number, uint64_t which, const char *what)
{
	struct emulation_registers in = {
	    .rax = number,
	    .rbx = 0xb0b0b0b0b0b0b0b0,
	    .rcx = 0xc0c0,
	    .rdx = 0x3333,
	    .rsi = 0x2222,
	    .rdi = 0x1111111111111111,
	    .rbp = 0xbbbb000000000000,
	    .r8 = 0x5555,
	    .r9 = 0x6666,
	    .r10 = 0x4444,
	    .r11 = 0x1111,
	    .r12 = 0x1212,
	    .r13 = 0x1313,
	    .r14 = 0x1414,
	    .r15 = 0x1515,
	    .rflags = 0x2c3, /* CF ZF SF and IF */
	};
	struct emulation_registers out = in;
	uint64_t entries = emulation_entries;
	emulation_do_syscall(&out);
	const struct emulation_registers *seen = &emulation_seen;
	bool entered = emulation_entries == entries + 1 && emulation_which == which;
	bool arguments = seen->rax == number && seen->rdi == in.rdi && seen->rsi == in.rsi &&
	                 seen->rdx == in.rdx && seen->r10 == in.r10 && seen->r8 == in.r8 &&
	                 seen->r9 == in.r9;
	bool preserved = seen->rbx == in.rbx && seen->rbp == in.rbp && seen->r12 == in.r12 &&
	                 seen->r13 == in.r13 && seen->r14 == in.r14 && seen->r15 == in.r15 &&
	                 seen->rsp == out.rsp;
	bool linkage = seen->rcx == (uint64_t)emulation_syscall_return &&
	               (seen->r11 & FLAGS_COMPARED) == (in.rflags & FLAGS_COMPARED) &&
	               (seen->rflags & FLAGS_COMPARED) == (in.rflags & FLAGS_COMPARED);
	bool returned = out.rax == emulation_test_result(&in) && out.rdi == in.rdi &&
	                out.rsi == in.rsi && out.rdx == in.rdx && out.r10 == in.r10 &&
	                out.r8 == in.r8 && out.r9 == in.r9 && out.rbx == in.rbx &&
	                out.rbp == in.rbp && out.r12 == in.r12 && out.r15 == in.r15 &&
	                (out.rflags & FLAGS_COMPARED) == (in.rflags & FLAGS_COMPARED);
	check(entered, "%s: system call %lu enters emulator entry %lu", what, (unsigned long)number,
	      (unsigned long)which);
	check(arguments, "%s: the entry sees the number in rax and the six argument registers",
	      what);
	check(preserved, "%s: rbx, rbp, r12-r15 and rsp are the caller's at the entry", what);
	check(linkage, "%s: rcx is the return address, r11 and rflags the caller's flags", what);
	return check(returned, "%s: the caller gets the entry's rax, its other registers intact",
	             what);
}

void emulation_test_dispatch(void)
{
	mach_port_t self = mach_task_self();
	if (!check(task_set_emulation(self, (vm_address_t)emulation_entry_one, 0) == KERN_SUCCESS,
	           "task_set_emulation installs entry 0, the default entry"))
		return;
	emulated_call(39, 1, "default entry");
	emulated_call(0, 1, "default entry");
	emulated_call(1023, 1, "default entry");
	emulated_call(1024, 1, "beyond the vector");
	emulated_call(0x7fffffffffffffff, 1, "largest number");

	vm_offset_t entries[3] = {(vm_offset_t)emulation_entry_two, 0,
	                          (vm_offset_t)emulation_entry_two};
	check(task_set_emulation_vector(self, 60, entries, 3) == KERN_SUCCESS,
	      "task_set_emulation_vector sets entries 60 and 62 (61 left 0)");
	emulated_call(60, 2, "own entry");
	emulated_call(61, 1, "unset entry");
	emulated_call(62, 2, "own entry");
	emulated_call(59, 1, "below the own entries");

	uint64_t before = emulation_entries;
	mach_port_t again = mach_task_self();
	check(again == self && emulation_entries == before,
	      "mach_task_self (trap -28) is still a Mach trap, not emulated");
	mach_port_t thread = mach_thread_self();
	check(MACH_PORT_VALID(thread) && emulation_entries == before,
	      "mach_thread_self (trap -27) is still a Mach trap");
	(void)mach_port_deallocate(self, thread);
	mach_print("emulation_test: mach_print still prints\n");
	check(emulation_entries == before, "mach_print (trap -30) is still a Mach trap");
}
