/* The Linux initial stack's layout (loader_stack_layout.h): from the top down,
 * the emulator's start block, the strings (platform, execfn, argv, envp),
 * AT_RANDOM's 16 bytes, then at the 16-byte aligned stack pointer argc,
 * argv[], NULL, envp[], NULL and the auxiliary vector. */
#include <wildebeest/emul_image.h>
#include "loader_stack_layout.h"
#include "kern/elf_image.h"
#include "lib/kstring.h"

#define PAGE 4096ull

/* Auxiliary vector types (Linux's published numbers). */
enum {
	AT_NULL = 0,
	AT_PHDR = 3,
	AT_PHENT = 4,
	AT_PHNUM = 5,
	AT_PAGESZ = 6,
	AT_BASE = 7,
	AT_FLAGS = 8,
	AT_ENTRY = 9,
	AT_UID = 11,
	AT_EUID = 12,
	AT_GID = 13,
	AT_EGID = 14,
	AT_PLATFORM = 15,
	AT_HWCAP = 16,
	AT_CLKTCK = 17,
	AT_SECURE = 23,
	AT_RANDOM = 25,
	AT_HWCAP2 = 26,
	AT_EXECFN = 31,
};
#define AUXV_PAIRS 19

static uint64_t push_bytes(struct stack_builder *builder, const void *data, uint64_t length)
{
	if (builder->overflow || length > builder->cursor - (builder->top - builder->size)) {
		builder->overflow = 1;
		return 0;
	}
	builder->cursor -= length;
	memcpy(builder->buffer + (builder->cursor - (builder->top - builder->size)), data, length);
	return builder->cursor;
}

/* A string longer than all the room there is cannot fit: overflow (never a
 * cut, unterminated copy). */
static uint64_t push_string(struct stack_builder *builder, const char *text)
{
	size_t length = strnlen(text, LOADER_ARGUMENTS_LIMIT);
	if (length == LOADER_ARGUMENTS_LIMIT) {
		builder->overflow = 1;
		return 0;
	}
	return push_bytes(builder, text, length + 1);
}

static void align_down(struct stack_builder *builder, uint64_t alignment)
{
	builder->cursor &= ~(alignment - 1);
}

unsigned loader_count_words(char *const *words)
{
	unsigned count = 0;
	while (words && words[count] && count < LOADER_MAX_WORDS)
		count++;
	return count;
}

/* 16 unpredictable bytes: rdrand when the CPU has it, else the time stamp
 * counter stirred (good enough for glibc's stack guard until a kernel
 * entropy source exists). */
static void random_bytes(uint64_t words[2])
{
	uint32_t eax = 1, ebx, ecx, edx;
	__asm__ volatile("cpuid" : "+a"(eax), "=b"(ebx), "=c"(ecx), "=d"(edx));
	for (unsigned i = 0; i < 2; i++) {
		unsigned char ok = 0;
		uint64_t value = 0;
		for (unsigned tries = 0; (ecx & (1u << 30)) && !ok && tries < 10; tries++)
			__asm__ volatile("rdrand %0; setc %1" : "=r"(value), "=qm"(ok));
		if (!ok) {
			uint32_t low, high;
			__asm__ volatile("rdtsc" : "=a"(low), "=d"(high));
			value = (((uint64_t)high << 32) | low) * 0x9e3779b97f4a7c15ull;
			value ^= value >> 29;
		}
		words[i] = value;
	}
}

static uint64_t hardware_capabilities(void)
{
	uint32_t eax = 1, ebx, ecx, edx;
	__asm__ volatile("cpuid" : "+a"(eax), "=b"(ebx), "=c"(ecx), "=d"(edx));
	return edx;
}

/* Where the program headers are in the task: inside the PT_LOAD that holds
 * their file bytes; 0 if none does. */
static uint64_t program_headers_address(const void *image)
{
	const struct elf64_header *header = image;
	for (unsigned i = 0; i < header->phnum; i++) {
		const struct elf64_program_header *segment = elf_image_segment(image, i);
		if (segment->type == ELF_PT_LOAD && segment->offset <= header->phoff &&
		    header->phoff - segment->offset < segment->filesz)
			return segment->vaddr + (header->phoff - segment->offset);
	}
	return 0;
}

