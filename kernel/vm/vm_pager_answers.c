/* The pager's calls on a memory object's control port (see vm_pager.h):
 * data supplied, unavailable or failed for the pages it was asked for, lock
 * requests (clean, flush, lock), attributes and destruction. Ranges are checked
 * and clipped to the object, so that nothing a pager sends can make the kernel
 * loop long, fault or keep data nobody asked for when memory is short. */
#include "vm/vm_pager.h"
#include "vm/vm_pager_outbox.h"
#include "vm/vm_lock.h"
#include "vm/vm_evict.h"
#include "vm/vm_object.h"
#include "vm/vm_page.h"
#include "vm/vm_map_internal.h"
#include "vm/physmem.h"
#include "ipc/ipc_kernel.h"
#include "arch/x86_64/layout.h"
#include "arch/x86_64/pmap.h"
#include "lib/kstring.h"
#include <mach/memory_object.h>
#include <mach/message.h>

#ifndef MEMORY_OBJECT_RETURN_ANYTHING /* GNU Mach has it; gnumach-dev's header not */
#define MEMORY_OBJECT_RETURN_ANYTHING 3
#endif

/* Pages offered without a request are kept only above this many free frames. */
#define UNASKED_FREE_PAGES_MIN 4096

/* The pages [*first, *end) of a byte range of object: false if the range is
 * not page-aligned, empty or overflowing; clipped to the object's size. */
static bool page_range(const struct vm_object *object, uint64_t offset, uint64_t size,
                       uint64_t *first, uint64_t *end)
{
	if ((offset & (PAGE_SIZE - 1)) || size == 0 || offset + size < offset)
		return false;
	*first = offset;
	*end = offset + size < object->size ? offset + size : object->size;
	if (*end < *first)
		*end = *first;
	return true;
}

static void set_lock(struct vm_page *page, vm_prot_t lock_value)
{
	page->flags &= ~VM_PAGE_LOCK_MASK;
	page->flags |= (uint16_t)((lock_value & VM_PROT_ALL) << VM_PAGE_LOCK_SHIFT);
}

/* A reply right worth answering (not null, not dead: ~0). */
static bool reply_port_valid(const struct ipc_port *port)
{
	return port && port != (const struct ipc_port *)~0ul;
}

void vm_pager_drop_reply(struct ipc_port *reply_to, unsigned reply_type)
{
	if (reply_type == MACH_MSG_TYPE_PORT_SEND_ONCE)
		ipc_port_release_send_once(reply_to);
	else
		ipc_port_release_send(reply_to);
}

/* Under vm_lock: queues a reply; false (the right stays the caller's) if no
 * memory for it. */
static bool post_reply(struct vm_object *object, enum pager_outbox_kind kind,
                       struct ipc_port *reply_to, unsigned reply_type, uint64_t offset,
                       uint64_t length, struct pager_outbox_message **out)
{
	struct pager_outbox_message *reply =
	    vm_pager_outbox_reply(object, kind, reply_to, reply_type);
	if (!reply)
		return false;
	reply->offset = offset;
	reply->length = length;
	*out = reply;
	return true;
}

/* A settled run head releases what is left of its run (see vm_pager.c). */
static void settle(struct vm_object *object, struct vm_page *page, struct vm_page **heads,
                   unsigned *head_count)
{
	page->flags &= ~(VM_PAGE_BUSY | VM_PAGE_ERROR | VM_PAGE_UNLOCKING);
	page->flags |= VM_PAGE_REFERENCED; /* new: the eviction clock passes it once */
	if ((page->flags & VM_PAGE_RUN_HEAD) && *head_count < VM_PAGER_REQUEST_PAGES_MAX)
		heads[(*head_count)++] = page;
	(void)object;
}

static void end_settled_runs(struct vm_object *object, struct vm_page **heads, unsigned count)
{
	for (unsigned i = 0; i < count; i++) {
		struct vm_page *head = heads[i];
		uint64_t start = head->offset;
		unsigned pages = head->run_pages;
		head->flags &= ~VM_PAGE_RUN_HEAD;
		head->run_pages = 0;
		for (unsigned n = 1; n < pages; n++) {
			struct vm_page *page =
			    vm_page_lookup(object, start + (uint64_t)n * PAGE_SIZE);
			if (page && (page->flags & VM_PAGE_BUSY) &&
			    !(page->flags & VM_PAGE_RUN_HEAD))
				vm_page_free(page);
		}
	}
}

