/* Host unit test of ELF validation (kernel/kern/elf_image.c), including images
 * corrupted at random: every one is either valid or refused, never trusted blindly. */
#include "tap.h"
#include "kern/elf_image.h"
#include <stdlib.h>
#include <string.h>

#define LIMIT 0x7ffffffef000ull

static size_t make_image(unsigned char *image)
{
	memset(image, 0, 4096);
	struct elf64_header *h = (struct elf64_header *)image;
	memcpy(h->ident, "\177ELF", 4);
	h->ident[4] = 2;
	h->ident[5] = 1;
	h->type = 2;
	h->machine = 62;
	h->entry = 0x401000;
	h->phoff = 64;
	h->phentsize = sizeof(struct elf64_program_header);
	h->phnum = 1;
	struct elf64_program_header *ph = (struct elf64_program_header *)(image + 64);
	ph->type = ELF_PT_LOAD;
	ph->flags = ELF_PF_R | ELF_PF_X;
	ph->offset = 0;
	ph->vaddr = 0x400000;
	ph->filesz = 4096;
	ph->memsz = 0x2000;
	return 4096;
}

int main(void)
{
	static unsigned char image[4096];
	size_t size = make_image(image);
	CHECK(elf_image_check(image, size, LIMIT) == ELF_IMAGE_OK, "a well-formed image is valid");
	CHECK(elf_image_check(image, 10, LIMIT) == ELF_IMAGE_TOO_SMALL, "a truncated file is refused");
	image[0] = 'X';
	CHECK(elf_image_check(image, size, LIMIT) == ELF_IMAGE_NOT_ELF, "bad magic is refused");
	make_image(image);
	((struct elf64_header *)image)->machine = 3;
	CHECK(elf_image_check(image, size, LIMIT) == ELF_IMAGE_NOT_X86_64, "another machine is refused");
	make_image(image);
	((struct elf64_program_header *)(image + 64))->filesz = 8192;
	CHECK(elf_image_check(image, size, LIMIT) == ELF_IMAGE_BAD_SEGMENT, "a segment past the file is refused");
	make_image(image);
	((struct elf64_program_header *)(image + 64))->vaddr = LIMIT - 0x1000;
	CHECK(elf_image_check(image, size, LIMIT) == ELF_IMAGE_BAD_SEGMENT, "a segment past user space is refused");
	make_image(image);
	((struct elf64_program_header *)(image + 64))->memsz = ~0ull;
	CHECK(elf_image_check(image, size, LIMIT) == ELF_IMAGE_BAD_SEGMENT, "an overflowing size is refused");
	make_image(image);
	((struct elf64_header *)image)->entry = 0x900000;
	CHECK(elf_image_check(image, size, LIMIT) == ELF_IMAGE_BAD_ENTRY, "an entry outside the code is refused");
	make_image(image);
	((struct elf64_header *)image)->phoff = 4090;
	CHECK(elf_image_check(image, size, LIMIT) == ELF_IMAGE_BAD_PROGRAM_HEADERS, "headers past the file are refused");
	make_image(image);
	((struct elf64_program_header *)(image + 64))->type = ELF_PT_INTERP;
	CHECK(elf_image_check(image, size, LIMIT) == ELF_IMAGE_NOT_STATIC_EXECUTABLE, "a dynamic executable is refused");

	srand(1);
	int consistent = 1;
	for (int round = 0; round < 20000; round++) {
		make_image(image);
		for (int flips = 0; flips < 4; flips++)
			image[rand() % 128] ^= (unsigned char)(1u << (rand() % 8));
		if (elf_image_check(image, size, LIMIT) == ELF_IMAGE_OK) {
			const struct elf64_header *h = (const struct elf64_header *)image;
			for (unsigned i = 0; i < h->phnum; i++) {
				const struct elf64_program_header *ph = elf_image_segment(image, i);
				if (ph->type == ELF_PT_LOAD &&
				    (ph->offset + ph->filesz > size || ph->vaddr + ph->memsz > LIMIT))
					consistent = 0;
			}
		}
	}
	CHECK(consistent, "20000 randomly corrupted images: each accepted one lies within file and user space");
	return tap_finish();
}
