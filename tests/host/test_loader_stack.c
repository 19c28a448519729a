/* Host unit test of the Linux initial stack's layout
 * (lib/loader/loader_stack_layout.c): argc, argv, envp and the auxiliary vector
 * where a Linux program's start-up code looks for them, the start block for
 * the emulator, 16-byte alignment, and arguments too large for the stack
 * refused without overrunning the buffer (ASan watches), init ports in the
 * start block at their INIT_PORT_* index. */
#include "tap.h"
#include "elf_test_image.h"
#include <wildebeest/emul_image.h>
#include "loader_stack_layout.h"
#include "kern/elf_image.h"
#include <stdlib.h>
#include <string.h>

#define BUFFER_BYTES (LOADER_ARGUMENTS_LIMIT + 4096)
#define ENTRY        0x401000ull

static unsigned char image[4096];
static char *buffer;
static uint64_t pointers[LOADER_MAX_WORDS + 2];

/* Where task address lands in the buffer (it stands for [top - size, top)). */
static void *at(uint64_t address)
{
	return buffer + (address - (LINUX_STACK_TOP - BUFFER_BYTES));
}

static struct stack_builder fresh_builder(void)
{
	memset(buffer, 0, BUFFER_BYTES);
	return (struct stack_builder){buffer, BUFFER_BYTES, LINUX_STACK_TOP, LINUX_STACK_TOP, 0};
}

/* The value of auxv entry `type`, or ~0 if absent. */
static uint64_t auxv_value(const uint64_t *auxv, uint64_t type)
{
	for (unsigned i = 0; i < 64 && auxv[2 * i] != 0; i++)
		if (auxv[2 * i] == type)
			return auxv[2 * i + 1];
	return ~0ull;
}

