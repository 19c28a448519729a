/* Host unit test of the priority run queue (kernel/kern/runqueue.c). */
#include "tap.h"
#include "kern/runqueue.h"

int main(void)
{
	struct runqueue q;
	struct runqueue_link links[6];
	runqueue_init(&q);
	for (int i = 0; i < 6; i++)
		runqueue_link_init(&links[i]);
	CHECK(runqueue_best_priority(&q) == RUNQUEUE_PRIORITIES && !runqueue_pop_best(&q, 31),
	      "an empty queue has nothing to run");
	runqueue_insert(&q, &links[0], 16, false);
	runqueue_insert(&q, &links[1], 8, false);
	runqueue_insert(&q, &links[2], 16, false);
	runqueue_insert(&q, &links[3], 31, false);
	runqueue_insert(&q, &links[4], 16, true);
	CHECK(q.count == 5 && runqueue_best_priority(&q) == 8, "the most urgent priority is found");
	CHECK(runqueue_pop_best(&q, 7) == NULL, "nothing as urgent as 7 is queued");
	CHECK(runqueue_pop_best(&q, 31) == &links[1], "priority 8 runs first");
	CHECK(runqueue_pop_best(&q, 16) == &links[4], "a front insertion comes before its peers");
	CHECK(runqueue_pop_best(&q, 16) == &links[0] && runqueue_pop_best(&q, 16) == &links[2],
	      "equal priorities run in FIFO order");
	CHECK(runqueue_pop_best(&q, 16) == NULL, "priority 31 is not taken when 16 is the limit");
	runqueue_insert(&q, &links[5], 0, false);
	runqueue_remove(&q, &links[3]);
	CHECK(q.count == 1 && links[3].priority == -1, "an entry is removed from the middle");
	CHECK(runqueue_pop_best(&q, 0) == &links[5] && q.count == 0 && q.nonempty == 0,
	      "the queue is empty again");
	return tap_finish();
}
