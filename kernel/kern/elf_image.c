/* Validation of static ELF64 executables (see elf_image.h).
 * All arithmetic on file values is overflow-checked. */
#include "kern/elf_image.h"
#include "lib/kstring.h"
#include <stdbool.h>

#define PAGE 4096ull

static bool range_within(uint64_t offset, uint64_t length, uint64_t limit)
{
	return offset <= limit && length <= limit - offset;
}

enum elf_image_error elf_image_check(const void *image, size_t size, uint64_t user_limit)
{
	const struct elf64_header *header = image;
	if (size < sizeof(*header))
		return ELF_IMAGE_TOO_SMALL;
	if (memcmp(header->ident, "\177ELF", 4) != 0)
		return ELF_IMAGE_NOT_ELF;
	if (header->ident[4] != 2 /* 64-bit */ || header->ident[5] != 1 /* little-endian */ ||
	    header->machine != 62 /* EM_X86_64 */)
		return ELF_IMAGE_NOT_X86_64;
	if (header->type != 2 /* ET_EXEC */)
		return ELF_IMAGE_NOT_STATIC_EXECUTABLE;
	if (header->phentsize != sizeof(struct elf64_program_header) || header->phnum == 0 ||
	    header->phnum > 64 ||
	    !range_within(header->phoff, (uint64_t)header->phnum * header->phentsize, size) ||
	    header->phoff % 8 != 0)
		return ELF_IMAGE_BAD_PROGRAM_HEADERS;

	bool entry_ok = false;
	unsigned loads = 0;
	for (unsigned i = 0; i < header->phnum; i++) {
		const struct elf64_program_header *ph = elf_image_segment(image, i);
		if (ph->type == ELF_PT_INTERP)
			return ELF_IMAGE_NOT_STATIC_EXECUTABLE;
		if (ph->type != ELF_PT_LOAD)
			continue;
		loads++;
		if (ph->filesz > ph->memsz || !range_within(ph->offset, ph->filesz, size))
			return ELF_IMAGE_BAD_SEGMENT;
		if (ph->vaddr < PAGE || !range_within(ph->vaddr, ph->memsz, user_limit))
			return ELF_IMAGE_BAD_SEGMENT;
		if (ph->memsz > user_limit - PAGE - ph->vaddr) /* room to round up to a page */
			return ELF_IMAGE_BAD_SEGMENT;
		if ((ph->flags & ELF_PF_X) && header->entry >= ph->vaddr &&
		    header->entry - ph->vaddr < ph->memsz)
			entry_ok = true;
	}
	if (loads == 0)
		return ELF_IMAGE_NO_SEGMENTS;
	if (!entry_ok)
		return ELF_IMAGE_BAD_ENTRY;
	return ELF_IMAGE_OK;
}

const char *elf_image_error_text(enum elf_image_error error)
{
	switch (error) {
	case ELF_IMAGE_OK:
		return "valid";
	case ELF_IMAGE_TOO_SMALL:
		return "file too small for an ELF header";
	case ELF_IMAGE_NOT_ELF:
		return "not an ELF file";
	case ELF_IMAGE_NOT_X86_64:
		return "not a 64-bit little-endian x86_64 ELF file";
	case ELF_IMAGE_NOT_STATIC_EXECUTABLE:
		return "not a static executable";
	case ELF_IMAGE_BAD_PROGRAM_HEADERS:
		return "program headers out of the file or malformed";
	case ELF_IMAGE_BAD_SEGMENT:
		return "a loadable segment lies outside the file or user space";
	case ELF_IMAGE_NO_SEGMENTS:
		return "no loadable segment";
	case ELF_IMAGE_BAD_ENTRY:
		return "entry point outside every executable segment";
	}
	return "unknown error";
}