int main(void)
{
	buffer = malloc(BUFFER_BYTES);
	elf_test_image_build(image, sizeof(image), 0x400000, ENTRY);
	char *argv[] = {"/bin/prog", "a", "bb", NULL};
	char *envp[] = {"X=1", NULL};
	struct loader_stack_input input = {image, argv,     envp, "/bin/prog", 5, 1, 77,
	                                   0x4a0000, NULL, 0, EMUL_START_BOOTSTRAP_IS_REGISTRY};
	struct stack_builder builder = fresh_builder();
	uint64_t rsp = 0, block_address = 0;
	loader_lay_out_stack(&builder, &input, pointers, &rsp, &block_address);
	CHECK(!builder.overflow && rsp % 16 == 0 && rsp < LINUX_STACK_TOP,
	      "the stack pointer is 16-byte aligned below the top (0x%llx)",
	      (unsigned long long)rsp);

	const uint64_t *words = at(rsp);
	CHECK(words[0] == 3, "argc is 3");
	CHECK(strcmp(at(words[1]), "/bin/prog") == 0 && strcmp(at(words[2]), "a") == 0 &&
	          strcmp(at(words[3]), "bb") == 0 && words[4] == 0,
	      "argv's strings, then NULL");
	CHECK(strcmp(at(words[5]), "X=1") == 0 && words[6] == 0, "envp's string, then NULL");
	const uint64_t *auxv = words + 7;
	CHECK(auxv_value(auxv, 3) == 0x400000 + sizeof(struct elf64_header) &&
	          auxv_value(auxv, 4) == 56 && auxv_value(auxv, 5) == 1,
	      "AT_PHDR, AT_PHENT and AT_PHNUM describe the program headers in memory");
	CHECK(auxv_value(auxv, 6) == 4096 && auxv_value(auxv, 9) == ENTRY &&
	          auxv_value(auxv, 17) == 100 && auxv_value(auxv, 23) == 0 &&
	          auxv_value(auxv, 11) == 0,
	      "AT_PAGESZ, AT_ENTRY, AT_CLKTCK, AT_SECURE, AT_UID");
	uint64_t random = auxv_value(auxv, 25);
	const uint64_t *random_bytes = at(random);
	CHECK(random > rsp && random + 16 <= LINUX_STACK_TOP &&
	          (random_bytes[0] | random_bytes[1]) != 0,
	      "AT_RANDOM points at 16 bytes on the stack");
	CHECK(strcmp(at(auxv_value(auxv, 31)), "/bin/prog") == 0 &&
	          strcmp(at(auxv_value(auxv, 15)), "x86_64") == 0,
	      "AT_EXECFN and AT_PLATFORM name their strings");
	CHECK(auxv_value(auxv, 16) != ~0ull && auxv_value(auxv, 26) != ~0ull,
	      "AT_HWCAP and AT_HWCAP2 are there");

	const struct emul_start_block *block = at(block_address);
	CHECK(block->magic == EMUL_START_MAGIC && block->program_entry == ENTRY &&
	          block->brk_start == 0x4a0000 && block->pid == 5 && block->ppid == 1 &&
	          block->device_master == 77 && strcmp(block->program_name, "/bin/prog") == 0 &&
	          block->flags == EMUL_START_BOOTSTRAP_IS_REGISTRY &&
	          block_address + sizeof(*block) <= LINUX_STACK_TOP,
	      "the start block carries the entry, brk's start, the ids, the port, the name, the flags");
	CHECK(block->init_port_count == 0 && block->init_ports[0] == 0 &&
	          block->init_ports[EMUL_INIT_PORTS_MAX - 1] == 0,
	      "without init ports the start block records none");

	/* Init ports (INIT_PORT_CWDIR 0 ... INIT_PORT_BOOTSTRAP 5): names in the
	 * task, 0 where none was given, recorded at their index. */
	const uint32_t names[6] = {0, 0, 0x1203, 0, 0, 0x2a01};
	input.init_ports = names;
	input.init_port_count = 6;
	builder = fresh_builder();
	loader_lay_out_stack(&builder, &input, pointers, &rsp, &block_address);
	block = at(block_address);
	CHECK(!builder.overflow && block->init_port_count == 6 && block->init_ports[2] == 0x1203 &&
	          block->init_ports[5] == 0x2a01 && block->init_ports[0] == 0 &&
	          block->init_ports[1] == 0 && block->init_ports[3] == 0 &&
	          block->init_ports[4] == 0 && block->init_ports[6] == 0,
	      "init ports sit at their INIT_PORT_* index, the missing ones 0");
	CHECK(block->device_master == 77 && strcmp(block->program_name, "/bin/prog") == 0 &&
	          block->magic == EMUL_START_MAGIC,
	      "the init ports leave the rest of the start block alone");
	uint32_t many_names[EMUL_INIT_PORTS_MAX + 4];
	for (unsigned i = 0; i < EMUL_INIT_PORTS_MAX + 4; i++)
		many_names[i] = 0x100 * (i + 1) + 1;
	input.init_ports = many_names;
	input.init_port_count = EMUL_INIT_PORTS_MAX + 4;
	builder = fresh_builder();
	loader_lay_out_stack(&builder, &input, pointers, &rsp, &block_address);
	block = at(block_address);
	CHECK(!builder.overflow && block->init_port_count == EMUL_INIT_PORTS_MAX &&
	          block->init_ports[EMUL_INIT_PORTS_MAX - 1] == 0x100 * EMUL_INIT_PORTS_MAX + 1 &&
	          block_address + sizeof(*block) <= LINUX_STACK_TOP,
	      "more init ports than the block holds: the first %d recorded, no overrun",
	      EMUL_INIT_PORTS_MAX);
	input.init_port_count = 3;
	input.init_ports = NULL;
	builder = fresh_builder();
	loader_lay_out_stack(&builder, &input, pointers, &rsp, &block_address);
	block = at(block_address);
	CHECK(block->init_port_count == 0, "a count without an array records none");
	input.init_port_count = 0;

	static char huge[LOADER_ARGUMENTS_LIMIT + 100];
	memset(huge, 'x', sizeof(huge) - 1);
	char *too_big[] = {"/bin/prog", huge, NULL};
	input.argv = too_big;
	builder = fresh_builder();
	loader_lay_out_stack(&builder, &input, pointers, &rsp, &block_address);
	CHECK(builder.overflow,
	      "an argument larger than the room for arguments overflows, refused");

	static char *many[LOADER_MAX_WORDS];
	for (unsigned i = 0; i + 1 < LOADER_MAX_WORDS - 2; i++)
		many[i] = "w";
	input.argv = many;
	input.envp = NULL;
	builder = fresh_builder();
	loader_lay_out_stack(&builder, &input, pointers, &rsp, &block_address);
	words = at(rsp);
	CHECK(!builder.overflow && words[0] == LOADER_MAX_WORDS - 3 &&
	          words[LOADER_MAX_WORDS - 2] == 0 && rsp % 16 == 0,
	      "%u arguments fit and are counted", LOADER_MAX_WORDS - 3);
	free(buffer);
	return tap_finish();
}
