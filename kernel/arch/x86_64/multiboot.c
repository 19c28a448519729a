/* Multiboot v1 information (published layout) to boot_info: memory map, modules
 * and command lines, read through the boot-time mapping of the first GiB. */
#include "arch/x86_64/multiboot.h"
#include "arch/x86_64/layout.h"
#include "kern/boot_info.h"
#include "dev/console.h"
#include "lib/kstring.h"

struct multiboot_info {
	uint32_t flags;
	uint32_t mem_lower, mem_upper;
	uint32_t boot_device;
	uint32_t cmdline;
	uint32_t mods_count, mods_addr;
	uint32_t syms[4];
	uint32_t mmap_length, mmap_addr;
} __attribute__((packed));

struct multiboot_module {
	uint32_t mod_start, mod_end;
	uint32_t string;
	uint32_t reserved;
} __attribute__((packed));

struct multiboot_mmap_entry {
	uint32_t size;
	uint64_t addr, len;
	uint32_t type;
} __attribute__((packed));

#define MB_INFO_CMDLINE 0x004
#define MB_INFO_MODS    0x008
#define MB_INFO_MMAP    0x040
#define BOOT_MAPPED_END 0x40000000ull

struct boot_info boot_info;

static const void *boot_phys(uint64_t phys)
{
	return (const void *)(KERNEL_VIRT_BASE + phys);
}

static void copy_string(char *dest, uint64_t phys)
{
	dest[0] = '\0';
	if (phys == 0 || phys >= BOOT_MAPPED_END)
		return;
	const char *src = boot_phys(phys);
	size_t i = 0;
	while (i + 1 < BOOT_CMDLINE_MAX && phys + i < BOOT_MAPPED_END && src[i]) {
		dest[i] = src[i];
		i++;
	}
	dest[i] = '\0';
}

bool multiboot_read(uint32_t magic, uint64_t info_phys)
{
	if (magic != MULTIBOOT_BOOTLOADER_MAGIC || info_phys + sizeof(struct multiboot_info) > BOOT_MAPPED_END)
		return false;
	const struct multiboot_info *info = boot_phys(info_phys);
	if (info->flags & MB_INFO_CMDLINE)
		copy_string(boot_info.cmdline, info->cmdline);
	if (!(info->flags & MB_INFO_MMAP) || info->mmap_addr + (uint64_t)info->mmap_length > BOOT_MAPPED_END)
		return false;
	uint64_t offset = 0;
	while (offset + sizeof(struct multiboot_mmap_entry) <= info->mmap_length) {
		const struct multiboot_mmap_entry *entry = boot_phys(info->mmap_addr + offset);
		if (entry->type == 1 && entry->len > 0 &&
		    boot_info.memory_range_count < BOOT_MAX_MEMORY_RANGES) {
			struct boot_memory_range *range = &boot_info.memory[boot_info.memory_range_count++];
			range->start = entry->addr;
			range->end = entry->addr + entry->len;
		}
		offset += entry->size + 4;
	}
	if (info->flags & MB_INFO_MODS) {
		for (uint32_t i = 0; i < info->mods_count; i++) {
			if (boot_info.module_count >= BOOT_MAX_MODULES) {
				kprintf("boot: %u boot modules given, at most %d are taken: "
					"modules %d to %u are ignored\n",
					info->mods_count, BOOT_MAX_MODULES, BOOT_MAX_MODULES,
					info->mods_count - 1);
				break;
			}
			uint64_t entry_phys = info->mods_addr + (uint64_t)i * sizeof(struct multiboot_module);
			if (entry_phys + sizeof(struct multiboot_module) > BOOT_MAPPED_END)
				break;
			const struct multiboot_module *mod = boot_phys(entry_phys);
			if (mod->mod_end < mod->mod_start)
				continue;
			struct boot_module *module = &boot_info.modules[boot_info.module_count++];
			module->start = mod->mod_start;
			module->end = mod->mod_end;
			copy_string(module->cmdline, mod->string);
			if (module->end > boot_info.highest_module_end)
				boot_info.highest_module_end = module->end;
		}
	}
	return true;
}
