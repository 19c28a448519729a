/* ihash: a hash table from integer keys (port names, pids) to object pointers
 * for servers, with O(1) self-removal through a slot pointer kept in the object. */
#ifndef WB_IHASH_H
#define WB_IHASH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef uint64_t ihash_key_t;
/* Where an entry lives in its table; valid until the entry is removed (the
 * table rewrites it in the object when entries move). */
typedef struct ihash_slot *ihash_locp_t;

/* locp_offset for a table whose objects keep no slot pointer. */
#define IHASH_NO_LOCP ((ptrdiff_t)-1)

struct ihash_slot {
	ihash_key_t key;
	void *value; /* NULL: never used; IHASH_REMOVED: a removed entry */
};

struct ihash {
	struct ihash_slot *slots;                     /* NULL while the table is empty */
	size_t capacity;                              /* a power of two, or 0 */
	size_t count;                                 /* live entries */
	size_t removed;                               /* removed markers among the slots */
	ptrdiff_t locp_offset;                        /* where a value keeps its ihash_locp_t */
	unsigned iterating;                           /* nested ihash_iterate calls running */
	void *(*allocate)(size_t count, size_t size); /* zeroed memory or NULL */
	void (*release)(void *memory);
};

/* An empty table. locp_offset is the offset, in every value, of an
 * ihash_locp_t the table keeps up to date (IHASH_NO_LOCP: none). Allocates
 * nothing, so it cannot fail. */
void ihash_init(struct ihash *table, ptrdiff_t locp_offset);
/* Frees the table's memory (not the values). */
void ihash_destroy(struct ihash *table);
/* Memory for the slots comes from allocate (calloc-like) and goes back with
 * release; the default is calloc and free. Only on an empty table. */
void ihash_set_allocator(struct ihash *table, void *(*allocate)(size_t count, size_t size),
                         void (*release)(void *memory));

/* Maps key to value, replacing an existing entry. value must not be NULL.
 * Returns 0, EINVAL (a NULL value), ENOMEM (the table could not grow: it is
 * unchanged), or EBUSY (a new key while an ihash_iterate runs: adding could
 * move entries under the iteration; replacing is allowed). */
int ihash_add(struct ihash *table, ihash_key_t key, void *value);
/* The value of key, or NULL. */
void *ihash_find(const struct ihash *table, ihash_key_t key);
/* Removes key's entry; false if there was none. The value's slot pointer, if
 * the table keeps one, becomes NULL. */
bool ihash_remove(struct ihash *table, ihash_key_t key);
/* Removes the entry whose slot pointer is locp (taken from a value of this
 * table) in O(1). */
void ihash_locp_remove(struct ihash *table, ihash_locp_t locp);
/* The number of entries. */
size_t ihash_count(const struct ihash *table);

/* Calls visit on every entry, in no particular order, until it returns
 * non-zero (that value is returned; 0 once all were visited). During the
 * iteration any entry may be removed (by key or slot pointer) and existing
 * keys given new values: every entry present throughout is visited exactly
 * once, a removed one not after its removal. New keys are refused (EBUSY).
 * The table shrinks, if it should, when the outermost iteration ends. */
int ihash_iterate(struct ihash *table, int (*visit)(ihash_key_t key, void *value, void *context),
                  void *context);

#endif
