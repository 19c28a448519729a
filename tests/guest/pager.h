/* The test pager of the in-guest pager tests: a memory object served by a thread
 * of the calling task through memory_object.defs (MIG server), answering the
 * kernel by a chosen policy and logging everything the kernel sent. */
#ifndef WB_GUEST_PAGER_H
#define WB_GUEST_PAGER_H

#include <mach.h>
#include <mach/memory_object.h>
#include <stdbool.h>
#include <stdint.h>
#include "rt/rt.h"

#define PAGER_PAGE_SIZE    4096ull
#define PAGER_MAX_PAGERS   8
#define PAGER_LOG_CAPACITY 4096

enum pager_event_kind {
	PAGER_EVENT_INIT,
	PAGER_EVENT_REQUEST,
	PAGER_EVENT_UNLOCK,
	PAGER_EVENT_RETURN,
	PAGER_EVENT_LOCK_COMPLETED,
	PAGER_EVENT_SUPPLY_COMPLETED,
	PAGER_EVENT_CHANGE_COMPLETED,
	PAGER_EVENT_TERMINATE,
	PAGER_EVENT_COPY,
};

/* One message from the kernel, in arrival order (sequence counts from 1). */
struct pager_event {
	enum pager_event_kind kind;
	uint32_t sequence;
	uint64_t offset, length;
	vm_prot_t access;        /* request, unlock */
	bool dirty, kernel_copy; /* return */
	/* return: the first word of the data; init: the page size;
	 * supply_completed: result << 32 ^ error offset; change_completed:
	 * may_cache << 32 | copy strategy */
	uint64_t value;
	/* terminate: the control and name ports arrived as receive rights */
	bool rights_received;
	mach_port_t control;
};

struct pager;
/* What the pager does on memory_object_data_request / _data_unlock; runs on the
 * pager's thread after the event is logged. */
typedef void (*pager_answer_t)(struct pager *pager, uint64_t offset, uint64_t length,
                               vm_prot_t access);

struct pager {
	mach_port_t object;  /* receive right and one send right, one name */
	mach_port_t control; /* send right from the latest init (null after terminate) */
	mach_port_t name;
	uint64_t size; /* bytes the pager has data for: requests beyond get data_unavailable */
	uint64_t seed; /* distinguishes the patterns of different pagers */
	/* Optional backing store (size bytes): data returned by the kernel is kept
	 * and served again; pages never returned are served as the pattern. */
	uint8_t *store;
	uint8_t *store_valid; /* per page */
	/* Policies; the defaults supply the whole range and unlock what is asked. */
	pager_answer_t answer_request;
	pager_answer_t answer_unlock;
	void *context;             /* for the policies */
	vm_prot_t supply_lock;     /* lock_value of supplies (VM_PROT_NONE by default) */
	boolean_t supply_precious; /* precious flag of supplies (FALSE by default) */
	bool answer_init;          /* memory_object_ready on init (default true) */
	boolean_t may_cache;
	memory_object_copy_strategy_t copy_strategy;
	/* Counters, written by the pager thread. */
	volatile uint32_t inits, terminates, requests, unlocks, returns, dirty_returns,
	    lock_completions, unexpected;
	volatile uint64_t requested_bytes, returned_bytes, supplied_bytes;
	uint8_t *page_requests; /* per page of size: times requested (saturating) */
	struct pager_event *events;
	volatile uint32_t event_count; /* events logged (at most PAGER_LOG_CAPACITY) */
	volatile uint32_t sequence;
	volatile bool stop, running;
};

/* Makes the memory object (size bytes, page multiple) and starts its thread.
 * with_store: keep returned data. false and a failed check if anything fails. */
bool pager_open(struct pager *pager, uint64_t size, uint64_t seed, bool with_store);
/* Waits (up to 3 s) for a terminate owed by the kernel, stops the thread,
 * destroys the ports and frees the pager's memory. */
void pager_close(struct pager *pager);

/* The data the pager serves at a word-aligned object offset: the store where
 * data was returned, otherwise the offset xor the seed in the top 16 bits. */
uint64_t pager_word(const struct pager *pager, uint64_t offset);
uint64_t pager_pattern(uint64_t seed, uint64_t offset);

/* vm_map of the pager's object into this task: anywhere, read/write (max all),
 * VM_INHERIT_NONE. */
kern_return_t pager_map(struct pager *pager, uint64_t size, uint64_t offset, boolean_t copy,
                        vm_address_t *address);
/* memory_object_data_supply of [offset, offset + length) with the pager's data
 * (out of line, deallocated from us); whatever lies beyond size gets
 * data_unavailable. */
kern_return_t pager_supply(struct pager *pager, uint64_t offset, uint64_t length);
/* Supplies the given bytes as they are (garbage tests): offset and size
 * unchecked. The buffer is copied; lock_value and precious as given. */
kern_return_t pager_supply_raw(struct pager *pager, uint64_t offset, const void *bytes,
                               uint64_t size, vm_prot_t lock_value, boolean_t precious);

/* Policies (pager_answer_t). */
void pager_answer_supply(struct pager *, uint64_t, uint64_t, vm_prot_t);
void pager_answer_first_page(struct pager *, uint64_t, uint64_t, vm_prot_t);
void pager_answer_unavailable(struct pager *, uint64_t, uint64_t, vm_prot_t);
void pager_answer_silent(struct pager *, uint64_t, uint64_t, vm_prot_t);
/* For unlocks: lock_request(..., RETURN_NONE, no flush, VM_PROT_NONE). */
void pager_answer_unlock(struct pager *, uint64_t, uint64_t, vm_prot_t);

/* --- the log --- */
/* The i-th event, or NULL past the end. */
const struct pager_event *pager_event_at(const struct pager *pager, uint32_t index);
uint32_t pager_event_total(const struct pager *pager);
/* The first event of a kind at or after index `from`, or NULL. */
const struct pager_event *pager_find(const struct pager *pager, enum pager_event_kind kind,
                                     uint32_t from);
/* The first data_return at or after `from` covering offset, or NULL. */
const struct pager_event *pager_find_return(const struct pager *pager, uint64_t offset,
                                            uint32_t from);
/* The first data_request at or after `from` covering offset, or NULL. */
const struct pager_event *pager_find_request(const struct pager *pager, uint64_t offset,
                                             uint32_t from);
/* Called by the pager thread (pager_common_server.c): an event to fill in (NULL
 * when the log is full), then made visible to readers by pager_log_commit. */
struct pager_event *pager_log(struct pager *pager, enum pager_event_kind kind, uint64_t offset,
                              uint64_t length);
void pager_log_commit(struct pager *pager, struct pager_event *event);
/* The pager registered for a memory object name, or NULL. */
struct pager *pager_of_object(mach_port_t object);
void pager_register(struct pager *pager);
void pager_unregister(struct pager *pager);
/* Serves the object port until pager->stop (pager_common_server.c). */
void pager_serve(uint64_t pager_address);

#endif
