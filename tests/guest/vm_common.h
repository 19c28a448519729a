/* Helpers shared by the in-guest VM programs: fault probes, forked children
 * driven by an agent, region lookups, patterns, and the kernel's accounting. */
#ifndef WB_GUEST_VM_COMMON_H
#define WB_GUEST_VM_COMMON_H

#include "ipc_common.h"
#include <mach/vm_inherit.h>
#include <mach/vm_prot.h>
#include <mach/vm_statistics.h>

#define VM_PAGE 4096ul
#define VM_MIB  (1024ul * 1024ul)
#define VM_GIB  (1024ul * VM_MIB)
/* The first address past user space on x86_64 (the 47-bit lower half). */
#define VM_USER_END 0x0000800000000000ul
/* An address in the kernel's half of every address space. */
#define VM_KERNEL_ADDRESS 0xffff800000000000ul
/* Fixed places for tests that need known-free neighbours (a kernel may merge
 * adjacent allocations with equal attributes into one region): slot n is 4 GiB
 * wide, far above where allocations made anywhere go first. */
#define VM_SLOT(n) (0x0000400000000000ul + (uint64_t)(n)*4 * VM_GIB)

/* --- faults (vm_common_faults.c) ---
 * One exception port, served by a thread of its own, is this program's main
 * thread's exception port and every child task's. A fault inside a probe is
 * recorded and the probe resumes, reporting it; any other fault is recorded
 * and refused, so the kernel ends the faulting task. */
struct vm_fault_record {
	unsigned count;   /* exceptions received so far */
	mach_port_t task; /* the faulting task, as named in our space */
	integer_t exception, code, subcode;
};
/* Makes the port, starts its server and sets it as our exception port. */
bool vm_faults_start(void);
mach_port_t vm_faults_port(void);
/* A copy of the record of the latest exception. */
struct vm_fault_record vm_last_fault(void);
/* True if an exception arrived since the count `before` and it was
 * EXC_BAD_ACCESS with code at address (exc.defs' 32-bit subcode holds the low
 * half of the address) from task. */
bool vm_fault_was(unsigned before, mach_port_t task, kern_return_t code, uint64_t address);
/* Accesses that report a fault instead of dying of it: true if the access was
 * made. They use no libmach state, so agents in child tasks use them too. */
bool vm_probe_read(uint64_t address, uint64_t *value);
bool vm_probe_write(uint64_t address, uint64_t value);
/* Calls the code at address (a `ret` is enough). */
bool vm_probe_execute(uint64_t address);

/* --- child tasks (vm_common_child.c, the agent in vm_common_agent.c) --- */
struct vm_child {
	mach_port_t task;       /* send right to the task; MACH_PORT_NULL if none */
	mach_port_t thread;     /* the agent's thread */
	mach_port_t agent;      /* send right to the agent's request port */
	mach_port_t reply;      /* our receive right for its answers */
	mach_port_t agent_name; /* the request port's name in the child */
	vm_address_t stack;     /* the agent's stack in the child */
	uint64_t sequence;
	bool silent; /* it stopped answering: further calls fail at once */
};
enum vm_child_result {
	VM_CHILD_DONE,      /* the access was made */
	VM_CHILD_FAULTED,   /* the access faulted (and the agent carried on) */
	VM_CHILD_NO_ANSWER, /* no child, or it did not answer */
};
/* task_create(parent_task, inherit_memory TRUE), then an agent in the new
 * task: a thread running our code (inherited with our image) on a stack
 * allocated in the child, receiving on a port whose receive right is the
 * child's, with our fault port as the child's exception port. False if any
 * step failed; vm_child_end releases whatever was made. */
bool vm_child_fork(mach_port_t parent_task, struct vm_child *child);
/* An agent in our own task, to check the agent itself; vm_child_end then ends
 * only the agent's thread. */
bool vm_child_in_own_task(struct vm_child *child);
/* The agent answers a ping. */
bool vm_child_alive(struct vm_child *child);
/* One 64-bit word at address in the child. */
enum vm_child_result vm_child_read(struct vm_child *child, uint64_t address, uint64_t *value);
enum vm_child_result vm_child_write(struct vm_child *child, uint64_t address, uint64_t value);
/* Writes value + i into the first word of each page i of [address, +size). */
enum vm_child_result vm_child_fill(struct vm_child *child, uint64_t address, uint64_t size,
                                   uint64_t value);
/* How many pages i of [address, +size) hold value + i in their first word. */
enum vm_child_result vm_child_count(struct vm_child *child, uint64_t address, uint64_t size,
                                    uint64_t value, uint64_t *matching);
/* Makes the agent touch address 0 outside a probe: the child dies of it. */
void vm_child_crash(struct vm_child *child);
/* task_terminate (or, in our own task, the agent's end) and every right released. */
void vm_child_end(struct vm_child *child);

