/* Host unit test of lib/ihash (ASan/UBSan): growth and shrinking, slot
 * pointers, removal during iteration, allocation failure, and 100,000 random
 * operations checked against a plain array as the reference model. */
#include "ihash.h"
#include "tap.h"

#include <errno.h>
#include <stdlib.h>

struct object {
	ihash_locp_t locp;
	ihash_key_t key;
};

static struct ihash new_table(void)
{
	struct ihash table;
	ihash_init(&table, offsetof(struct object, locp));
	return table;
}

static void test_basics(void)
{
	struct ihash table = new_table();
	static struct object objects[1000];
	CHECK(ihash_find(&table, 7) == NULL && ihash_count(&table) == 0,
	      "an empty table finds nothing");
	CHECK(!ihash_remove(&table, 7), "removing from an empty table reports nothing removed");
	int failures = 0;
	for (int i = 0; i < 1000; i++) {
		objects[i].key = (ihash_key_t)i * 4096; /* keys sharing their low bits */
		failures += ihash_add(&table, objects[i].key, &objects[i]) != 0;
	}
	CHECK(failures == 0 && ihash_count(&table) == 1000, "1000 keys added, count 1000");
	int wrong = 0;
	for (int i = 0; i < 1000; i++)
		wrong += ihash_find(&table, objects[i].key) != &objects[i];
	CHECK(wrong == 0, "each of 1000 keys finds its value");
	CHECK(ihash_find(&table, 4097) == NULL, "an absent key finds nothing");
	CHECK(table.capacity >= 2000 && table.capacity <= 4096,
	      "the table grew to keep load <= 3/4 (capacity %zu)", table.capacity);
	CHECK(ihash_add(&table, 1, NULL) == EINVAL, "a NULL value is refused with EINVAL");

	struct object replacement = {.key = objects[5].key};
	CHECK(ihash_add(&table, objects[5].key, &replacement) == 0 &&
	          ihash_find(&table, objects[5].key) == &replacement && ihash_count(&table) == 1000,
	      "adding an existing key replaces its value, count unchanged");
	CHECK(objects[5].locp == NULL && replacement.locp != NULL,
	      "the replaced value's slot pointer is cleared, the new one's set");
	CHECK(ihash_remove(&table, objects[5].key) && ihash_find(&table, objects[5].key) == NULL &&
	          ihash_count(&table) == 999 && replacement.locp == NULL,
	      "remove by key: gone, count 999, slot pointer cleared");

	int moved_wrong = 0;
	for (int i = 0; i < 1000; i++)
		if (i != 5)
			moved_wrong += objects[i].locp == NULL ||
			               objects[i].locp->value != &objects[i] ||
			               objects[i].locp->key != objects[i].key;
	CHECK(moved_wrong == 0, "after growing, every value's slot pointer names its own slot");

	for (int i = 0; i < 1000; i++)
		if (i != 5 && i >= 10)
			ihash_locp_remove(&table, objects[i].locp);
	CHECK(ihash_count(&table) == 9 && ihash_find(&table, objects[500].key) == NULL &&
	          ihash_find(&table, objects[9].key) == &objects[9],
	      "990 removed through their slot pointers; the other 9 remain");
	CHECK(table.capacity <= 32, "the table shrank as it emptied (capacity %zu)",
	      table.capacity);
	for (int i = 0; i < 10; i++)
		if (i != 5)
			ihash_remove(&table, objects[i].key);
	CHECK(ihash_count(&table) == 0 && table.capacity == 0 && table.slots == NULL,
	      "an emptied table holds no memory");
	ihash_destroy(&table);
}

struct iteration {
	struct ihash *table;
	struct object *objects;
	int visits[64];
	int visited_at[64]; /* sequence number of the key's visit */
	int removed_at[64]; /* sequence number of the visit that removed it */
	int sequence;
	int add_result;
	int replace_result;
	size_t capacity_seen;
};

static int visit_and_remove(ihash_key_t key, void *value, void *context)
{
	struct iteration *state = context;
	state->visits[key]++;
	state->visited_at[key] = ++state->sequence;
	if (((struct object *)value)->key != key)
		state->visits[key] += 100;
	if (key % 8 != 1)
		ihash_remove(state->table, key); /* the current entry */
	if (key % 3 == 0 &&
	    ihash_remove(state->table, (key + 33) % 64)) /* another, maybe unvisited */
		state->removed_at[(key + 33) % 64] = state->sequence;
	if (key == 1) {
		state->add_result = ihash_add(state->table, 1000, &state->objects[0]);
		state->replace_result = ihash_add(state->table, 1, value);
	}
	state->capacity_seen = state->table->capacity;
	return 0;
}

