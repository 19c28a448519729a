/* Conformance: out-of-line memory below and above the kernel's virtual-copy
 * threshold (32 KiB): copy-on-write both ways, moves, refusals and leaks. */
#include "ipc_conformance.h"

#define PAGE       4096u
#define SMALL_SIZE (3 * PAGE)  /* copied through a kernel buffer */
#define LARGE_SIZE (64 * PAGE) /* a virtual copy of the sender's pages */
#define BOGUS_NAME 0x7ffff0u

#pragma pack(push, 4)
struct ool_and_port_message {
	mach_msg_header_t header;
	mach_msg_type_long_t data_type;
	vm_address_t address;
	mach_msg_type_t port_type;
	mach_port_t port;
};
#pragma pack(pop)

static mach_msg_type_long_t ool_type(vm_size_t size, boolean_t deallocate)
{
	mach_msg_type_long_t type = {
	    .msgtl_header = {.msgt_inline = FALSE,
	                     .msgt_longform = TRUE,
	                     .msgt_deallocate = deallocate},
	    .msgtl_name = MACH_MSG_TYPE_BYTE,
	    .msgtl_size = 8,
	    .msgtl_number = (mach_msg_type_number_t)size,
	};
	return type;
}

static mach_msg_return_t send_region(mach_port_t port, vm_address_t data, vm_size_t size,
                                     boolean_t deallocate)
{
	struct ipc_ool_message message = {
	    .header.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_MAKE_SEND, 0) | MACH_MSGH_BITS_COMPLEX,
	    .header.msgh_size = sizeof(message),
	    .header.msgh_remote_port = port,
	    .header.msgh_id = 410,
	    .data_type = ool_type(size, deallocate),
	    .address = data,
	};
	return mach_msg(&message.header, MACH_SEND_MSG, sizeof(message), 0, MACH_PORT_NULL, 0,
	                MACH_PORT_NULL);
}

static uint8_t pattern(vm_size_t offset, uint8_t seed)
{
	return (uint8_t)(offset * 13 + seed + offset / PAGE);
}

static void fill(vm_address_t data, vm_size_t size, uint8_t seed)
{
	for (vm_size_t i = 0; i < size; i++)
		((uint8_t *)data)[i] = pattern(i, seed);
}

static bool matches(vm_address_t data, vm_size_t size, uint8_t seed)
{
	for (vm_size_t i = 0; i < size; i++) {
		if (((volatile uint8_t *)data)[i] != pattern(i, seed))
			return false;
	}
	return true;
}

static bool range_free(vm_address_t address, vm_size_t size)
{
	vm_address_t probe = address;
	if (vm_allocate(mach_task_self(), &probe, size, FALSE) != KERN_SUCCESS)
		return false;
	(void)vm_deallocate(mach_task_self(), probe, size);
	return true;
}

/* Receives one OOL message on port: its region's address, or 0. */
static vm_address_t receive_region(mach_port_t port, vm_size_t size)
{
	if (ipc_receive(port, MACH_RCV_TIMEOUT, 1000) != MACH_MSG_SUCCESS ||
	    ipc_received.ool.data_type.msgtl_header.msgt_inline ||
	    ipc_received.ool.data_type.msgtl_number != size)
		return 0;
	return ipc_received.ool.address;
}

