/* The test pager's side of memory_object.defs: the routines MIG's server demux
 * calls for each message of the kernel, and the loop that serves a pager's
 * object port. Every message is logged; requests and unlocks go to the pager's
 * policy. */
#include "pager.h"
#include <mach/memory_object_server.h>

/* MIG's demux for memory_object.defs (its server header declares only the
 * routine table). */
boolean_t memory_object_server(mach_msg_header_t *request, mach_msg_header_t *reply);

/* A message from the kernel carries a new send right (or user reference) for the
 * control port; the one from init is kept, the others are given back. */
static void drop_control_reference(mach_port_t control)
{
	if (MACH_PORT_VALID(control))
		(void)mach_port_deallocate(mach_task_self(), control);
}

static struct pager *pager_for(mach_port_t object)
{
	struct pager *pager = pager_of_object(object);
	if (!pager)
		print("# pager: message for unknown object 0x%x\n", object);
	return pager;
}

kern_return_t memory_object_init(mach_port_t memory_object, mach_port_t memory_control,
                                 mach_port_t memory_object_name, vm_size_t page_size)
{
	struct pager *pager = pager_for(memory_object);
	if (!pager)
		return KERN_INVALID_ARGUMENT;
	struct pager_event *event = pager_log(pager, PAGER_EVENT_INIT, 0, 0);
	if (event) {
		event->value = page_size;
		event->control = memory_control;
	}
	pager_log_commit(pager, event);
	if (MACH_PORT_VALID(pager->control) && pager->control != memory_control)
		drop_control_reference(pager->control);
	if (MACH_PORT_VALID(pager->name) && pager->name != memory_object_name)
		(void)mach_port_deallocate(mach_task_self(), pager->name);
	pager->control = memory_control;
	pager->name = memory_object_name;
	__atomic_add_fetch(&pager->inits, 1, __ATOMIC_RELEASE);
	if (pager->answer_init)
		(void)memory_object_ready(memory_control, pager->may_cache, pager->copy_strategy);
	return KERN_SUCCESS;
}

kern_return_t memory_object_terminate(mach_port_t memory_object, mach_port_t memory_control,
                                      mach_port_t memory_object_name)
{
	struct pager *pager = pager_for(memory_object);
	if (!pager)
		return KERN_INVALID_ARGUMENT;
	struct pager_event *event = pager_log(pager, PAGER_EVENT_TERMINATE, 0, 0);
	mach_port_type_t control_type = 0, name_type = 0;
	(void)mach_port_type(mach_task_self(), memory_control, &control_type);
	(void)mach_port_type(mach_task_self(), memory_object_name, &name_type);
	if (event) {
		event->control = memory_control;
		event->rights_received =
		    (control_type & MACH_PORT_TYPE_RECEIVE) && (name_type & MACH_PORT_TYPE_RECEIVE);
	}
	pager_log_commit(pager, event);
	/* The receive rights end the ports; our send rights under the same names go
	 * with them. */
	(void)mach_port_destroy(mach_task_self(), memory_control);
	(void)mach_port_destroy(mach_task_self(), memory_object_name);
	if (pager->control == memory_control)
		pager->control = MACH_PORT_NULL;
	if (pager->name == memory_object_name)
		pager->name = MACH_PORT_NULL;
	__atomic_add_fetch(&pager->terminates, 1, __ATOMIC_RELEASE);
	return KERN_SUCCESS;
}

kern_return_t memory_object_copy(mach_port_t old_memory_object, mach_port_t old_memory_control,
                                 vm_offset_t offset, vm_size_t length,
                                 mach_port_t new_memory_object)
{
	struct pager *pager = pager_for(old_memory_object);
	if (pager)
		pager_log_commit(pager, pager_log(pager, PAGER_EVENT_COPY, offset, length));
	drop_control_reference(old_memory_control);
	(void)mach_port_destroy(mach_task_self(), new_memory_object);
	return KERN_SUCCESS;
}

