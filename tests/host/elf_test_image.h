/* A minimal static ELF64 x86_64 executable built in memory for the loader's
 * host tests: one R+X PT_LOAD segment covering the whole file at base. */
#ifndef WB_TEST_ELF_TEST_IMAGE_H
#define WB_TEST_ELF_TEST_IMAGE_H

#include "kern/elf_image.h"
#include <stdint.h>
#include <string.h>

static inline void elf_test_image_build(unsigned char *image, size_t size, uint64_t base,
                                        uint64_t entry)
{
	memset(image, 0, size);
	struct elf64_header *elf = (struct elf64_header *)image;
	memcpy(elf->ident, "\177ELF", 4);
	elf->ident[4] = 2; /* 64-bit */
	elf->ident[5] = 1; /* little-endian */
	elf->type = 2;     /* ET_EXEC */
	elf->machine = 62; /* EM_X86_64 */
	elf->version = 1;
	elf->entry = entry;
	elf->phoff = sizeof(*elf);
	elf->ehsize = sizeof(*elf);
	elf->phentsize = sizeof(struct elf64_program_header);
	elf->phnum = 1;
	struct elf64_program_header *segment = (struct elf64_program_header *)(image + elf->phoff);
	segment->type = ELF_PT_LOAD;
	segment->flags = ELF_PF_R | ELF_PF_X;
	segment->vaddr = segment->paddr = base;
	segment->filesz = segment->memsz = size;
	segment->align = 4096;
}

#endif