/* Sender and receiver each see their own copy: writes on one side stay there. */
static void copy_on_write_both_ways(mach_port_t port, vm_size_t size, const char *label)
{
	mach_port_t self = mach_task_self();
	vm_address_t data = 0;
	if (!check(vm_allocate(self, &data, size, TRUE) == KERN_SUCCESS, "%s: vm_allocate", label))
		return;
	fill(data, size, 3);
	check(send_region(port, data, size, FALSE) == MACH_MSG_SUCCESS, "%s: sent to itself",
	      label);
	vm_address_t got = receive_region(port, size);
	check(got != 0 && got != data && matches(got, size, 3),
	      "%s: the receiver sees the sender's data at a new address", label);
	if (got) {
		((uint8_t *)data)[0] = 0xa1;
		((uint8_t *)data)[size - 1] = 0xa2;
		check(((uint8_t *)got)[0] == pattern(0, 3) &&
		          ((uint8_t *)got)[size - 1] == pattern(size - 1, 3),
		      "%s: the sender's writes after the send do not reach the receiver", label);
		((uint8_t *)got)[PAGE] = 0xb1;
		((uint8_t *)got)[size / 2] = 0xb2;
		check(((uint8_t *)data)[PAGE] == pattern(PAGE, 3) &&
		          ((uint8_t *)data)[size / 2] == pattern(size / 2, 3) &&
		          ((uint8_t *)data)[0] == 0xa1,
		      "%s: the receiver's writes do not reach the sender", label);
		check(vm_deallocate(self, got, size) == KERN_SUCCESS &&
		          ((uint8_t *)data)[PAGE] == pattern(PAGE, 3),
		      "%s: the receiver releasing its copy leaves the sender's memory", label);
	}
	/* Sent from the middle of a page: the data keeps its offset in the page. */
	check(send_region(port, data + 100, size - 200, FALSE) == MACH_MSG_SUCCESS,
	      "%s: a range not starting on a page is sent", label);
	got = receive_region(port, size - 200);
	check(got != 0 && ((uint8_t *)got)[0] == pattern(100, 3) &&
	          ((uint8_t *)got)[size - 201] == pattern(size - 101, 3),
	      "%s: and arrives from its first byte", label);
	if (got)
		(void)vm_deallocate(self, got & ~(vm_address_t)(PAGE - 1), size);

	fill(data, size, 5);
	check(send_region(port, data, size, TRUE) == MACH_MSG_SUCCESS && range_free(data, size),
	      "%s: the deallocate flag removes the sender's range", label);
	got = receive_region(port, size);
	check(got != 0 && matches(got, size, 5), "%s: the moved range arrives intact", label);
	if (got) {
		((uint8_t *)got)[0] = 0xc1;
		check(((uint8_t *)got)[0] == 0xc1, "%s: and is writable by the receiver", label);
		(void)vm_deallocate(self, got, size);
	}
}

/* A range with a hole, or with a page that cannot be read, is refused whole. */
static void refusals(mach_port_t port, vm_size_t size, const char *label)
{
	mach_port_t self = mach_task_self();
	vm_address_t data = 0;
	if (!check(vm_allocate(self, &data, size, TRUE) == KERN_SUCCESS, "%s: vm_allocate", label))
		return;
	fill(data, size, 7);
	/* Page 1 a hole, the last page unreadable. */
	bool prepared =
	    vm_deallocate(self, data + PAGE, PAGE) == KERN_SUCCESS &&
	    vm_protect(self, data + size - PAGE, PAGE, FALSE, VM_PROT_NONE) == KERN_SUCCESS;
	struct ipc_kernel_counts before, after;
	bool counted = ipc_snapshot_kernel_counts(&before) == KERN_SUCCESS;
	check(prepared && send_region(port, data, size, FALSE) == MACH_SEND_INVALID_MEMORY,
	      "%s: a range with a hole is MACH_SEND_INVALID_MEMORY", label);
	check(send_region(port, data, size, TRUE) == MACH_SEND_INVALID_MEMORY &&
	          ((uint8_t *)data)[0] == pattern(0, 7),
	      "%s: with the deallocate flag too, and the sender keeps its memory", label);
	check(send_region(port, data + 2 * PAGE, size - 2 * PAGE, FALSE) ==
	          MACH_SEND_INVALID_MEMORY,
	      "%s: a range with an unreadable page is MACH_SEND_INVALID_MEMORY", label);
	check(ipc_receive(port, MACH_RCV_TIMEOUT, 0) == MACH_RCV_TIMED_OUT,
	      "%s: nothing refused was queued", label);
	check(counted && ipc_snapshot_kernel_counts(&after) == KERN_SUCCESS &&
	          ipc_kernel_counts_equal(&before, &after),
	      "%s: the refusals left no kernel object behind", label);
	(void)vm_deallocate(self, data, size);
}

