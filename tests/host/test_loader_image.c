/* Host unit test of the loader's image checks (lib/loader/loader_image.c):
 * a well-formed emulator and program pass, each kind of damage is refused with
 * a reason, and 20,000 randomly damaged images are refused or accepted without
 * a crash (AddressSanitizer watches every read). */
#include "tap.h"
#include "elf_test_image.h"
#include "loader_image.h"
#include "kern/elf_image.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define IMAGE_BYTES  (3 * 4096)
#define HEADER_AT    0x200
#define START_AT     0x300
#define ENTRY_AT     0x400
#define PROGRAM_BASE 0x400000ull

static unsigned char image[IMAGE_BYTES];

/* The test image at base; its entry at base + HEADER_AT holds an emulator
 * image header. */
static void build(uint64_t base)
{
	elf_test_image_build(image, sizeof(image), base, base + HEADER_AT);
	struct emul_image_header header = {EMUL_IMAGE_MAGIC, base + START_AT, base + ENTRY_AT};
	memcpy(image + HEADER_AT, &header, sizeof(header));
}

static struct elf64_program_header *first_segment(void)
{
	return (struct elf64_program_header *)(image + sizeof(struct elf64_header));
}

static int emulator_ok(size_t size)
{
	struct emul_image_header header;
	return loader_check_emulator(image, size, &header) == NULL;
}

int main(void)
{
	build(EMUL_IMAGE_BASE);
	struct emul_image_header header;
	CHECK(loader_check_emulator(image, sizeof(image), &header) == NULL &&
	          header.start == EMUL_IMAGE_BASE + START_AT &&
	          header.syscall_entry == EMUL_IMAGE_BASE + ENTRY_AT,
	      "a well-formed emulator passes and its header is read");
	CHECK(loader_check_program(image, sizeof(image)) != NULL,
	      "a program on the emulator's addresses is refused");
	CHECK(!emulator_ok(100), "an emulator cut short is refused");

	image[HEADER_AT] ^= 1;
	CHECK(!emulator_ok(sizeof(image)), "an emulator header with the wrong magic is refused");
	build(EMUL_IMAGE_BASE);
	struct emul_image_header outside = {EMUL_IMAGE_MAGIC, EMUL_IMAGE_BASE + IMAGE_BYTES,
	                                    EMUL_IMAGE_BASE + ENTRY_AT};
	memcpy(image + HEADER_AT, &outside, sizeof(outside));
	CHECK(!emulator_ok(sizeof(image)), "a start routine outside the image is refused");
	build(EMUL_IMAGE_BASE);
	first_segment()->flags = ELF_PF_R;
	CHECK(!emulator_ok(sizeof(image)), "an emulator without executable code is refused");
	build(EMUL_IMAGE_BASE);
	((struct elf64_header *)image)->entry = EMUL_IMAGE_BASE + IMAGE_BYTES - 8;
	CHECK(!emulator_ok(sizeof(image)),
	      "a header running off the end of the segment is refused");
	build(PROGRAM_BASE);
	CHECK(!emulator_ok(sizeof(image)), "an emulator linked below EMUL_IMAGE_BASE is refused");
	CHECK(loader_check_program(image, sizeof(image)) == NULL,
	      "a well-formed program at 0x400000 passes");
	first_segment()->vaddr = EMUL_IMAGE_BASE - 4096;
	CHECK(loader_check_program(image, sizeof(image)) != NULL,
	      "a program segment reaching into the emulator is refused");

	/* Damage in the headers: whatever is accepted must still name the magic
	 * header; most must be refused; nothing may crash. */
	srand(5);
	unsigned refused = 0, accepted_bad = 0;
	for (unsigned round = 0; round < 20000; round++) {
		build(round % 2 ? EMUL_IMAGE_BASE : PROGRAM_BASE);
		unsigned flips = 1 + (unsigned)rand() % 8;
		for (unsigned f = 0; f < flips; f++)
			image[(unsigned)rand() % (HEADER_AT + 64)] = (unsigned char)rand();
		size_t size = round % 5 == 0 ? (size_t)rand() % sizeof(image) : sizeof(image);
		struct emul_image_header seen = {0};
		if (loader_check_emulator(image, size, &seen) != NULL)
			refused++;
		else if (seen.magic != EMUL_IMAGE_MAGIC)
			accepted_bad++;
		if (loader_check_program(image, size) != NULL)
			refused++;
	}
	CHECK(
	    refused > 10000 && accepted_bad == 0,
	    "20,000 damaged images: %u refusals, no accepted emulator without its header, no crash",
	    refused);
	return tap_finish();
}
