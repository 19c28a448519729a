/* Validation of the program and emulator images (loader_image.h), on top of
 * the kernel's portable ELF checker (kernel/kern/elf_image.c). */
#include "loader_image.h"
#include "kern/elf_image.h"
#include "lib/kstring.h"

const char *loader_check_program(const void *image, size_t size)
{
	enum elf_image_error error = elf_image_check(image, size, EMUL_IMAGE_BASE);
	return error == ELF_IMAGE_OK ? NULL : elf_image_error_text(error);
}

/* True if address lies in the file part of one of the image's executable
 * PT_LOAD segments. */
static int in_executable_segment(const void *image, uint64_t address)
{
	const struct elf64_header *elf = image;
	for (unsigned i = 0; i < elf->phnum; i++) {
		const struct elf64_program_header *segment = elf_image_segment(image, i);
		if (segment->type == ELF_PT_LOAD && (segment->flags & ELF_PF_X) &&
		    address >= segment->vaddr && address - segment->vaddr < segment->filesz)
			return 1;
	}
	return 0;
}

const char *loader_check_emulator(const void *image, size_t size, struct emul_image_header *header)
{
	static const char not_emulator[] = "the emulator image is not a Wildebeest emulator";
	if (elf_image_check(image, size, EMUL_IMAGE_END) != ELF_IMAGE_OK)
		return not_emulator;
	const struct elf64_header *elf = image;
	int header_found = 0;
	for (unsigned i = 0; i < elf->phnum; i++) {
		const struct elf64_program_header *segment = elf_image_segment(image, i);
		if (segment->type != ELF_PT_LOAD)
			continue;
		if (segment->vaddr < EMUL_IMAGE_BASE)
			return not_emulator;
		if (elf->entry >= segment->vaddr && segment->filesz >= sizeof(*header) &&
		    elf->entry - segment->vaddr <= segment->filesz - sizeof(*header)) {
			memcpy(header,
			       (const char *)image + segment->offset +
			           (elf->entry - segment->vaddr),
			       sizeof(*header));
			header_found = 1;
		}
	}
	if (!header_found || header->magic != EMUL_IMAGE_MAGIC ||
	    !in_executable_segment(image, header->start) ||
	    !in_executable_segment(image, header->syscall_entry))
		return not_emulator;
	return NULL;
}