static int stop_at_third(ihash_key_t key, void *value, void *context)
{
	(void)key;
	(void)value;
	return ++*(int *)context == 3 ? 42 : 0;
}

static void test_iteration(void)
{
	struct ihash table = new_table();
	static struct object objects[64];
	for (int i = 0; i < 64; i++) {
		objects[i].key = (ihash_key_t)i;
		ihash_add(&table, objects[i].key, &objects[i]);
	}
	size_t capacity_before = table.capacity;
	struct iteration state = {.table = &table, .objects = objects};
	int result = ihash_iterate(&table, visit_and_remove, &state);
	int visited_twice = 0, removed_then_visited = 0, present_missed = 0;
	for (int key = 0; key < 64; key++)
		visited_twice += state.visits[key] > 1;
	for (int key = 0; key < 64; key++) {
		bool present = ihash_find(&table, (ihash_key_t)key) != NULL;
		if (present && state.visits[key] != 1)
			present_missed++;
	}
	/* A key removed by another's visit before its own turn is not visited. */
	int removed_before_turn = 0;
	for (int key = 0; key < 64; key++) {
		if (state.removed_at[key] == 0)
			continue;
		if (state.visited_at[key] == 0)
			removed_before_turn++;
		else if (state.visited_at[key] > state.removed_at[key])
			removed_then_visited++;
	}
	CHECK(result == 0 && visited_twice == 0,
	      "iteration visits no entry twice, values match keys");
	CHECK(present_missed == 0, "every entry still present was visited exactly once");
	CHECK(removed_before_turn > 0 && removed_then_visited == 0,
	      "%d entries removed before their turn were not visited", removed_before_turn);
	int even_left = 0;
	for (int key = 0; key < 64; key += 2)
		even_left += ihash_find(&table, (ihash_key_t)key) != NULL;
	CHECK(even_left == 0, "entries removed during the iteration are gone");
	CHECK(state.add_result == EBUSY && ihash_find(&table, 1000) == NULL,
	      "adding a new key during an iteration is refused with EBUSY");
	CHECK(state.replace_result == 0,
	      "replacing an existing key's value during an iteration works");
	CHECK(state.capacity_seen == capacity_before, "the table does not move while iterating");
	CHECK(table.capacity < capacity_before,
	      "it shrinks once the iteration ends (%zu -> %zu slots, %zu entries)", capacity_before,
	      table.capacity, ihash_count(&table));
	int count = 0;
	CHECK(ihash_iterate(&table, stop_at_third, &count) == 42 && count == 3,
	      "a visit returning non-zero stops the iteration and is returned");
	ihash_destroy(&table);
}

static int allocations_allowed;
static void *limited_calloc(size_t count, size_t size)
{
	if (allocations_allowed <= 0)
		return NULL;
	allocations_allowed--;
	return calloc(count, size);
}

static void test_allocation_failure(void)
{
	struct ihash table = new_table();
	ihash_set_allocator(&table, limited_calloc, free);
	static struct object objects[100];
	allocations_allowed = 0;
	CHECK(ihash_add(&table, 1, &objects[1]) == ENOMEM && ihash_count(&table) == 0,
	      "the first add without memory fails with ENOMEM");
	allocations_allowed = 1;
	int added = 0, error = 0;
	for (int i = 0; i < 100 && error == 0; i++) {
		objects[i].key = (ihash_key_t)i;
		error = ihash_add(&table, objects[i].key, &objects[i]);
		added += error == 0;
	}
	CHECK(error == ENOMEM && added == 6,
	      "growing without memory fails with ENOMEM (after %d adds)", added);
	int intact = 0;
	for (int i = 0; i < added; i++)
		intact += ihash_find(&table, objects[i].key) == &objects[i] &&
		          objects[i].locp->value == &objects[i];
	CHECK(intact == added && ihash_count(&table) == (size_t)added &&
	          ihash_find(&table, objects[added].key) == NULL,
	      "the failed add left the table unchanged");
	allocations_allowed = 1;
	CHECK(ihash_add(&table, objects[added].key, &objects[added]) == 0,
	      "with memory again, the add succeeds");
	allocations_allowed = 0;
	for (int i = 0; i <= added; i++)
		ihash_remove(&table, objects[i].key);
	CHECK(ihash_count(&table) == 0, "removing works without memory (shrinking is optional)");
	ihash_destroy(&table);
}