kern_return_t vm_pager_supply(struct vm_object *object, uint64_t offset, const void *data,
                              uint64_t size, vm_prot_t lock_value, bool precious,
                              struct ipc_port *reply_to, unsigned reply_type)
{
	uint64_t first, end;
	vm_lock_acquire();
	vm_evict_if_low(); /* before the loop holds any page */
	kern_return_t result = KERN_SUCCESS;
	if (!page_range(object, offset, size, &first, &end))
		result = KERN_INVALID_ARGUMENT;
	struct vm_page *heads[VM_PAGER_REQUEST_PAGES_MAX];
	unsigned head_count = 0;
	/* Whole pages only: a partial last page is dropped (asked for again). */
	for (uint64_t at = first;
	     result == KERN_SUCCESS && at + PAGE_SIZE <= end && at + PAGE_SIZE - offset <= size;
	     at += PAGE_SIZE) {
		struct vm_page *page = vm_page_lookup(object, at);
		if (page && !(page->flags & VM_PAGE_BUSY))
			continue; /* resident: the kernel's copy stands */
		if (!page) {
			if (physmem_free_count() < UNASKED_FREE_PAGES_MIN)
				continue;
			page = vm_page_alloc(object, at);
			if (!page)
				continue;
		}
		if (head_count == VM_PAGER_REQUEST_PAGES_MAX) {
			end_settled_runs(object, heads, head_count);
			head_count = 0;
		}
		memcpy(phys_to_virt(vm_page_phys(page)), (const char *)data + (at - offset),
		       PAGE_SIZE);
		settle(object, page, heads, &head_count);
		set_lock(page, lock_value);
		if (precious)
			page->flags |= VM_PAGE_PRECIOUS;
	}
	end_settled_runs(object, heads, head_count);
	struct pager_outbox_message *reply = NULL;
	bool replied =
	    reply_port_valid(reply_to) && post_reply(object, PAGER_OUTBOX_SUPPLY_COMPLETED,
	                                             reply_to, reply_type, offset, size, &reply);
	if (replied) {
		reply->result = result;
		vm_pager_outbox_post(reply);
	}
	vm_pager_note_change();
	vm_lock_release();
	if (!replied && reply_port_valid(reply_to))
		vm_pager_drop_reply(reply_to, reply_type);
	return result;
}

/* The busy placeholders of a range: zero-filled (unavailable) or failed. */
static kern_return_t settle_range(struct vm_object *object, uint64_t offset, uint64_t size,
                                  bool error)
{
	uint64_t first, end;
	vm_lock_acquire();
	if (!page_range(object, offset, size, &first, &end)) {
		vm_lock_release();
		return KERN_INVALID_ARGUMENT;
	}
	struct vm_page *heads[VM_PAGER_REQUEST_PAGES_MAX];
	unsigned head_count = 0;
	for (uint64_t at = first; at < end; at += PAGE_SIZE) {
		struct vm_page *page = vm_page_lookup(object, at);
		if (!page || !(page->flags & VM_PAGE_BUSY))
			continue;
		if (head_count == VM_PAGER_REQUEST_PAGES_MAX) {
			end_settled_runs(object, heads, head_count);
			head_count = 0;
		}
		if (!error)
			memset(phys_to_virt(vm_page_phys(page)), 0, PAGE_SIZE);
		settle(object, page, heads, &head_count);
		if (error)
			page->flags |= VM_PAGE_ERROR;
	}
	end_settled_runs(object, heads, head_count);
	vm_pager_note_change();
	vm_lock_release();
	return KERN_SUCCESS;
}

kern_return_t vm_pager_unavailable(struct vm_object *object, uint64_t offset, uint64_t size)
{
	return settle_range(object, offset, size, false);
}

kern_return_t vm_pager_error(struct vm_object *object, uint64_t offset, uint64_t size)
{
	return settle_range(object, offset, size, true);
}

/* Whether lock_request's should_return sends page back. */
static bool to_return(const struct vm_page *page, int should_return)
{
	switch (should_return) {
	case MEMORY_OBJECT_RETURN_DIRTY:
		return page->flags & VM_PAGE_DIRTY;
	case MEMORY_OBJECT_RETURN_ALL:
		return page->flags & (VM_PAGE_DIRTY | VM_PAGE_PRECIOUS);
	case MEMORY_OBJECT_RETURN_ANYTHING:
		return true;
	default:
		return false;
	}
}

