/* External memory (see vm_pager.h): objects found by their memory object
 * port, page requests in runs of busy placeholder pages, faults that sleep
 * for the pager bounded by the pager timeout and by the pager's death, and the
 * end of an object (its pages returned, the pager told). */
#include "vm/vm_pager.h"
#include "vm/vm_pager_outbox.h"
#include "vm/vm_lock.h"
#include "vm/vm_object.h"
#include "vm/vm_page.h"
#include "vm/physmem.h"
#include "kserver/pager_messages.h"
#include "kserver/kobject.h"
#include "ipc/ipc_kernel.h"
#include "kern/arguments.h"
#include "kern/irq_state.h"
#include "kern/timer.h"
#include "kern/wait_queue.h"
#include "arch/x86_64/layout.h"
#include "lib/kstring.h"

#define POLL_MS 100 /* how often a waiting fault looks whether its pager died */

static uint64_t pager_timeout = 10000;

/* How many of one fault's requests get a timeout each (see vm_pager_fault). */
#define FAULT_REQUESTS_TIMED_APART 8
static struct vm_object *pager_objects; /* under vm_lock */
static struct wait_queue pager_waiters = WAIT_QUEUE_INIT;
static volatile uint64_t pager_generation; /* bumped under vm_lock on every change */
static volatile bool wake_pending;

void vm_pager_system_init(const char *cmdline)
{
	uint64_t value;
	if (arguments_get_number(cmdline, "pager-timeout", &value) && value > 0)
		pager_timeout = value;
	vm_pager_outbox_init();
}

uint64_t vm_pager_timeout_ms(void)
{
	return pager_timeout;
}

void vm_pager_note_change(void)
{
	__atomic_add_fetch(&pager_generation, 1, __ATOMIC_ACQ_REL);
	__atomic_store_n(&wake_pending, true, __ATOMIC_RELEASE);
}

void vm_pager_wake_waiters(void)
{
	/* Called at every vm_lock release: a plain load first keeps the common
	 * case (no pager answered) free of a locked instruction. */
	if (__atomic_load_n(&wake_pending, __ATOMIC_ACQUIRE) &&
	    __atomic_exchange_n(&wake_pending, false, __ATOMIC_ACQ_REL))
		wait_queue_wake_all(&pager_waiters);
}

kern_return_t vm_pager_object(struct ipc_port *pager, uint64_t end, struct vm_object **object_out)
{
	for (struct vm_object *object = pager_objects; object; object = object->pager_next) {
		if (object->pager == pager && !object->pager_dead) {
			vm_object_reference(object);
			if (end > object->size)
				object->size = end;
			*object_out = object;
			return KERN_SUCCESS;
		}
	}
	struct vm_object *object = vm_object_allocate(end);
	if (!object)
		return KERN_RESOURCE_SHORTAGE;
	object->termination = vm_pager_termination_alloc();
	object->control = pager_control_port_create(object);
	object->name = ipc_port_alloc_kernel();
	struct pager_outbox_message *init = NULL;
	if (object->termination && object->control && object->name) {
		object->pager = ipc_port_copy_send(pager);
		init = vm_pager_outbox_new(object, PAGER_OUTBOX_INIT);
	}
	if (!init) {
		/* Not a pager's object yet: released as an anonymous one. */
		if (object->pager)
			ipc_port_release_send(object->pager);
		object->pager = NULL;
		if (object->control)
			ipc_kobject_port_destroy(object->control);
		if (object->name)
			ipc_port_release_receive(object->name);
		if (object->termination)
			vm_pager_termination_free(object->termination);
		vm_object_release(object);
		return KERN_RESOURCE_SHORTAGE;
	}
	object->copy_strategy = 2; /* MEMORY_OBJECT_COPY_DELAY until the pager says */
	object->pager_next = pager_objects;
	pager_objects = object;
	vm_pager_outbox_post(init);
	*object_out = object;
	return KERN_SUCCESS;
}

bool vm_pager_page_unusable(const struct vm_page *page, vm_prot_t access)
{
	if (page->flags & (VM_PAGE_BUSY | VM_PAGE_ERROR))
		return true;
	vm_prot_t locked = (page->flags & VM_PAGE_LOCK_MASK) >> VM_PAGE_LOCK_SHIFT;
	return (access & locked) != 0;
}

/* Frees the placeholders still busy in a run whose first page was answered or
 * abandoned: touching them asks again. */