/* The agent's side (runs in the child; traps only, no libmach state). */
enum vm_agent_operation {
	VM_AGENT_PING = 1,
	VM_AGENT_READ,
	VM_AGENT_WRITE,
	VM_AGENT_FILL,
	VM_AGENT_COUNT,
	VM_AGENT_CRASH,
};
#define VM_AGENT_REQUEST_ID 7400
#define VM_AGENT_REPLY_ID   7500
#define VM_AGENT_ALIVE      0x600dul
#pragma pack(push, 4)
struct vm_agent_request {
	mach_msg_header_t header;
	mach_msg_type_t words_type;
	uint64_t sequence, operation, address, size, value;
};
struct vm_agent_reply {
	mach_msg_header_t header;
	mach_msg_type_t words_type;
	uint64_t sequence, result, value;
};
#pragma pack(pop)
_Noreturn void vm_agent_main(uint64_t request_port);

/* --- memory (vm_common_memory.c) --- */
/* vm_region's answer for the region at or after address; the object name
 * right, if one came, is released (object_name keeps the name it had). */
struct vm_region_answer {
	kern_return_t result;
	vm_address_t address;
	vm_size_t size;
	vm_prot_t protection, max_protection;
	vm_inherit_t inheritance;
	boolean_t shared;
	mach_port_t object_name;
	vm_offset_t offset;
};
struct vm_region_answer vm_region_of(mach_port_t task, vm_address_t address);
/* True if vm_region describes exactly [address, +size) with these attributes. */
bool vm_region_is(mach_port_t task, vm_address_t address, vm_size_t size, vm_prot_t protection,
                  vm_prot_t max_protection, vm_inherit_t inheritance);
/* True if the region holding address covers [address, +size) with these
 * attributes (it may be larger: merged with neighbours). */
bool vm_region_covers(mach_port_t task, vm_address_t address, vm_size_t size, vm_prot_t protection,
                      vm_prot_t max_protection, vm_inherit_t inheritance);
/* True if every byte of [address, +size) is in regions with these attributes
 * (however the kernel splits or merges them). */
bool vm_range_has(mach_port_t task, vm_address_t address, vm_size_t size, vm_prot_t protection,
                  vm_prot_t max_protection, vm_inherit_t inheritance);
/* vm_allocate fixed at address in our own task; false (and a failed check) if refused. */
bool vm_new_region_at(vm_address_t address, vm_size_t size);
/* True if no region of task holds any byte of [address, +size). */
bool vm_range_unmapped(mach_port_t task, vm_address_t address, vm_size_t size);
/* The number of regions and the bytes they cover, walking the whole map. */
bool vm_map_footprint(mach_port_t task, unsigned *regions, uint64_t *bytes);
/* A word that differs with the seed and with its place. */
uint64_t vm_pattern_word(uint64_t seed, uint64_t offset);
/* Writes / compares the pattern over [address, +size) in our own memory,
 * its offsets counted from address. */
void vm_pattern_fill(vm_address_t address, vm_size_t size, uint64_t seed);
bool vm_pattern_matches(vm_address_t address, vm_size_t size, uint64_t seed);
/* Compares with the part of a pattern that starts `offset` bytes into it. */
bool vm_pattern_matches_from(vm_address_t address, vm_size_t size, uint64_t seed, uint64_t offset);
/* True if every byte of [address, +size) of our own memory is zero. */
bool vm_range_is_zero(vm_address_t address, vm_size_t size);
/* vm_allocate anywhere in our own task; 0 (and a failed check) if refused. */
vm_address_t vm_new_region(vm_size_t size);
/* Waits about milliseconds. */
void vm_sleep(unsigned milliseconds);

/* --- accounting (vm_common_accounting.c) --- */
struct vm_accounting {
	bool have_counts, have_statistics;
	struct ipc_kernel_counts counts;
	vm_statistics_data_t statistics;
};
bool vm_accounting_take(struct vm_accounting *snapshot);
/* vm_statistics of the host through our task port; false if refused. */
bool vm_statistics_now(vm_statistics_data_t *statistics);
/* Waits for dead tasks to be reaped (up to a few seconds), then checks that
 * every kernel object count is what it was and that free pages are back
 * within page_slack of before: two checks, named after `when`. */
void vm_accounting_check(const struct vm_accounting *before, unsigned page_slack, const char *when);

/* --- the tools themselves (vm_common_selftest.c) ---
 * An agent in our own task answers, reads, writes and survives a fault. */
bool vm_tools_work(void);

/* --- the host-privileged port from module 0's argv (vm_common_host.c) --- */
mach_port_t vm_host_priv_from(int argc, char **argv);

#endif
