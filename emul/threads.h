/* The process's threads as the emulator keeps them (thread.c, thread_exit.c,
 * thread_ids.c): thread ids, the count of live threads, and the blocks of
 * ended threads waiting to be freed. */
#ifndef EMUL_THREADS_H
#define EMUL_THREADS_H

#include <stdbool.h>
#include <stdint.h>
#include "emul.h"

/* A thread's emulator block (struct emul_thread) and, above it, the stack its
 * exit runs on once the program's stack may be reused. */
#define EMUL_THREAD_BLOCK_BYTES (16u << 10)

/* A new thread id: the process id (the main thread's) plus 1, 2, ... */
int32_t emul_thread_new_tid(void);
/* One more live thread (before it starts); the count starts at 1, the main thread. */
void emul_threads_add(void);
/* One fewer: returns true if it was the last (the process ends with it). */
bool emul_threads_remove(void);
/* Frees the blocks (and ports) of threads that have ended for good. */
void emul_threads_reap_ended(void);
/* Puts the calling thread's block on the list of ended threads; called on its
 * exit stack just before it terminates. */
void emul_threads_mark_ended(struct emul_thread *thread);

#endif
