/* The emulation vector's life with its task (emulation_routines.c). */
#ifndef WB_KSERVER_EMULATION_H
#define WB_KSERVER_EMULATION_H

#include <stdbool.h>
#include <stdint.h>

struct task;

/* The entry point of task's emulator for a non-negative system call number:
 * the number's own slot if set, else slot 0 (the emulator's entry for every
 * number), else 0: the task has no emulator for it. */
uint64_t emulation_entry_for(struct task *task, uint64_t number);
/* A copy of parent's vector for child (task_create); false on shortage. */
bool emulation_inherit(struct task *child, struct task *parent);
/* Frees task's vector when it ends. */
void emulation_release(struct task *task);

/* Tells the port registered with register_new_task_notification of task, a
 * child of parent (gnumach_routines.c). */
void new_task_notify(struct task *task, struct task *parent);

#endif