/* A message that is never received takes its out-of-line memory with it. */
static void unreceived(vm_size_t size, const char *label)
{
	mach_port_t self = mach_task_self();
	vm_address_t data = 0;
	if (!check(vm_allocate(self, &data, size, TRUE) == KERN_SUCCESS, "%s: vm_allocate", label))
		return;
	fill(data, size, 9);
	/* A first send clips the sender's map around the range once and for all. */
	mach_port_t port = ipc_new_receive();
	check(send_region(port, data, size, FALSE) == MACH_MSG_SUCCESS &&
	          ipc_receive(port, MACH_RCV_TIMEOUT, 1000) == MACH_MSG_SUCCESS,
	      "%s: a first message goes through", label);
	mach_msg_destroy(&ipc_received.header);
	(void)mach_port_destroy(self, port);

	struct ipc_kernel_counts before, after;
	bool counted = ipc_snapshot_kernel_counts(&before) == KERN_SUCCESS;
	port = ipc_new_receive();
	check(send_region(port, data, size, FALSE) == MACH_MSG_SUCCESS &&
	          send_region(port, data, size, FALSE) == MACH_MSG_SUCCESS,
	      "%s: two messages are queued", label);
	check(mach_port_destroy(self, port) == KERN_SUCCESS, "%s: their port is destroyed", label);

	struct ool_and_port_message bad = {
	    .header.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_MAKE_SEND, 0) | MACH_MSGH_BITS_COMPLEX,
	    .header.msgh_size = sizeof(bad),
	    .header.msgh_id = 411,
	    .data_type = ool_type(size, FALSE),
	    .address = data,
	    .port_type = {.msgt_name = MACH_MSG_TYPE_COPY_SEND,
	                  .msgt_size = 32,
	                  .msgt_number = 1,
	                  .msgt_inline = TRUE},
	    .port = BOGUS_NAME,
	};
	port = ipc_new_receive();
	bad.header.msgh_remote_port = port;
	check(mach_msg(&bad.header, MACH_SEND_MSG, sizeof(bad), 0, MACH_PORT_NULL, 0,
	               MACH_PORT_NULL) == MACH_SEND_INVALID_RIGHT,
	      "%s: a message whose port item fails after its memory is MACH_SEND_INVALID_RIGHT",
	      label);
	check(ipc_receive(port, MACH_RCV_TIMEOUT, 0) == MACH_RCV_TIMED_OUT,
	      "%s: and was not queued", label);
	(void)mach_port_destroy(self, port);
	check(counted && ipc_snapshot_kernel_counts(&after) == KERN_SUCCESS &&
	          ipc_kernel_counts_equal(&before, &after),
	      "%s: the destroyed and refused messages left no kernel object behind", label);
	check(matches(data, size, 9), "%s: the sender's memory is as it was", label);
	(void)vm_deallocate(self, data, size);
}

/* vm_read hands back the same kind of copy. */
static void vm_read_copies(vm_size_t size, const char *label)
{
	mach_port_t self = mach_task_self();
	vm_address_t data = 0;
	if (!check(vm_allocate(self, &data, size, TRUE) == KERN_SUCCESS, "%s: vm_allocate", label))
		return;
	fill(data, size, 11);
	vm_offset_t copy = 0;
	mach_msg_type_number_t count = 0;
	check(vm_read(self, data, size, &copy, &count) == KERN_SUCCESS && count == size &&
	          matches(copy, size, 11),
	      "%s: vm_read gives the memory's contents", label);
	if (copy) {
		((uint8_t *)data)[0] = 0xd1;
		((uint8_t *)copy)[size - 1] = 0xd2;
		check(((uint8_t *)copy)[0] == pattern(0, 11) &&
		          ((uint8_t *)data)[size - 1] == pattern(size - 1, 11),
		      "%s: and neither side sees the other's later writes", label);
		(void)vm_deallocate(self, copy, size);
	}
	check(vm_write(self, data, data, (mach_msg_type_number_t)size) == KERN_SUCCESS &&
	          ((uint8_t *)data)[0] == 0xd1,
	      "%s: vm_write (a kernel receiver) takes the data too", label);
	(void)vm_deallocate(self, data, size);
}

void conformance_out_of_line_virtual(void)
{
	mach_port_t port = ipc_new_receive();
	copy_on_write_both_ways(port, SMALL_SIZE, "ool 12 KiB");
	copy_on_write_both_ways(port, LARGE_SIZE, "ool 256 KiB");
	refusals(port, SMALL_SIZE, "ool 12 KiB");
	refusals(port, LARGE_SIZE, "ool 256 KiB");
	(void)mach_port_destroy(mach_task_self(), port);
	unreceived(SMALL_SIZE, "ool 12 KiB");
	unreceived(LARGE_SIZE, "ool 256 KiB");
	vm_read_copies(SMALL_SIZE, "vm_read 12 KiB");
	vm_read_copies(LARGE_SIZE, "vm_read 256 KiB");
}
