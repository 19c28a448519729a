/* ihash: open addressing with linear probing and removal markers, so removing
 * never moves an entry (slot pointers and iterations stay valid). */
#include "ihash.h"

#include <errno.h>
#include <stdlib.h>

/* The marker of a removed entry: probing continues past it. */
static char removed_marker;
#define IHASH_REMOVED ((void *)&removed_marker)

#define IHASH_MIN_CAPACITY 8

static bool slot_is_live(const struct ihash_slot *slot)
{
	return slot->value != NULL && slot->value != IHASH_REMOVED;
}

static size_t slot_index(ihash_key_t key, size_t capacity)
{
	/* Fibonacci hashing: the top bits of key times 2^64 / golden ratio. */
	unsigned shift = 64 - (unsigned)__builtin_ctzll(capacity);
	uint64_t mixed = key * UINT64_C(0x9e3779b97f4a7c15);
	return shift >= 64 ? 0 : (size_t)(mixed >> shift);
}

static void set_locp(const struct ihash *table, void *value, ihash_locp_t locp)
{
	if (table->locp_offset != IHASH_NO_LOCP)
		*(ihash_locp_t *)((char *)value + table->locp_offset) = locp;
}

void ihash_init(struct ihash *table, ptrdiff_t locp_offset)
{
	*table = (struct ihash){
	    .locp_offset = locp_offset,
	    .allocate = calloc,
	    .release = free,
	};
}

void ihash_destroy(struct ihash *table)
{
	table->release(table->slots);
	table->slots = NULL;
	table->capacity = table->count = table->removed = 0;
}

void ihash_set_allocator(struct ihash *table, void *(*allocate)(size_t count, size_t size),
                         void (*release)(void *memory))
{
	table->allocate = allocate;
	table->release = release;
}

/* The slot holding key, or NULL. */
static struct ihash_slot *find_slot(const struct ihash *table, ihash_key_t key)
{
	if (table->capacity == 0)
		return NULL;
	size_t mask = table->capacity - 1;
	for (size_t index = slot_index(key, table->capacity);; index = (index + 1) & mask) {
		struct ihash_slot *slot = &table->slots[index];
		if (slot->value == NULL)
			return NULL;
		if (slot->value != IHASH_REMOVED && slot->key == key)
			return slot;
	}
}

/* Moves every live entry into a fresh array of new_capacity slots (a power
 * of two, or 0 for none). On ENOMEM the table is unchanged. */
static int rehash(struct ihash *table, size_t new_capacity)
{
	struct ihash_slot *fresh = NULL;
	if (new_capacity > 0) {
		fresh = table->allocate(new_capacity, sizeof(*fresh));
		if (fresh == NULL)
			return ENOMEM;
	}
	for (size_t i = 0; i < table->capacity; i++) {
		struct ihash_slot *old = &table->slots[i];
		if (!slot_is_live(old))
			continue;
		size_t index = slot_index(old->key, new_capacity);
		while (fresh[index].value != NULL)
			index = (index + 1) & (new_capacity - 1);
		fresh[index] = *old;
		set_locp(table, old->value, &fresh[index]);
	}
	table->release(table->slots);
	table->slots = fresh;
	table->capacity = new_capacity;
	table->removed = 0;
	return 0;
}

/* The smallest capacity at which entries fill at most half the slots. */
static size_t capacity_for(size_t entries)
{
	if (entries == 0)
		return 0;
	size_t capacity = IHASH_MIN_CAPACITY;
	while (capacity / 2 < entries)
		capacity *= 2;
	return capacity;
}

/* Shrinks a table at most an eighth full (or empty) when no iteration runs;
 * a failure to allocate the smaller array keeps the larger one. */
static void maybe_shrink(struct ihash *table)
{
	if (table->iterating > 0 || table->capacity == 0)
		return;
	if (table->count == 0 ||
	    (table->capacity > IHASH_MIN_CAPACITY && table->count < table->capacity / 8))
		(void)rehash(table, capacity_for(table->count));
}

int ihash_add(struct ihash *table, ihash_key_t key, void *value)
{
	if (value == NULL || value == IHASH_REMOVED)
		return EINVAL;
	struct ihash_slot *existing = find_slot(table, key);
	if (existing != NULL) {
		set_locp(table, existing->value, NULL);
		existing->value = value;
		set_locp(table, value, existing);
		return 0;
	}
	if (table->iterating > 0)
		return EBUSY;
	/* Keep live entries and markers at most three quarters of the slots. */
	if ((table->count + table->removed + 1) * 4 > table->capacity * 3) {
		int error = rehash(table, capacity_for(table->count + 1));
		if (error)
			return error;
	}
	size_t mask = table->capacity - 1;
	size_t index = slot_index(key, table->capacity);
	while (slot_is_live(&table->slots[index]))
		index = (index + 1) & mask;
	struct ihash_slot *slot = &table->slots[index];
	if (slot->value == IHASH_REMOVED)
		table->removed--;
	slot->key = key;
	slot->value = value;
	table->count++;
	set_locp(table, value, slot);
	return 0;
}

void *ihash_find(const struct ihash *table, ihash_key_t key)
{
	struct ihash_slot *slot = find_slot(table, key);
	return slot != NULL ? slot->value : NULL;
}

void ihash_locp_remove(struct ihash *table, ihash_locp_t locp)
{
	set_locp(table, locp->value, NULL);
	locp->value = IHASH_REMOVED;
	table->count--;
	table->removed++;
	maybe_shrink(table);
}

bool ihash_remove(struct ihash *table, ihash_key_t key)
{
	struct ihash_slot *slot = find_slot(table, key);
	if (slot == NULL)
		return false;
	ihash_locp_remove(table, slot);
	return true;
}

size_t ihash_count(const struct ihash *table)
{
	return table->count;
}

int ihash_iterate(struct ihash *table, int (*visit)(ihash_key_t key, void *value, void *context),
                  void *context)
{
	int result = 0;
	table->iterating++;
	/* No rehash happens while iterating, so slots and capacity stay put. */
	for (size_t i = 0; i < table->capacity && result == 0; i++) {
		struct ihash_slot *slot = &table->slots[i];
		if (slot_is_live(slot))
			result = visit(slot->key, slot->value, context);
	}
	table->iterating--;
	maybe_shrink(table);
	return result;
}
