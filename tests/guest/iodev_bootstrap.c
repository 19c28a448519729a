/* Module 0 of the I/O-port test: I/O permissions are refused for the kernel's
 * ports and without the device master port; COM2's are given, work, end. */
#include "iodev_bootstrap.h"
#include "ipc_common.h"
#include <mach/exception.h>
#include <mach/mach_i386.h>

static void outb(uint16_t port, uint8_t value)
{
	__asm__ volatile("outb %0, %1" : : "a"(value), "Nd"(port));
}

/* True if reading port faulted with a general protection fault just now. */
static bool inb_faults(uint16_t port)
{
	int exception = 0, code = 0;
	unsigned before = iodev_faults_seen(&exception, &code);
	uint8_t value = 0;
	bool faulted = !iodev_probe_inb(port, &value);
	unsigned after = iodev_faults_seen(&exception, &code);
	return faulted && after == before + 1 && exception == EXC_BAD_INSTRUCTION && code == 13;
}

static void check_refusals(mach_port_t master, mach_port_t host_priv)
{
	mach_port_t perm = MACH_PORT_NULL;
	kern_return_t result =
	    i386_io_perm_create(host_priv, IODEV_COM2_FIRST, IODEV_COM2_LAST, &perm);
	check(result == KERN_INVALID_ARGUMENT,
	      "io_perm_create through the host-privileged port is refused (%d)", result);
	result = i386_io_perm_create(mach_task_self(), IODEV_COM2_FIRST, IODEV_COM2_LAST, &perm);
	check(result == KERN_INVALID_ARGUMENT, "io_perm_create through a task port is refused (%d)",
	      result);
	static const struct {
		uint16_t from, to;
		const char *what;
	} owned[] = {{0x3f8, 0x3ff, "COM1 (the console)"},
	             {0x40, 0x43, "the PIT"},
	             {0x20, 0x21, "the PIC"},
	             {0xf4, 0xf4, "the debug-exit port"},
	             {0x70, 0x71, "the CMOS"},
	             {0x0, 0xffff, "every port"}};
	for (unsigned i = 0; i < sizeof(owned) / sizeof(owned[0]); i++) {
		result = i386_io_perm_create(master, owned[i].from, owned[i].to, &perm);
		check(result == KERN_PROTECTION_FAILURE, "io_perm_create for %s is refused (%d)",
		      owned[i].what, result);
	}
	result = i386_io_perm_create(master, IODEV_COM2_LAST, IODEV_COM2_FIRST, &perm);
	check(result == KERN_INVALID_ARGUMENT, "a range with from > to is refused (%d)", result);
	result = i386_io_perm_modify(mach_task_self(), mach_task_self(), TRUE);
	check(result != KERN_SUCCESS, "io_perm_modify with a task port as io_perm is refused (%d)",
	      result);
}

/* COM2's 16550 in loopback: each byte written to THR comes back in RBR. */
static void check_loopback(void)
{
	const uint16_t base = IODEV_COM2_FIRST;
	outb(base + 1, 0x00); /* IER: no interrupts */
	outb(base + 3, 0x80); /* LCR: DLAB */
	outb(base + 0, 0x01); /* 115200 baud */
	outb(base + 1, 0x00);
	outb(base + 3, 0x03); /* 8N1 */
	outb(base + 2, 0x00); /* no FIFO */
	outb(base + 4, 0x10); /* MCR: loopback */
	uint8_t scratch = 0;
	outb(base + 7, 0x5a);
	bool read = iodev_probe_inb(base + 7, &scratch);
	check(read && scratch == 0x5a, "COM2's scratch register holds what was written (0x%x)",
	      scratch);
	static const char message[] = "Wildebeest";
	unsigned matched = 0;
	for (unsigned i = 0; i < sizeof(message) - 1; i++) {
		outb(base, (uint8_t)message[i]);
		uint8_t status = 0, byte = 0;
		for (unsigned spin = 0; spin < 100000 && !(status & 1); spin++)
			(void)iodev_probe_inb(base + 5, &status);
		if ((status & 1) && iodev_probe_inb(base, &byte) && byte == (uint8_t)message[i])
			matched++;
	}
	check(matched == sizeof(message) - 1, "COM2 in loopback gave back %u of %u bytes", matched,
	      (unsigned)(sizeof(message) - 1));
	outb(base + 4, 0x00);
}

static void check_com2(mach_port_t master)
{
	mach_port_t perm = MACH_PORT_NULL;
	kern_return_t result =
	    i386_io_perm_create(master, IODEV_COM2_FIRST, IODEV_COM2_LAST, &perm);
	check(result == KERN_SUCCESS && MACH_PORT_VALID(perm), "io_perm_create for COM2 (%d)",
	      result);
	check(inb_faults(IODEV_COM2_FIRST), "holding the permission alone opens nothing");
	result = i386_io_perm_modify(mach_task_self(), perm, TRUE);
	check(result == KERN_SUCCESS, "io_perm_modify enables COM2 for this task (%d)", result);
	check(!inb_faults(IODEV_COM2_FIRST) && !inb_faults(IODEV_COM2_LAST),
	      "COM2's first and last ports read without a fault");
	check(inb_faults(IODEV_COM2_FIRST - 1) && inb_faults(IODEV_COM2_LAST + 1),
	      "the ports on either side of COM2 still fault");
	check(inb_faults(0x3f8), "COM1 (the kernel's console) still faults");
	check_loopback();
	result = i386_io_perm_modify(mach_task_self(), perm, FALSE);
	check(result == KERN_SUCCESS, "io_perm_modify withdraws COM2 (%d)", result);
	check(inb_faults(IODEV_COM2_FIRST) && inb_faults(IODEV_COM2_LAST),
	      "COM2 faults again once withdrawn");
	check(mach_port_deallocate(mach_task_self(), perm) == KERN_SUCCESS,
	      "the permission's send right goes");
}

int main(int argc, char **argv)
{
	long host_priv = -1, master = -1;
	for (int i = 1; i < argc; i++) {
		if (ipc_number_after(argv[i], "--host-priv-port=") >= 0)
			host_priv = ipc_number_after(argv[i], "--host-priv-port=");
		else if (ipc_number_after(argv[i], "--device-master-port=") >= 0)
			master = ipc_number_after(argv[i], "--device-master-port=");
	}
	check(host_priv > 0 && master > 0, "the kernel named the host-privileged and master ports");
	check(iodev_faults_start(), "an exception port catches this thread's faults");
	/* The first fault makes per-thread ports for good: before the snapshot. */
	check(inb_faults(IODEV_COM2_FIRST),
	      "without a permission, COM2 faults (EXC_BAD_INSTRUCTION 13)");

	struct ipc_kernel_counts before, after;
	check(ipc_snapshot_kernel_counts(&before) == KERN_SUCCESS, "host_slab_info before");
	check_refusals((mach_port_t)master, (mach_port_t)host_priv);
	check_com2((mach_port_t)master);
	check(ipc_snapshot_kernel_counts(&after) == KERN_SUCCESS &&
	          ipc_kernel_counts_equal(&before, &after),
	      "the kernel's object counts are as before: the permission is gone");
	print("iodev: done, %u checks failed\n", checks_failed());
	return checks_failed() ? 1 : 0;
}