/* --- randomized test against a reference model --- */

#define MODEL_KEYS 3000
#define OPERATIONS 100000

static uint64_t random_state = 0x2545f4914f6cdd1dull;
static uint64_t next_random(void)
{
	random_state ^= random_state << 13;
	random_state ^= random_state >> 7;
	random_state ^= random_state << 17;
	return random_state;
}

/* Key number n: small numbers and scattered large ones, as port names and
 * pids are. */
static ihash_key_t model_key(size_t n)
{
	return n % 2 ? (ihash_key_t)n : ((ihash_key_t)n << 32) | 0x80000000u;
}

struct model_check {
	struct object *(*model)[MODEL_KEYS];
	size_t visited;
	size_t mismatches;
};

static int check_against_model(ihash_key_t key, void *value, void *context)
{
	struct model_check *check = context;
	struct object *object = value;
	check->visited++;
	if (object->key != key || object->locp == NULL || object->locp->value != object)
		check->mismatches++;
	return 0;
}

static void test_random_against_model(void)
{
	struct ihash table = new_table();
	/* Two objects a key, so that replacing swaps one for the other. */
	static struct object objects[MODEL_KEYS][2];
	static struct object *model[MODEL_KEYS];
	size_t model_count = 0;
	size_t count_mismatches = 0, find_mismatches = 0, add_failures = 0, iterate_mismatches = 0;
	size_t max_capacity = 0, shrinks = 0, last_capacity = 0;
	for (size_t n = 0; n < MODEL_KEYS; n++)
		objects[n][0].key = objects[n][1].key = model_key(n);

	for (long op = 0; op < OPERATIONS; op++) {
		/* Phases of filling and emptying, so the table grows and shrinks. */
		bool filling = (op / 20000) % 2 == 0;
		size_t n = next_random() % MODEL_KEYS;
		ihash_key_t key = model_key(n);
		unsigned kind = next_random() % 100;
		if (kind < (filling ? 55u : 8u)) {
			struct object *object = &objects[n][model[n] == &objects[n][0]];
			if (ihash_add(&table, key, object) != 0)
				add_failures++;
			if (model[n] == NULL)
				model_count++;
			model[n] = object;
		} else if (kind < 85) {
			bool removed = ihash_remove(&table, key);
			if (removed != (model[n] != NULL))
				find_mismatches++;
			if (model[n] != NULL)
				model_count--;
			model[n] = NULL;
		} else if (kind < 95) {
			if (model[n] != NULL) {
				ihash_locp_remove(&table, model[n]->locp);
				if (model[n]->locp != NULL)
					find_mismatches++;
				model[n] = NULL;
				model_count--;
			}
		} else if (ihash_find(&table, key) != model[n]) {
			find_mismatches++;
		}
		if (ihash_count(&table) != model_count)
			count_mismatches++;
		if (table.capacity > max_capacity)
			max_capacity = table.capacity;
		if (table.capacity < last_capacity)
			shrinks++;
		last_capacity = table.capacity;
		if (op % 5000 == 4999) {
			for (size_t k = 0; k < MODEL_KEYS; k++)
				find_mismatches += ihash_find(&table, model_key(k)) != model[k];
			struct model_check check = {.model = &model};
			ihash_iterate(&table, check_against_model, &check);
			iterate_mismatches += check.mismatches + (check.visited != model_count);
		}
	}
	CHECK(add_failures == 0, "random test: every add succeeded");
	CHECK(count_mismatches == 0, "random test: the count always matched the model");
	CHECK(find_mismatches == 0, "random test: lookups and removals always matched the model");
	CHECK(iterate_mismatches == 0, "random test: every iteration visited exactly the model's "
	                               "entries, slot pointers right");
	CHECK(max_capacity >= 2048 && shrinks > 0,
	      "random test: the table grew (to %zu slots) and shrank (%zu times)", max_capacity,
	      shrinks);
	ihash_destroy(&table);
}

int main(void)
{
	test_basics();
	test_iteration();
	test_allocation_failure();
	test_random_against_model();
	return tap_finish();
}
