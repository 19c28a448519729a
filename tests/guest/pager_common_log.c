/* The test pager's log: the pager thread appends one event per message of the
 * kernel; test threads read it (an event is visible once committed, complete). */
#include "pager.h"

struct pager_event *pager_log(struct pager *pager, enum pager_event_kind kind, uint64_t offset,
                              uint64_t length)
{
	uint32_t sequence = __atomic_add_fetch(&pager->sequence, 1, __ATOMIC_RELAXED);
	uint32_t index = __atomic_load_n(&pager->event_count, __ATOMIC_RELAXED);
	if (index >= PAGER_LOG_CAPACITY)
		return NULL;
	struct pager_event *event = &pager->events[index];
	*event = (struct pager_event){
	    .kind = kind,
	    .sequence = sequence,
	    .offset = offset,
	    .length = length,
	};
	return event;
}

void pager_log_commit(struct pager *pager, struct pager_event *event)
{
	if (event)
		__atomic_store_n(&pager->event_count, (uint32_t)(event - pager->events) + 1,
		                 __ATOMIC_RELEASE);
}

uint32_t pager_event_total(const struct pager *pager)
{
	return __atomic_load_n(&pager->event_count, __ATOMIC_ACQUIRE);
}

const struct pager_event *pager_event_at(const struct pager *pager, uint32_t index)
{
	if (index >= pager_event_total(pager))
		return NULL;
	return &pager->events[index];
}

const struct pager_event *pager_find(const struct pager *pager, enum pager_event_kind kind,
                                     uint32_t from)
{
	for (uint32_t i = from; i < pager_event_total(pager); i++)
		if (pager->events[i].kind == kind)
			return &pager->events[i];
	return NULL;
}

static const struct pager_event *
find_covering(const struct pager *pager, enum pager_event_kind kind, uint64_t offset, uint32_t from)
{
	for (uint32_t i = from; i < pager_event_total(pager); i++) {
		const struct pager_event *event = &pager->events[i];
		if (event->kind == kind && offset >= event->offset &&
		    offset - event->offset < event->length)
			return event;
	}
	return NULL;
}

const struct pager_event *pager_find_return(const struct pager *pager, uint64_t offset,
                                            uint32_t from)
{
	return find_covering(pager, PAGER_EVENT_RETURN, offset, from);
}

const struct pager_event *pager_find_request(const struct pager *pager, uint64_t offset,
                                             uint32_t from)
{
	return find_covering(pager, PAGER_EVENT_REQUEST, offset, from);
}