static void end_run(struct vm_object *object, struct vm_page *head)
{
	uint64_t start = head->offset;
	unsigned count = head->run_pages;
	head->flags &= ~VM_PAGE_RUN_HEAD;
	head->run_pages = 0;
	for (unsigned i = 1; i < count; i++) {
		struct vm_page *page = vm_page_lookup(object, start + (uint64_t)i * PAGE_SIZE);
		if (page && (page->flags & VM_PAGE_BUSY) && !(page->flags & VM_PAGE_RUN_HEAD))
			vm_page_free(page);
	}
}

/* Placeholders for a run of missing pages from offset (at most
 * VM_PAGER_REQUEST_PAGES_MAX, not past the object's end nor over a resident
 * page), and one data_request for all of them. */
static kern_return_t request_run(struct vm_object *object, uint64_t offset, vm_prot_t access)
{
	struct pager_outbox_message *request =
	    vm_pager_outbox_new(object, PAGER_OUTBOX_DATA_REQUEST);
	if (!request)
		return KERN_RESOURCE_SHORTAGE;
	unsigned count = 0;
	struct vm_page *head = NULL;
	for (; count < VM_PAGER_REQUEST_PAGES_MAX; count++) {
		uint64_t at = offset + (uint64_t)count * PAGE_SIZE;
		if (count > 0 && (at >= object->size || vm_page_lookup(object, at)))
			break;
		struct vm_page *placeholder = vm_page_alloc(object, at);
		if (!placeholder)
			break;
		placeholder->flags |= VM_PAGE_BUSY;
		if (!head)
			head = placeholder;
	}
	if (!head) {
		ipc_port_release_send(request->destination);
		vm_pager_outbox_discard(request);
		return KERN_RESOURCE_SHORTAGE;
	}
	head->flags |= VM_PAGE_RUN_HEAD;
	head->run_pages = (uint16_t)count;
	request->offset = offset;
	request->length = (uint64_t)count * PAGE_SIZE;
	request->access = access;
	vm_pager_outbox_post(request);
	return KERN_SUCCESS;
}

/* A fault gives up on the page at offset: a placeholder goes (with the rest of
 * its run), an unlock may be asked again. */
static void abandon(struct vm_object *object, uint64_t offset)
{
	struct vm_page *page = vm_page_lookup(object, offset);
	if (!page)
		return;
	if (page->flags & VM_PAGE_BUSY) {
		if (page->flags & VM_PAGE_RUN_HEAD)
			end_run(object, page);
		vm_page_free(page); /* a late answer for it is taken as unasked-for data */
	} else {
		page->flags &= ~VM_PAGE_UNLOCKING;
	}
}

static void poll_expired(struct timer *timer)
{
	(void)timer;
	wait_queue_wake_all(&pager_waiters);
}

/* Drops vm_lock (sending what is queued), sleeps until something changes for
 * pagers, the deadline or a poll interval; retakes the lock. False if the
 * thread was interrupted. */
static bool sleep_for_pager(uint64_t deadline)
{
	uint64_t generation = __atomic_load_n(&pager_generation, __ATOMIC_ACQUIRE);
	vm_lock_release();
	vm_pager_wake_waiters();
	uint64_t now = timer_now_ms();
	uint64_t until = deadline < now + POLL_MS ? deadline : now + POLL_MS;
	struct timer poll = {0};
	timer_arm(&poll, until, poll_expired);
	enum wait_result result = WAIT_AWAKENED;
	irq_state_t state = spin_lock_irqsave(&pager_waiters.lock);
	if (__atomic_load_n(&pager_generation, __ATOMIC_ACQUIRE) == generation)
		result = wait_queue_sleep_locked(&pager_waiters);
	else
		spin_unlock(&pager_waiters.lock);
	irq_restore(state);
	timer_cancel(&poll);
	vm_lock_acquire();
	return result == WAIT_AWAKENED;
}