/* One resident page under lock_request; false when memory for a return is out. */
static bool lock_page(struct vm_object *object, struct vm_page *page, int should_return,
                      bool should_flush, vm_prot_t lock_value)
{
	if (page->flags & VM_PAGE_BUSY)
		return true;
	uint64_t phys = vm_page_phys(page);
	if (to_return(page, should_return)) {
		if (!vm_pager_return_page(object, page, !should_flush))
			return false;
		/* Clean now: the next write must fault to mark it dirty again. */
		pmap_page_protect(phys, PMAP_USER | PMAP_EXECUTE);
	}
	if (should_flush && !page->wire_count) {
		vm_page_free(page);
		return true;
	}
	if (lock_value != VM_PROT_NO_CHANGE) {
		set_lock(page, lock_value);
		page->flags &= ~VM_PAGE_UNLOCKING;
		pmap_page_protect(phys, vm_prot_to_pmap(VM_PROT_ALL & ~lock_value));
	}
	return true;
}

kern_return_t vm_pager_lock_request(struct vm_object *object, uint64_t offset, uint64_t size,
                                    int should_return, bool should_flush, vm_prot_t lock_value,
                                    struct ipc_port *reply_to, unsigned reply_type)
{
	bool valid_lock = lock_value == VM_PROT_NO_CHANGE || !(lock_value & ~VM_PROT_ALL);
	bool valid_return = should_return >= MEMORY_OBJECT_RETURN_NONE &&
	                    should_return <= MEMORY_OBJECT_RETURN_ANYTHING;
	uint64_t first, end;
	vm_lock_acquire();
	kern_return_t result = KERN_SUCCESS;
	if (!valid_lock || !valid_return || !page_range(object, offset, size, &first, &end))
		result = KERN_INVALID_ARGUMENT;
	if (result == KERN_SUCCESS) {
		/* Walk whichever is shorter: the range, or the object's resident pages. */
		uint64_t range_pages = (end - first) / PAGE_SIZE;
		if (range_pages <= object->resident_pages) {
			for (uint64_t at = first; at < end && result == KERN_SUCCESS;
			     at += PAGE_SIZE) {
				struct vm_page *page = vm_page_lookup(object, at);
				if (page && !lock_page(object, page, should_return, should_flush,
				                       lock_value))
					result = KERN_RESOURCE_SHORTAGE;
			}
		} else {
			struct vm_page *next;
			for (struct vm_page *page = object->pages; page && result == KERN_SUCCESS;
			     page = next) {
				next = page->object_next;
				if (page->offset >= first && page->offset < end &&
				    !lock_page(object, page, should_return, should_flush,
				               lock_value))
					result = KERN_RESOURCE_SHORTAGE;
			}
		}
	}
	struct pager_outbox_message *reply = NULL;
	bool replied = result == KERN_SUCCESS && reply_port_valid(reply_to) &&
	               post_reply(object, PAGER_OUTBOX_LOCK_COMPLETED, reply_to, reply_type, offset,
	                          size, &reply);
	if (replied)
		vm_pager_outbox_post(reply);
	vm_pager_note_change();
	vm_lock_release();
	if (!replied && reply_port_valid(reply_to))
		vm_pager_drop_reply(reply_to, reply_type);
	return result;
}

kern_return_t vm_pager_set_attributes(struct vm_object *object, bool may_cache, int copy_strategy,
                                      struct ipc_port *reply_to, unsigned reply_type)
{
	bool valid = copy_strategy >= MEMORY_OBJECT_COPY_NONE &&
	             copy_strategy <= MEMORY_OBJECT_COPY_TEMPORARY;
	vm_lock_acquire();
	struct pager_outbox_message *reply = NULL;
	bool replied = false;
	if (valid) {
		object->pager_ready = true;
		object->may_cache = may_cache;
		object->copy_strategy = copy_strategy;
		replied =
		    reply_port_valid(reply_to) && post_reply(object, PAGER_OUTBOX_CHANGE_COMPLETED,
		                                             reply_to, reply_type, 0, 0, &reply);
		if (replied) {
			reply->may_cache = may_cache;
			reply->copy_strategy = copy_strategy;
			vm_pager_outbox_post(reply);
		}
		vm_pager_note_change();
	}
	vm_lock_release();
	if (!replied && reply_port_valid(reply_to))
		vm_pager_drop_reply(reply_to, reply_type);
	return valid ? KERN_SUCCESS : KERN_INVALID_ARGUMENT;
}

void vm_pager_get_attributes(struct vm_object *object, bool *ready, bool *may_cache,
                             int *copy_strategy)
{
	vm_lock_acquire();
	*ready = object->pager_ready;
	*may_cache = object->may_cache;
	*copy_strategy = object->copy_strategy;
	vm_lock_release();
}

kern_return_t vm_pager_destroy(struct vm_object *object)
{
	vm_lock_acquire();
	object->pager_dead = true;
	vm_pager_note_change();
	vm_lock_release();
	return KERN_SUCCESS;
}
