/* Loading a static ELF64 executable into a new task and starting its first
 * thread with a Linux-style initial stack (argc, argv, envp, auxv). */
#ifndef WB_KERN_PROGRAM_LOADER_H
#define WB_KERN_PROGRAM_LOADER_H

#include <stddef.h>
#include <mach/kern_return.h>

struct task;

/* Creates a task (child of parent) running image with the words of cmdline as
 * argv. KERN_INVALID_ARGUMENT for an image that is not a loadable static
 * executable (the reason is printed), KERN_RESOURCE_SHORTAGE for memory or limits. */
kern_return_t program_spawn(struct task *parent, const void *image, size_t size, const char *cmdline,
			    struct task **task_out);

/* Runs on the new task before its first thread starts: may give it rights and
 * write words (at most size bytes, NUL-terminated) to append to its argv. */
typedef kern_return_t (*program_prepare_t)(struct task *task, char *words, size_t size);
#define PROGRAM_EXTRA_WORDS_MAX 128

/* As program_spawn, with prepare (if not NULL) run first; its error is returned. */
kern_return_t program_spawn_prepared(struct task *parent, const void *image, size_t size,
				     const char *cmdline, program_prepare_t prepare,
				     struct task **task_out);

#endif