kern_return_t vm_pager_fault(struct vm_object *object, uint64_t offset, vm_prot_t access,
                             struct vm_fault_wait *wait)
{
	uint64_t now = timer_now_ms();
	struct vm_page *page = vm_page_lookup(object, offset);
	/* The timeout bounds the pager's answer to each request: no placeholder
	 * left means the last one was answered (and the page evicted again before
	 * this fault could map it, under memory pressure), so a new request has
	 * the whole timeout again; a few times, so that a pager that answers and
	 * then takes its pages back at once cannot keep a fault waiting forever. */
	bool asks_again = !page && object->pager_ready && wait->deadline_ms &&
	                  wait->requests < FAULT_REQUESTS_TIMED_APART;
	if (!wait->deadline_ms || asks_again)
		wait->deadline_ms = now + pager_timeout;
	if (!object->pager_dead && !pager_port_alive(object->pager)) {
		object->pager_dead = true;
		vm_pager_note_change();
	}
	if (object->pager_dead) {
		abandon(object, offset);
		return KERN_MEMORY_FAILURE;
	}
	if (page && (page->flags & VM_PAGE_ERROR)) {
		vm_page_free(page); /* the next access asks again */
		return KERN_MEMORY_ERROR;
	}
	if (now >= wait->deadline_ms) {
		abandon(object, offset);
		return KERN_MEMORY_FAILURE;
	}
	if (!page && object->pager_ready) {
		kern_return_t result = request_run(object, offset, access);
		if (result != KERN_SUCCESS)
			return result;
		wait->requests++;
	} else if (page && !(page->flags & (VM_PAGE_BUSY | VM_PAGE_UNLOCKING))) {
		struct pager_outbox_message *unlock =
		    vm_pager_outbox_new(object, PAGER_OUTBOX_DATA_UNLOCK);
		if (!unlock)
			return KERN_RESOURCE_SHORTAGE;
		unlock->offset = offset;
		unlock->length = PAGE_SIZE;
		unlock->access = access;
		vm_pager_outbox_post(unlock);
		page->flags |= VM_PAGE_UNLOCKING;
	}
	vm_object_reference(object); /* kept while the lock is dropped */
	bool woken = sleep_for_pager(wait->deadline_ms);
	vm_object_release(object);
	return woken ? VM_FAULT_RETRY : KERN_ABORTED;
}

bool vm_pager_return_page(struct vm_object *object, struct vm_page *page, bool kernel_copy)
{
	struct pager_outbox_message *message =
	    vm_pager_outbox_new(object, PAGER_OUTBOX_DATA_RETURN);
	void *data = message ? ipc_kernel_ool_alloc(PAGE_SIZE) : NULL;
	if (!data) {
		if (message) {
			ipc_port_release_send(message->destination);
			vm_pager_outbox_discard(message);
		}
		return false;
	}
	memcpy(data, phys_to_virt(vm_page_phys(page)), PAGE_SIZE);
	message->offset = page->offset;
	message->length = PAGE_SIZE;
	message->data = data;
	message->dirty = (page->flags & VM_PAGE_DIRTY) != 0;
	message->kernel_copy = kernel_copy;
	vm_pager_outbox_post(message);
	page->flags &= ~VM_PAGE_DIRTY;
	return true;
}

bool vm_pager_can_take_returns(const struct vm_object *object)
{
	return object->pager && !object->pager_dead && pager_port_alive(object->pager);
}

uint64_t vm_pager_resident_pages(void)
{
	uint64_t pages = 0;
	for (const struct vm_object *object = pager_objects; object; object = object->pager_next)
		pages += object->resident_pages;
	return pages;
}

void vm_pager_object_dying(struct vm_object *object)
{
	for (struct vm_object **link = &pager_objects; *link; link = &(*link)->pager_next) {
		if (*link == object) {
			*link = object->pager_next;
			break;
		}
	}
	/* What only the kernel holds goes back first: written and precious pages. */
	bool alive = vm_pager_can_take_returns(object);
	for (struct vm_page *page = object->pages; alive && page; page = page->object_next) {
		if ((page->flags & VM_PAGE_BUSY) ||
		    !(page->flags & (VM_PAGE_DIRTY | VM_PAGE_PRECIOUS)))
			continue;
		vm_pager_return_page(object, page, false);
	}
	pager_control_port_detach(object->control);
	struct pager_outbox_message *terminate = &object->termination->message;
	memset(terminate, 0, sizeof(*terminate));
	terminate->kind = PAGER_OUTBOX_TERMINATE;
	terminate->destination = object->pager; /* the object's right moves */
	terminate->destination_type = MACH_MSG_TYPE_PORT_SEND;
	terminate->control = object->control;
	terminate->name = object->name;
	vm_pager_outbox_post(terminate);
	object->pager = object->control = object->name = NULL;
	object->termination = NULL;
	vm_pager_note_change();
}

struct vm_object *vm_pager_object_of_control(struct ipc_port *control)
{
	vm_lock_acquire();
	struct vm_object *object = ipc_port_kobject(control, KOBJECT_MEMORY_CONTROL);
	if (object)
		vm_object_reference(object);
	vm_lock_release();
	return object;
}

void vm_pager_object_release(struct vm_object *object)
{
	if (!object)
		return;
	vm_lock_acquire();
	vm_object_release(object);
	vm_lock_release();
	vm_pager_wake_waiters();
}
