/* The test pager's life and data: making the memory object and its thread,
 * the pattern it serves, mapping it, supplying data to the kernel, the standard
 * policies, and finding a pager by its object's name. */
#include "pager.h"
#include "pager_probe.h"

static struct pager *registered[PAGER_MAX_PAGERS];

void pager_register(struct pager *pager)
{
	for (unsigned i = 0; i < PAGER_MAX_PAGERS; i++) {
		struct pager *expected = NULL;
		if (__atomic_compare_exchange_n(&registered[i], &expected, pager, false,
		                                __ATOMIC_ACQ_REL, __ATOMIC_RELAXED))
			return;
	}
	check(false, "helper: at most %u pagers at a time", PAGER_MAX_PAGERS);
}

void pager_unregister(struct pager *pager)
{
	for (unsigned i = 0; i < PAGER_MAX_PAGERS; i++)
		if (__atomic_load_n(&registered[i], __ATOMIC_ACQUIRE) == pager)
			__atomic_store_n(&registered[i], NULL, __ATOMIC_RELEASE);
}

struct pager *pager_of_object(mach_port_t object)
{
	for (unsigned i = 0; i < PAGER_MAX_PAGERS; i++) {
		struct pager *pager = __atomic_load_n(&registered[i], __ATOMIC_ACQUIRE);
		if (pager && pager->object == object)
			return pager;
	}
	return NULL;
}

uint64_t pager_pattern(uint64_t seed, uint64_t offset)
{
	return offset ^ (seed << 48);
}

uint64_t pager_word(const struct pager *pager, uint64_t offset)
{
	if (pager->store && offset < pager->size && pager->store_valid[offset / PAGER_PAGE_SIZE])
		return *(const uint64_t *)(pager->store + offset);
	return pager_pattern(pager->seed, offset);
}

static void *allocate(uint64_t size)
{
	vm_address_t address = 0;
	if (vm_allocate(mach_task_self(), &address, size, TRUE) != KERN_SUCCESS)
		return NULL;
	return (void *)address;
}

static void release(void *memory, uint64_t size)
{
	if (memory)
		(void)vm_deallocate(mach_task_self(), (vm_address_t)memory, size);
}

static uint64_t page_count(const struct pager *pager)
{
	return pager->size / PAGER_PAGE_SIZE;
}

bool pager_open(struct pager *pager, uint64_t size, uint64_t seed, bool with_store)
{
	*pager = (struct pager){
	    .size = size,
	    .seed = seed,
	    .answer_request = pager_answer_supply,
	    .answer_unlock = pager_answer_unlock,
	    .supply_lock = VM_PROT_NONE,
	    .answer_init = true,
	    .may_cache = FALSE,
	    .copy_strategy = MEMORY_OBJECT_COPY_DELAY,
	};
	pager->events = allocate(PAGER_LOG_CAPACITY * sizeof(struct pager_event));
	pager->page_requests = allocate(page_count(pager));
	if (with_store) {
		pager->store = allocate(size);
		pager->store_valid = allocate(page_count(pager));
	}
	kern_return_t result = KERN_SUCCESS;
	if (!pager->events || !pager->page_requests ||
	    (with_store && (!pager->store || !pager->store_valid)))
		result = KERN_RESOURCE_SHORTAGE;
	if (result == KERN_SUCCESS)
		result =
		    mach_port_allocate(mach_task_self(), MACH_PORT_RIGHT_RECEIVE, &pager->object);
	if (result == KERN_SUCCESS)
		result = mach_port_insert_right(mach_task_self(), pager->object, pager->object,
		                                MACH_MSG_TYPE_MAKE_SEND);
	if (result == KERN_SUCCESS) {
		pager_register(pager);
		pager->running = true;
		result = rt_thread_start(pager_serve, (uint64_t)pager);
		if (result != KERN_SUCCESS) {
			pager->running = false;
			pager_unregister(pager);
		}
	}
	if (result != KERN_SUCCESS) {
		check(false, "helper: a pager for %lu KiB starts (0x%x)",
		      (unsigned long)(size / 1024), result);
		pager_close(pager);
		return false;
	}
	return true;
}

