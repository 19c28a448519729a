/* Threads: 8 pthreads contend on a mutex around a deliberately non-atomic
 * update (a lost update shows as a wrong total), pass tokens through a
 * bounded queue with two condition variables (a lost wake-up hangs, a race
 * loses or repeats tokens), and each keeps its own __thread values. */
#include "runtime_test.h"
#include <pthread.h>
#include <sched.h>
#include <stdint.h>

#define THREADS        8
#define INCREMENTS     20000
#define TOKENS_EACH    2000
#define QUEUE_CAPACITY 4

static pthread_mutex_t counter_lock = PTHREAD_MUTEX_INITIALIZER;
static volatile uint64_t counter;

static pthread_mutex_t queue_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t queue_not_full = PTHREAD_COND_INITIALIZER;
static pthread_cond_t queue_not_empty = PTHREAD_COND_INITIALIZER;
static uint64_t queue[QUEUE_CAPACITY];
static unsigned queue_head, queue_count;

static __thread uint64_t thread_tag = 0x5eed; /* initialized TLS (.tdata) */
static __thread uint64_t thread_sum;          /* zeroed TLS (.tbss) */

struct worker {
	pthread_t thread;
	unsigned index;
	uint64_t consumed_sum;
	bool tls_initial_ok, tls_kept;
};

static void queue_put(uint64_t token)
{
	pthread_mutex_lock(&queue_lock);
	while (queue_count == QUEUE_CAPACITY)
		pthread_cond_wait(&queue_not_full, &queue_lock);
	queue[(queue_head + queue_count) % QUEUE_CAPACITY] = token;
	queue_count++;
	pthread_cond_signal(&queue_not_empty);
	pthread_mutex_unlock(&queue_lock);
}

static uint64_t queue_take(void)
{
	pthread_mutex_lock(&queue_lock);
	while (queue_count == 0)
		pthread_cond_wait(&queue_not_empty, &queue_lock);
	uint64_t token = queue[queue_head];
	queue_head = (queue_head + 1) % QUEUE_CAPACITY;
	queue_count--;
	pthread_cond_signal(&queue_not_full);
	pthread_mutex_unlock(&queue_lock);
	return token;
}

static void *worker_main(void *argument)
{
	struct worker *worker = argument;
	worker->tls_initial_ok = thread_tag == 0x5eed && thread_sum == 0;
	thread_tag = 1000 + worker->index;
	for (unsigned i = 0; i < INCREMENTS; i++) {
		pthread_mutex_lock(&counter_lock);
		uint64_t seen = counter;
		if (i % 512 == 0)
			sched_yield(); /* inside the lock: others must wait, not interleave */
		counter = seen + 1;
		pthread_mutex_unlock(&counter_lock);
	}
	/* Even workers produce, odd ones consume as many tokens. */
	for (unsigned i = 0; i < TOKENS_EACH; i++) {
		if (worker->index % 2 == 0)
			queue_put((uint64_t)worker->index * TOKENS_EACH + i + 1);
		else
			thread_sum += queue_take();
	}
	worker->consumed_sum = thread_sum;
	worker->tls_kept = thread_tag == 1000 + worker->index;
	return worker;
}

bool runtime_test_threads(void)
{
	static struct worker workers[THREADS];
	unsigned created = 0, joined = 0, tls_initial = 0, tls_kept = 0;
	for (unsigned i = 0; i < THREADS; i++) {
		workers[i].index = i;
		created += pthread_create(&workers[i].thread, NULL, worker_main, &workers[i]) == 0;
	}
	uint64_t consumed = 0;
	for (unsigned i = 0; i < created; i++) {
		void *result = NULL;
		if (pthread_join(workers[i].thread, &result) == 0 && result == &workers[i])
			joined++;
		consumed += workers[i].consumed_sum;
		tls_initial += workers[i].tls_initial_ok;
		tls_kept += workers[i].tls_kept;
	}
	uint64_t produced = 0;
	for (unsigned i = 0; i < THREADS; i += 2)
		for (unsigned token = 0; token < TOKENS_EACH; token++)
			produced += (uint64_t)i * TOKENS_EACH + token + 1;
	bool ok =
	    runtime_check(created == THREADS && joined == THREADS,
	                  "pthread_create and pthread_join of %u threads (%u created, %u joined)",
	                  THREADS, created, joined);
	ok &= runtime_check(counter == (uint64_t)THREADS * INCREMENTS,
	                    "a mutex kept %u threads' %u increments each apart (total %llu)",
	                    THREADS, INCREMENTS, (unsigned long long)counter);
	ok &= runtime_check(consumed == produced && queue_count == 0,
	                    "condition variables passed every token once through a queue of %u "
	                    "(sum %llu, expected %llu)",
	                    QUEUE_CAPACITY, (unsigned long long)consumed,
	                    (unsigned long long)produced);
	ok &= runtime_check(tls_initial == THREADS && tls_kept == THREADS,
	                    "each thread's __thread values start initialized and stay its own "
	                    "(%u, %u of %u)",
	                    tls_initial, tls_kept, THREADS);
	ok &= runtime_check(thread_tag == 0x5eed, "the main thread's __thread value is untouched");
	return ok;
}
