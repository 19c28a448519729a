/* The boot-module test's physical-memory checks: the "mem" device maps device
 * memory (the VGA text buffer, the local APIC) through device_map and vm_map;
 * RAM, bad ranges, copies and the wrong ports are refused. */
#include "modules_bootstrap.h"
#include "ipc_common.h"
#include <device/device.h>

#define PAGE                  4096u
#define VGA_TEXT              0xb8000ull    /* legacy VGA text buffer: device memory, never RAM */
#define LOCAL_APIC            0xfee00000ull /* the local APIC's registers */
#define APIC_VERSION_REGISTER 0x30

/* vm_map of size bytes of pager anywhere in this task, without copy. */
static kern_return_t map_pager(mach_port_t pager, vm_offset_t offset, vm_size_t size,
                               vm_prot_t protection, boolean_t copy, vm_address_t *address)
{
	*address = 0;
	return vm_map(mach_task_self(), address, size, 0, TRUE, pager, offset, copy, protection,
	              protection, VM_INHERIT_NONE);
}

#pragma pack(push, 4)
struct ool_message {
	mach_msg_header_t header;
	mach_msg_type_long_t data_type;
	vm_address_t address;
};
#pragma pack(pop)

/* The kernel never copies device memory: such a send fails, without harm. */
static void check_no_kernel_copies(vm_address_t device_page)
{
	mach_port_t port = ipc_new_receive();
	struct ool_message message = {
	    .header.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_MAKE_SEND, 0) | MACH_MSGH_BITS_COMPLEX,
	    .header.msgh_size = sizeof(message),
	    .header.msgh_remote_port = port,
	    .data_type = {.msgtl_header = {.msgt_inline = FALSE, .msgt_longform = TRUE},
	                  .msgtl_name = MACH_MSG_TYPE_BYTE,
	                  .msgtl_size = 8,
	                  .msgtl_number = 64},
	    .address = device_page,
	};
	kern_return_t result = mach_msg(&message.header, MACH_SEND_MSG, sizeof(message), 0,
	                                MACH_PORT_NULL, 0, MACH_PORT_NULL);
	check(result == MACH_SEND_INVALID_MEMORY,
	      "out-of-line data in device memory is MACH_SEND_INVALID_MEMORY (0x%x)", result);
	(void)mach_port_destroy(mach_task_self(), port);
	vm_offset_t data = 0;
	mach_msg_type_number_t count = 0;
	result = vm_read(mach_task_self(), device_page, 64, &data, &count);
	check(result != KERN_SUCCESS, "vm_read of device memory is refused (%d)", result);
	if (result == KERN_SUCCESS)
		(void)vm_deallocate(mach_task_self(), data, count);
}

static void check_vga_text(mach_port_t memory)
{
	mach_port_t pager = MACH_PORT_NULL, again = MACH_PORT_NULL;
	kern_return_t result =
	    device_map(memory, VM_PROT_READ | VM_PROT_WRITE, VGA_TEXT, PAGE, &pager, 0);
	check(result == KERN_SUCCESS && MACH_PORT_VALID(pager),
	      "device_map of the VGA text page gives a memory object (%d)", result);
	result = device_map(memory, VM_PROT_READ | VM_PROT_WRITE, VGA_TEXT, PAGE, &again, 0);
	check(result == KERN_SUCCESS, "a second device_map of it gives another (%d)", result);
	vm_address_t first = 0, second = 0;
	result = map_pager(pager, 0, PAGE, VM_PROT_READ | VM_PROT_WRITE, FALSE, &first);
	check(result == KERN_SUCCESS && first != 0, "vm_map maps it (%d)", result);
	result = map_pager(again, 0, PAGE, VM_PROT_READ | VM_PROT_WRITE, FALSE, &second);
	check(result == KERN_SUCCESS && second != 0 && second != first,
	      "vm_map maps the other at another address (%d)", result);
	if (first && second) {
		volatile uint16_t *one = (volatile uint16_t *)first;
		volatile uint16_t *other = (volatile uint16_t *)(second);
		bool same = true;
		for (unsigned i = 0; i < 80; i++)
			one[i] = (uint16_t)(0x0700 | ('A' + i % 26));
		for (unsigned i = 0; i < 80; i++)
			same = same && other[i] == (uint16_t)(0x0700 | ('A' + i % 26));
		check(same, "what one mapping writes the other reads: both are the same frame");
		check_no_kernel_copies(first);
	}
	vm_address_t refused = 0;
	check(map_pager(pager, 0, PAGE, VM_PROT_READ, TRUE, &refused) == KERN_INVALID_ARGUMENT,
	      "vm_map with copy is KERN_INVALID_ARGUMENT: device memory is never copied");
	check(map_pager(pager, PAGE, PAGE, VM_PROT_READ, FALSE, &refused) == KERN_INVALID_ARGUMENT,
	      "vm_map past the object's end is KERN_INVALID_ARGUMENT");
	check(map_pager(pager, 0, 2 * PAGE, VM_PROT_READ, FALSE, &refused) == KERN_INVALID_ARGUMENT,
	      "vm_map of more than the object is KERN_INVALID_ARGUMENT");
	check(map_pager(memory, 0, PAGE, VM_PROT_READ, FALSE, &refused) == KERN_INVALID_ARGUMENT,
	      "vm_map of the device's own port is KERN_INVALID_ARGUMENT");
	(void)vm_deallocate(mach_task_self(), first, PAGE);
	(void)vm_deallocate(mach_task_self(), second, PAGE);
	(void)mach_port_deallocate(mach_task_self(), pager);
	(void)mach_port_deallocate(mach_task_self(), again);
}