void pager_close(struct pager *pager)
{
	if (pager->running) {
		(void)pager_wait_until(pager->terminates >= pager->inits, 3000);
		__atomic_store_n(&pager->stop, true, __ATOMIC_RELEASE);
		if (!pager_wait_until(!pager->running, 3000))
			check(false, "helper: the pager thread stops");
	}
	pager_unregister(pager);
	mach_port_t self = mach_task_self();
	if (MACH_PORT_VALID(pager->object))
		(void)mach_port_destroy(self, pager->object);
	if (MACH_PORT_VALID(pager->control))
		(void)mach_port_destroy(self, pager->control);
	if (MACH_PORT_VALID(pager->name))
		(void)mach_port_destroy(self, pager->name);
	release(pager->events, PAGER_LOG_CAPACITY * sizeof(struct pager_event));
	release(pager->page_requests, page_count(pager));
	release(pager->store, pager->size);
	release(pager->store_valid, page_count(pager));
	*pager = (struct pager){0};
}

kern_return_t pager_map(struct pager *pager, uint64_t size, uint64_t offset, boolean_t copy,
                        vm_address_t *address)
{
	*address = 0;
	return vm_map(mach_task_self(), address, size, 0, TRUE, pager->object, offset, copy,
	              VM_PROT_READ | VM_PROT_WRITE, VM_PROT_ALL, VM_INHERIT_NONE);
}

kern_return_t pager_supply_raw(struct pager *pager, uint64_t offset, const void *bytes,
                               uint64_t size, vm_prot_t lock_value, boolean_t precious)
{
	/* Sent without deallocation, so that a kernel rounding the range its own
	 * way cannot leave part of the buffer behind: released here afterwards. */
	uint64_t rounded = (size + PAGER_PAGE_SIZE - 1) & ~(PAGER_PAGE_SIZE - 1);
	uint8_t *buffer = NULL;
	if (size) {
		buffer = allocate(rounded);
		if (!buffer)
			return KERN_RESOURCE_SHORTAGE;
		memcpy(buffer, bytes, size);
	}
	kern_return_t result = memory_object_data_supply(
	    pager->control, offset, (vm_offset_t)buffer, (mach_msg_type_number_t)size, FALSE,
	    lock_value, precious, MACH_PORT_NULL);
	release(buffer, rounded);
	return result;
}

kern_return_t pager_supply(struct pager *pager, uint64_t offset, uint64_t length)
{
	uint64_t inside = 0;
	if (offset < pager->size)
		inside = length < pager->size - offset ? length : pager->size - offset;
	kern_return_t result = KERN_SUCCESS;
	if (inside) {
		uint64_t *buffer = allocate(inside);
		if (!buffer)
			return KERN_RESOURCE_SHORTAGE;
		for (uint64_t at = 0; at < inside; at += 8)
			buffer[at / 8] = pager_word(pager, offset + at);
		result = memory_object_data_supply(
		    pager->control, offset, (vm_offset_t)buffer, (mach_msg_type_number_t)inside,
		    TRUE, pager->supply_lock, pager->supply_precious, MACH_PORT_NULL);
		if (result != KERN_SUCCESS)
			release(buffer, inside);
		else
			pager->supplied_bytes += inside;
	}
	if (inside < length)
		(void)memory_object_data_unavailable(pager->control, offset + inside,
		                                     length - inside);
	return result;
}

void pager_answer_supply(struct pager *pager, uint64_t offset, uint64_t length, vm_prot_t access)
{
	(void)access;
	kern_return_t result = pager_supply(pager, offset, length);
	if (result != KERN_SUCCESS)
		print("# pager: data_supply at 0x%lx failed 0x%x\n", (unsigned long)offset, result);
}

void pager_answer_first_page(struct pager *pager, uint64_t offset, uint64_t length,
                             vm_prot_t access)
{
	(void)access;
	(void)pager_supply(pager, offset, length < PAGER_PAGE_SIZE ? length : PAGER_PAGE_SIZE);
}

void pager_answer_unavailable(struct pager *pager, uint64_t offset, uint64_t length,
                              vm_prot_t access)
{
	(void)access;
	(void)memory_object_data_unavailable(pager->control, offset, length);
}

void pager_answer_silent(struct pager *pager, uint64_t offset, uint64_t length, vm_prot_t access)
{
	(void)pager;
	(void)offset;
	(void)length;
	(void)access;
}

void pager_answer_unlock(struct pager *pager, uint64_t offset, uint64_t length, vm_prot_t access)
{
	(void)access;
	(void)memory_object_lock_request(pager->control, offset, length, MEMORY_OBJECT_RETURN_NONE,
	                                 FALSE, VM_PROT_NONE, MACH_PORT_NULL);
}
