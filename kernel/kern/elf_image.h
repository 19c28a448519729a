/* Checking a static ELF64 x86_64 executable before loading it: every field the
 * loader will trust is validated here, so a corrupt image is an error, not a crash. */
#ifndef WB_KERN_ELF_IMAGE_H
#define WB_KERN_ELF_IMAGE_H

#include <stddef.h>
#include <stdint.h>

/* The parts of the published ELF64 format the loader reads. */
struct elf64_header {
	unsigned char ident[16];
	uint16_t type, machine;
	uint32_t version;
	uint64_t entry, phoff, shoff;
	uint32_t flags;
	uint16_t ehsize, phentsize, phnum, shentsize, shnum, shstrndx;
};

struct elf64_program_header {
	uint32_t type, flags;
	uint64_t offset, vaddr, paddr, filesz, memsz, align;
};

#define ELF_PT_LOAD   1
#define ELF_PT_INTERP 3
#define ELF_PF_X      1
#define ELF_PF_W      2
#define ELF_PF_R      4

enum elf_image_error {
	ELF_IMAGE_OK = 0,
	ELF_IMAGE_TOO_SMALL,
	ELF_IMAGE_NOT_ELF,
	ELF_IMAGE_NOT_X86_64,
	ELF_IMAGE_NOT_STATIC_EXECUTABLE,
	ELF_IMAGE_BAD_PROGRAM_HEADERS,
	ELF_IMAGE_BAD_SEGMENT,
	ELF_IMAGE_NO_SEGMENTS,
	ELF_IMAGE_BAD_ENTRY,
};

/* Validates image[0..size) for loading below user_limit. On success, every
 * PT_LOAD segment lies within the file and within [page 1, user_limit), and
 * the entry point is inside an executable segment. */
enum elf_image_error elf_image_check(const void *image, size_t size, uint64_t user_limit);
const char *elf_image_error_text(enum elf_image_error error);

static inline const struct elf64_program_header *elf_image_segment(const void *image, unsigned i)
{
	const struct elf64_header *header = image;
	return (const struct elf64_program_header *)((const char *)image + header->phoff +
						      (uint64_t)i * header->phentsize);
}

#endif