static void fill_start_block(struct emul_start_block *block,
                             const struct loader_stack_input *program)
{
	memset(block, 0, sizeof(*block));
	const struct elf64_header *header = program->image;
	block->magic = EMUL_START_MAGIC;
	block->program_entry = header->entry;
	block->brk_start = program->brk_start;
	block->pid = program->pid;
	block->ppid = program->ppid;
	block->device_master = program->device_master;
	block->flags = program->start_flags;
	unsigned ports = program->init_port_count < EMUL_INIT_PORTS_MAX ? program->init_port_count
	                                                                : EMUL_INIT_PORTS_MAX;
	block->init_port_count = program->init_ports ? ports : 0;
	for (unsigned i = 0; i < block->init_port_count; i++)
		block->init_ports[i] = program->init_ports[i];
	unsigned fds = program->fd_count < EMUL_FDS_MAX ? program->fd_count : EMUL_FDS_MAX;
	block->fd_count = program->fds ? fds : 0;
	for (unsigned i = 0; i < block->fd_count; i++)
		block->fds[i] = program->fds[i];
	unsigned ints = program->int_count < EMUL_INTS_MAX ? program->int_count : EMUL_INTS_MAX;
	block->int_count = program->ints ? ints : 0;
	for (unsigned i = 0; i < block->int_count; i++)
		block->ints[i] = program->ints[i];
	const char *name = program->argv && program->argv[0] ? program->argv[0] : program->execfn;
	if (name)
		memcpy(block->program_name, name, strnlen(name, EMUL_PROGRAM_NAME_MAX - 1));
}

void loader_lay_out_stack(struct stack_builder *builder, const struct loader_stack_input *program,
                          uint64_t *pointers, uint64_t *stack_pointer, uint64_t *start_block)
{
	struct emul_start_block block;
	fill_start_block(&block, program);
	*start_block = push_bytes(builder, &block, sizeof(block));
	align_down(builder, 16);
	uint64_t platform = push_string(builder, "x86_64");
	uint64_t execfn = push_string(builder, program->execfn ? program->execfn : "");
	unsigned argc = loader_count_words(program->argv), envc = loader_count_words(program->envp);
	for (unsigned i = 0; i < argc; i++)
		pointers[i] = push_string(builder, program->argv[i]);
	for (unsigned i = 0; i < envc; i++)
		pointers[argc + 1 + i] = push_string(builder, program->envp[i]);
	pointers[argc] = 0;
	pointers[argc + 1 + envc] = 0;
	align_down(builder, 16);
	uint64_t random[2];
	random_bytes(random);
	uint64_t random_address = push_bytes(builder, random, sizeof(random));

	const struct elf64_header *header = program->image;
	uint64_t auxv[AUXV_PAIRS * 2] = {
	    AT_PHDR,     program_headers_address(program->image),
	    AT_PHENT,    sizeof(struct elf64_program_header),
	    AT_PHNUM,    header->phnum,
	    AT_PAGESZ,   PAGE,
	    AT_BASE,     0,
	    AT_FLAGS,    0,
	    AT_ENTRY,    header->entry,
	    AT_UID,      0,
	    AT_EUID,     0,
	    AT_GID,      0,
	    AT_EGID,     0,
	    AT_SECURE,   0,
	    AT_RANDOM,   random_address,
	    AT_HWCAP,    hardware_capabilities(),
	    AT_HWCAP2,   0,
	    AT_CLKTCK,   100,
	    AT_PLATFORM, platform,
	    AT_EXECFN,   execfn,
	    AT_NULL,     0,
	};
	/* argc + argv + NULL + envp + NULL + auxv, ending on a 16-byte boundary
	 * at argc. */
	uint64_t words = 1 + (argc + 1) + (envc + 1) + AUXV_PAIRS * 2;
	builder->cursor = (builder->cursor - words * 8) & ~15ull;
	builder->cursor += words * 8;
	push_bytes(builder, auxv, sizeof(auxv));
	push_bytes(builder, pointers + argc + 1, (envc + 1) * 8);
	push_bytes(builder, pointers, (argc + 1) * 8);
	uint64_t argc_word = argc;
	*stack_pointer = push_bytes(builder, &argc_word, 8);
}
