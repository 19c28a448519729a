/* What the boot loader told the kernel, copied into kernel memory: usable RAM,
 * the boot modules and the command lines. Filled by the arch's boot code. */
#ifndef WB_KERN_BOOT_INFO_H
#define WB_KERN_BOOT_INFO_H

#include <stdint.h>

#define BOOT_MAX_MEMORY_RANGES 64
#define BOOT_MAX_MODULES       64
#define BOOT_CMDLINE_MAX       256

struct boot_memory_range {
	uint64_t start, end; /* physical, [start, end) */
};

struct boot_module {
	uint64_t start, end; /* physical, [start, end) */
	char cmdline[BOOT_CMDLINE_MAX];
};

struct boot_info {
	char cmdline[BOOT_CMDLINE_MAX];
	unsigned memory_range_count;
	struct boot_memory_range memory[BOOT_MAX_MEMORY_RANGES];
	unsigned module_count;
	struct boot_module modules[BOOT_MAX_MODULES];
	uint64_t highest_module_end;
};

extern struct boot_info boot_info;

#endif
