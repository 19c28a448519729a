/* Kernel-format messages: allocation (accounted), queues, and destruction of
 * a message with every right, out-of-line buffer and virtual copy it carries. */
#include "ipc/ipc_internal.h"
#include "lib/kstring.h"

struct ipc_kmsg *ipc_kmsg_alloc(size_t kernel_size)
{
	if (kernel_size < sizeof(struct ipc_kernel_header))
		return NULL;
	size_t buffer_size =
	    sizeof(struct ipc_kmsg) - sizeof(struct ipc_kernel_header) + kernel_size;
	struct ipc_kmsg *kmsg = ipc_memory_alloc(buffer_size);
	if (!kmsg)
		return NULL;
	memset(kmsg, 0, sizeof(*kmsg));
	kmsg->buffer_size = buffer_size;
	__atomic_add_fetch(&ipc_stats.kmsgs, 1, __ATOMIC_RELAXED);
	return kmsg;
}

void ipc_kmsg_free(struct ipc_kmsg *kmsg)
{
	if (!kmsg || kmsg->buffer_size == 0)
		return; /* a thread's fast-path buffer */
	__atomic_sub_fetch(&ipc_stats.kmsgs, 1, __ATOMIC_RELAXED);
	ipc_memory_free(kmsg, kmsg->buffer_size);
}

void ipc_kmsg_enqueue(struct ipc_kmsg_queue *queue, struct ipc_kmsg *kmsg)
{
	kmsg->next = NULL;
	if (queue->last)
		queue->last->next = kmsg;
	else
		queue->first = kmsg;
	queue->last = kmsg;
	queue->count++;
}

struct ipc_kmsg *ipc_kmsg_dequeue(struct ipc_kmsg_queue *queue)
{
	struct ipc_kmsg *kmsg = queue->first;
	if (!kmsg)
		return NULL;
	queue->first = kmsg->next;
	if (!queue->first)
		queue->last = NULL;
	queue->count--;
	kmsg->next = NULL;
	return kmsg;
}

/* Releases the rights and buffers of a kernel-format message's body. */
static void clean_body(struct ipc_kmsg *kmsg, struct ipc_deferred *deferred)
{
	struct ipc_body_walk walk = ipc_body_walk_begin(kmsg);
	while (ipc_body_walk_next(&walk)) {
		const struct ipc_item *item = &walk.item;
		mach_msg_type_name_t type = item->is_port ? ipc_disposition_result(item->name) : 0;
		if (item->is_inline) {
			for (mach_msg_type_number_t i = 0; item->is_port && i < item->number; i++) {
				struct ipc_port *port;
				memcpy(&port, walk.data + i * sizeof(port), sizeof(port));
				ipc_right_release(port, type, deferred);
			}
		} else {
			void *buffer;
			memcpy(&buffer, walk.data, sizeof(buffer));
			if (buffer && item->is_port) {
				struct ipc_port **ports = buffer;
				for (mach_msg_type_number_t i = 0; i < item->number; i++)
					ipc_right_release(ports[i], type, deferred);
			}
			if (buffer)
				ipc_ool_release(buffer, item->ool_size, deferred);
		}
	}
}

void ipc_ool_release(void *slot, size_t size, struct ipc_deferred *deferred)
{
	if (!slot)
		return;
	if (!ipc_ool_is_copy(slot))
		ipc_kernel_ool_free(slot, size);
	else if (deferred)
		ipc_host_vm_copy_defer(&deferred->vm_copies, ipc_ool_copy(slot));
	else
		ipc_host_vm_copy_discard(ipc_ool_copy(slot));
}

bool ipc_kmsg_copies_to_buffers(struct ipc_kmsg *kmsg)
{
	bool complete = true;
	struct ipc_body_walk walk = ipc_body_walk_begin(kmsg);
	while (ipc_body_walk_next(&walk)) {
		if (walk.item.is_inline || walk.item.is_port)
			continue;
		void *slot;
		memcpy(&slot, walk.data, sizeof(slot));
		if (!slot || !ipc_ool_is_copy(slot))
			continue;
		struct ipc_vm_copy *copy = ipc_ool_copy(slot);
		void *buffer = ipc_kernel_ool_alloc(walk.item.ool_size);
		if (buffer)
			ipc_host_vm_copy_read(copy, buffer, walk.item.ool_size);
		else
			complete = false;
		ipc_host_vm_copy_discard(copy);
		memcpy(walk.data, &buffer, sizeof(buffer));
	}
	return complete;
}

void ipc_kmsg_clean(struct ipc_kmsg *kmsg, struct ipc_deferred *deferred)
{
	mach_msg_bits_t bits = kmsg->header.bits;
	ipc_right_release(kmsg->header.remote, MACH_MSGH_BITS_REMOTE(bits), deferred);
	if (MACH_MSGH_BITS_LOCAL(bits) != MACH_MSG_TYPE_PROTECTED_PAYLOAD)
		ipc_right_release(kmsg->header.local, MACH_MSGH_BITS_LOCAL(bits), deferred);
	clean_body(kmsg, deferred);
	ipc_kmsg_free(kmsg);
}