static void check_local_apic(mach_port_t memory)
{
	mach_port_t pager = MACH_PORT_NULL;
	kern_return_t result = device_map(memory, VM_PROT_READ, LOCAL_APIC, PAGE, &pager, 0);
	check(result == KERN_SUCCESS, "device_map of the local APIC page, read-only (%d)", result);
	vm_address_t apic = 0;
	result = map_pager(pager, 0, PAGE, VM_PROT_READ | VM_PROT_WRITE, FALSE, &apic);
	check(result == KERN_PROTECTION_FAILURE,
	      "vm_map for writing a read-only object is KERN_PROTECTION_FAILURE (%d)", result);
	result = map_pager(pager, 0, PAGE, VM_PROT_READ, FALSE, &apic);
	check(result == KERN_SUCCESS, "vm_map maps it for reading (%d)", result);
	if (result == KERN_SUCCESS) {
		uint32_t version = *(volatile uint32_t *)(apic + APIC_VERSION_REGISTER);
		check((version & 0xff) >= 0x10 && (version & 0xff) <= 0x15,
		      "its version register reads as an integrated APIC's (0x%x)", version);
		(void)vm_deallocate(mach_task_self(), apic, PAGE);
	}
	(void)mach_port_deallocate(mach_task_self(), pager);
}

static void check_map_refusals(mach_port_t memory, mach_port_t read_only)
{
	mach_port_t pager = MACH_PORT_NULL;
	check(device_map(memory, VM_PROT_READ, 0x100000, PAGE, &pager, 0) == KERN_INVALID_ADDRESS,
	      "device_map of RAM is KERN_INVALID_ADDRESS");
	check(device_map(memory, VM_PROT_READ, 0x9f000, 0x10000, &pager, 0) == KERN_INVALID_ADDRESS,
	      "device_map of a range reaching into RAM is KERN_INVALID_ADDRESS");
	check(device_map(memory, VM_PROT_READ, VGA_TEXT, 0, &pager, 0) == KERN_INVALID_ARGUMENT,
	      "device_map of 0 bytes is KERN_INVALID_ARGUMENT");
	check(device_map(memory, VM_PROT_READ, VGA_TEXT + 1, PAGE, &pager, 0) ==
	          KERN_INVALID_ARGUMENT,
	      "device_map at an offset inside a page is KERN_INVALID_ARGUMENT");
	check(device_map(memory, VM_PROT_READ, ~0xfffull, 0x2000, &pager, 0) ==
	          KERN_INVALID_ARGUMENT,
	      "device_map of a range that wraps is KERN_INVALID_ARGUMENT");
	check(device_map(memory, VM_PROT_READ, 1ull << 52, PAGE, &pager, 0) ==
	          KERN_INVALID_ARGUMENT,
	      "device_map beyond 52-bit physical addresses is KERN_INVALID_ARGUMENT");
	check(device_map(memory, 0x100, VGA_TEXT, PAGE, &pager, 0) == KERN_PROTECTION_FAILURE,
	      "device_map with an unknown protection bit is KERN_PROTECTION_FAILURE");
	check(device_map(read_only, VM_PROT_WRITE, VGA_TEXT, PAGE, &pager, 0) ==
	          KERN_PROTECTION_FAILURE,
	      "device_map for writing through a device opened D_READ is KERN_PROTECTION_FAILURE");
	io_buf_ptr_inband_t inband;
	mach_msg_type_number_t count = sizeof(inband);
	check(device_read_inband(memory, 0, VGA_TEXT, 16, inband, &count) == D_INVALID_OPERATION,
	      "device_read of \"mem\" is D_INVALID_OPERATION: it is mapped, not read");
}

void modules_check_physical_memory(mach_port_t master, mach_port_t host_priv)
{
	mach_port_t memory = MACH_PORT_NULL, read_only = MACH_PORT_NULL, other = MACH_PORT_NULL;
	check(device_open(host_priv, D_READ | D_WRITE, "mem", &other) == D_INVALID_OPERATION,
	      "device_open \"mem\" through the host-privileged port is D_INVALID_OPERATION");
	check(device_open(mach_task_self(), D_READ, "mem", &other) == D_INVALID_OPERATION,
	      "device_open \"mem\" through a task port is D_INVALID_OPERATION");
	kern_return_t result = device_open(master, D_READ | D_WRITE, "mem", &memory);
	check(result == D_SUCCESS,
	      "device_open \"mem\" (D_READ | D_WRITE) through the master port");
	result = device_open(master, D_READ, "mem", &read_only);
	check(result == D_SUCCESS, "device_open \"mem\" (D_READ)");
	if (!MACH_PORT_VALID(memory) || !MACH_PORT_VALID(read_only))
		return;
	check_vga_text(memory);
	check_local_apic(memory);
	check_map_refusals(memory, read_only);
	check(device_close(memory) == D_SUCCESS && device_close(read_only) == D_SUCCESS,
	      "both \"mem\" devices close");
	(void)mach_port_deallocate(mach_task_self(), memory);
	(void)mach_port_deallocate(mach_task_self(), read_only);
}
