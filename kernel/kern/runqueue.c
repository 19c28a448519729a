/* Priority run queue (see runqueue.h): circular doubly-linked FIFOs with
 * sentinel heads; the bitmap makes finding the best priority one instruction. */
#include "kern/runqueue.h"
#include <stddef.h>

void runqueue_init(struct runqueue *queue)
{
	queue->nonempty = 0;
	queue->count = 0;
	for (int p = 0; p < RUNQUEUE_PRIORITIES; p++) {
		queue->heads[p].next = queue->heads[p].prev = &queue->heads[p];
		queue->heads[p].priority = p;
	}
}

void runqueue_link_init(struct runqueue_link *link)
{
	link->next = link->prev = NULL;
	link->priority = -1;
}

void runqueue_insert(struct runqueue *queue, struct runqueue_link *link, int priority, bool at_front)
{
	struct runqueue_link *head = &queue->heads[priority];
	if (at_front) {
		link->prev = head;
		link->next = head->next;
	} else {
		link->next = head;
		link->prev = head->prev;
	}
	link->prev->next = link;
	link->next->prev = link;
	link->priority = priority;
	queue->nonempty |= 1u << priority;
	queue->count++;
}

void runqueue_remove(struct runqueue *queue, struct runqueue_link *link)
{
	int priority = link->priority;
	link->prev->next = link->next;
	link->next->prev = link->prev;
	link->next = link->prev = NULL;
	link->priority = -1;
	if (queue->heads[priority].next == &queue->heads[priority])
		queue->nonempty &= ~(1u << priority);
	queue->count--;
}

int runqueue_best_priority(const struct runqueue *queue)
{
	return queue->nonempty ? __builtin_ctz(queue->nonempty) : RUNQUEUE_PRIORITIES;
}

struct runqueue_link *runqueue_pop_best(struct runqueue *queue, int no_worse_than)
{
	int best = runqueue_best_priority(queue);
	if (best >= RUNQUEUE_PRIORITIES || best > no_worse_than)
		return NULL;
	struct runqueue_link *link = queue->heads[best].next;
	runqueue_remove(queue, link);
	return link;
}