static void count_request_pages(struct pager *pager, uint64_t offset, uint64_t length)
{
	for (uint64_t page = offset / PAGER_PAGE_SIZE;
	     page < (offset + length + PAGER_PAGE_SIZE - 1) / PAGER_PAGE_SIZE &&
	     page < pager->size / PAGER_PAGE_SIZE;
	     page++)
		if (pager->page_requests[page] != 0xff)
			pager->page_requests[page]++;
}

kern_return_t memory_object_data_request(mach_port_t memory_object, mach_port_t memory_control,
                                         vm_offset_t offset, vm_size_t length,
                                         vm_prot_t desired_access)
{
	struct pager *pager = pager_for(memory_object);
	if (!pager) {
		drop_control_reference(memory_control);
		return KERN_SUCCESS;
	}
	struct pager_event *event = pager_log(pager, PAGER_EVENT_REQUEST, offset, length);
	if (event) {
		event->access = desired_access;
		event->control = memory_control;
	}
	pager_log_commit(pager, event);
	count_request_pages(pager, offset, length);
	pager->requested_bytes += length;
	__atomic_add_fetch(&pager->requests, 1, __ATOMIC_RELEASE);
	if (pager->answer_request)
		pager->answer_request(pager, offset, length, desired_access);
	drop_control_reference(memory_control);
	return KERN_SUCCESS;
}

kern_return_t memory_object_data_unlock(mach_port_t memory_object, mach_port_t memory_control,
                                        vm_offset_t offset, vm_size_t length,
                                        vm_prot_t desired_access)
{
	struct pager *pager = pager_for(memory_object);
	if (!pager) {
		drop_control_reference(memory_control);
		return KERN_SUCCESS;
	}
	struct pager_event *event = pager_log(pager, PAGER_EVENT_UNLOCK, offset, length);
	if (event)
		event->access = desired_access;
	pager_log_commit(pager, event);
	__atomic_add_fetch(&pager->unlocks, 1, __ATOMIC_RELEASE);
	if (pager->answer_unlock)
		pager->answer_unlock(pager, offset, length, desired_access);
	drop_control_reference(memory_control);
	return KERN_SUCCESS;
}

kern_return_t memory_object_lock_completed(mach_port_t memory_object, mach_port_t memory_control,
                                           vm_offset_t offset, vm_size_t length)
{
	struct pager *pager = pager_for(memory_object);
	if (pager) {
		pager_log_commit(pager,
		                 pager_log(pager, PAGER_EVENT_LOCK_COMPLETED, offset, length));
		__atomic_add_fetch(&pager->lock_completions, 1, __ATOMIC_RELEASE);
	}
	drop_control_reference(memory_control);
	return KERN_SUCCESS;
}

kern_return_t memory_object_supply_completed(mach_port_t memory_object, mach_port_t memory_control,
                                             vm_offset_t offset, vm_size_t length,
                                             kern_return_t result, vm_offset_t error_offset)
{
	struct pager *pager = pager_for(memory_object);
	if (pager) {
		struct pager_event *event =
		    pager_log(pager, PAGER_EVENT_SUPPLY_COMPLETED, offset, length);
		if (event)
			event->value = ((uint64_t)(uint32_t)result << 32) ^ error_offset;
		pager_log_commit(pager, event);
	}
	drop_control_reference(memory_control);
	return KERN_SUCCESS;
}

/* Keeps returned data in the store (whole pages inside the object only). */
static void store_returned(struct pager *pager, uint64_t offset, const uint8_t *data, uint64_t size)
{
	if (!pager->store || offset % PAGER_PAGE_SIZE)
		return;
	for (uint64_t done = 0; done + PAGER_PAGE_SIZE <= size; done += PAGER_PAGE_SIZE) {
		uint64_t at = offset + done;
		if (at + PAGER_PAGE_SIZE > pager->size)
			break;
		memcpy(pager->store + at, data + done, PAGER_PAGE_SIZE);
		pager->store_valid[at / PAGER_PAGE_SIZE] = 1;
	}
}

