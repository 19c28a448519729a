/* The Linux initial stack's layout (loader_stack_layout.c), portable so that
 * host tests can check it: built downward in a buffer that stands for the top
 * of the new task's stack. loader_stack.c maps and writes it. */
#ifndef LOADER_LOADER_STACK_LAYOUT_H
#define LOADER_LOADER_STACK_LAYOUT_H

#include <stdint.h>

#define LOADER_ARGUMENTS_LIMIT (256ull << 10) /* strings and vectors together */
#define LOADER_MAX_WORDS       4096           /* argv + envp entries */

/* What the layout needs of the program. */
struct loader_stack_input {
	const void *image; /* the validated program image (its ELF header) */
	char *const *argv; /* NULL-terminated */
	char *const *envp; /* NULL-terminated */
	const char *execfn;
	int32_t pid, ppid;
	uint32_t device_master;
	uint64_t brk_start;
	/* The init ports' names in the new task (0 where none), for the start
	 * block: at most EMUL_INIT_PORTS_MAX entries (more are not recorded). */
	const uint32_t *init_ports;
	unsigned init_port_count;
	uint32_t start_flags; /* the start block's flags */
	const uint32_t *fds;  /* the descriptors' names in the task, or NULL */
	unsigned fd_count;
	const int32_t *ints; /* exec_exec's ints, or NULL */
	unsigned int_count;
};

/* Builds downward in buffer, which stands for the task's [top - size, top). */
struct stack_builder {
	char *buffer;
	uint64_t size, top, cursor; /* cursor: task address of the lowest byte used */
	int overflow;
};

/* The entries of a NULL-terminated vector, at most LOADER_MAX_WORDS. */
unsigned loader_count_words(char *const *words);
/* Lays the start block, strings, AT_RANDOM bytes and vectors out in builder
 * (pointers: room for LOADER_MAX_WORDS + 2 entries, argc + envc below
 * LOADER_MAX_WORDS); the initial rsp in *stack_pointer, the start block's
 * address in *start_block. builder->overflow is set if it did not fit. */
void loader_lay_out_stack(struct stack_builder *builder, const struct loader_stack_input *input,
                          uint64_t *pointers, uint64_t *stack_pointer, uint64_t *start_block);

#endif
