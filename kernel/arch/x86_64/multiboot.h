/* Reading the multiboot v1 information structure into boot_info. */
#ifndef WB_ARCH_MULTIBOOT_H
#define WB_ARCH_MULTIBOOT_H

#include <stdbool.h>
#include <stdint.h>

#define MULTIBOOT_BOOTLOADER_MAGIC 0x2BADB002

/* info_phys must lie in the first GiB (mapped at boot). False if unusable. */
bool multiboot_read(uint32_t magic, uint64_t info_phys);

#endif