kern_return_t memory_object_data_return(mach_port_t memory_object, mach_port_t memory_control,
                                        vm_offset_t offset, vm_offset_t data,
                                        mach_msg_type_number_t data_count, boolean_t dirty,
                                        boolean_t kernel_copy)
{
	struct pager *pager = pager_for(memory_object);
	if (pager) {
		struct pager_event *event =
		    pager_log(pager, PAGER_EVENT_RETURN, offset, data_count);
		if (event) {
			event->dirty = dirty;
			event->kernel_copy = kernel_copy;
			event->value = data_count >= 8 ? *(const uint64_t *)data : 0;
		}
		pager_log_commit(pager, event);
		store_returned(pager, offset, (const uint8_t *)data, data_count);
		pager->returned_bytes += data_count;
		if (dirty)
			__atomic_add_fetch(&pager->dirty_returns, 1, __ATOMIC_RELEASE);
		__atomic_add_fetch(&pager->returns, 1, __ATOMIC_RELEASE);
	}
	if (data_count)
		(void)vm_deallocate(mach_task_self(), data, data_count);
	drop_control_reference(memory_control);
	return KERN_SUCCESS;
}

kern_return_t memory_object_change_completed(mach_port_t memory_object, boolean_t may_cache,
                                             memory_object_copy_strategy_t copy_strategy)
{
	struct pager *pager = pager_for(memory_object);
	if (pager) {
		struct pager_event *event = pager_log(pager, PAGER_EVENT_CHANGE_COMPLETED, 0, 0);
		if (event)
			event->value = ((uint64_t)(may_cache != 0) << 32) | (uint32_t)copy_strategy;
		pager_log_commit(pager, event);
	}
	return KERN_SUCCESS;
}

/* Large enough for every message of memory_object.defs (out-of-line data). */
#define PAGER_MESSAGE_MAX 1024

void pager_serve(uint64_t pager_address)
{
	struct pager *pager = (struct pager *)pager_address;
	union {
		mach_msg_header_t header;
		mig_reply_header_t mig;
		uint8_t bytes[PAGER_MESSAGE_MAX];
	} request, reply;
	while (!__atomic_load_n(&pager->stop, __ATOMIC_ACQUIRE)) {
		mach_msg_return_t received =
		    mach_msg(&request.header, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0, sizeof(request),
		             pager->object, 20, MACH_PORT_NULL);
		if (received == MACH_RCV_TIMED_OUT || received == MACH_RCV_TOO_LARGE)
			continue;
		if (received != MACH_MSG_SUCCESS) {
			print("# pager: receive failed 0x%x\n", received);
			break;
		}
		if (!memory_object_server(&request.header, &reply.header)) {
			__atomic_add_fetch(&pager->unexpected, 1, __ATOMIC_RELEASE);
			print("# pager: unexpected message id %d\n", request.header.msgh_id);
			mach_msg_destroy(&request.header);
			continue;
		}
		kern_return_t result = reply.mig.RetCode;
		if (result != KERN_SUCCESS && result != MIG_NO_REPLY) {
			__atomic_add_fetch(&pager->unexpected, 1, __ATOMIC_RELEASE);
			request.header.msgh_remote_port = MACH_PORT_NULL;
			mach_msg_destroy(&request.header);
		}
		/* Every routine of memory_object.defs is a simpleroutine: a reply only
		 * goes out if the kernel asked for one. */
		if (MACH_PORT_VALID(reply.header.msgh_remote_port))
			(void)mach_msg(&reply.header, MACH_SEND_MSG | MACH_SEND_TIMEOUT,
			               reply.header.msgh_size, 0, MACH_PORT_NULL, 0,
			               MACH_PORT_NULL);
	}
	__atomic_store_n(&pager->running, false, __ATOMIC_RELEASE);
}
