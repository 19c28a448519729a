/* A priority run queue: one FIFO per priority and a bitmap of the non-empty ones.
 * Priority 0 is the most urgent (Mach's convention). Portable, no locking. */
#ifndef WB_KERN_RUNQUEUE_H
#define WB_KERN_RUNQUEUE_H

#include <stdbool.h>
#include <stdint.h>

#define RUNQUEUE_PRIORITIES 32

struct runqueue_link {
	struct runqueue_link *next, *prev;
	int priority; /* the queue it is on; -1 when on none */
};

struct runqueue {
	uint32_t nonempty; /* bit p set: queue p has an entry */
	unsigned count;
	struct runqueue_link heads[RUNQUEUE_PRIORITIES];
};

void runqueue_init(struct runqueue *queue);
void runqueue_link_init(struct runqueue_link *link);
/* Appends (or, at_front, prepends) link at priority, which must be in range. */
void runqueue_insert(struct runqueue *queue, struct runqueue_link *link, int priority, bool at_front);
void runqueue_remove(struct runqueue *queue, struct runqueue_link *link);
/* The most urgent priority queued, or RUNQUEUE_PRIORITIES when empty. */
int runqueue_best_priority(const struct runqueue *queue);
/* Removes and returns the first entry of the most urgent queue if that priority
 * is at least as urgent as `no_worse_than`; NULL otherwise. */
struct runqueue_link *runqueue_pop_best(struct runqueue *queue, int no_worse_than);

#endif
