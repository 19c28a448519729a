/* A static glibc program that uses the emulator's native escape hatch
 * (include/wildebeest/emul_native.h) to get its Mach ports, then libmach-glibc's
 * MIG stubs on them (from two threads): the way servers built with glibc reach
 * the kernel. Prints "tap: ok - ..." lines; the exit status counts failures. */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <mach.h>
#include <device/device.h>
#include <libmach/glibc.h>
#include <libmach/thread_data.h>
#include <wildebeest/native.h>

static int failures;

/* One TAP line "native: TEXT (VALUE)". */
static void check(int passed, const char *text, long value)
{
	printf("tap: %s - native: %s (%ld)\n", passed ? "ok" : "not ok", text, value);
	fflush(stdout);
	if (!passed)
		failures++;
}

static long get_port(int which)
{
	return syscall(EMUL_NATIVE_GET_PORT, which);
}

/* The second thread's reply port, looked at after its exit. */
static mach_port_t second_thread_reply_port;

/* A second thread's RPC: its own reply port, not the main thread's. */
static void *second_thread(void *main_reply_port)
{
	mach_port_t ours = mig_get_reply_port();
	second_thread_reply_port = ours;
	vm_address_t page = 0;
	kern_return_t result = vm_allocate(mach_task_self(), &page, 4096, TRUE);
	if (result == KERN_SUCCESS)
		result = vm_deallocate(mach_task_self(), page, 4096);
	if (result == KERN_SUCCESS && ours == *(mach_port_t *)main_reply_port)
		result = KERN_FAILURE;
	return (void *)(long)result;
}

int main(void)
{
	check(syscall(EMUL_NATIVE_VERSION) == EMUL_NATIVE_VERSION_NUMBER,
	      "the escape hatch answers", EMUL_NATIVE_VERSION_NUMBER);
	long task = get_port(EMUL_PORT_TASK);
	check(task > 0, "the task's port", task);
	check(mach_init() == KERN_SUCCESS && mach_task_self() == (mach_port_t)task,
	      "it names the same port as the mach_task_self trap", (long)mach_task_self());

	vm_address_t page = 0;
	kern_return_t result = vm_allocate((mach_port_t)task, &page, 4096, TRUE);
	check(result == KERN_SUCCESS && ((volatile char *)page)[100] == 0,
	      "vm_allocate (a MIG RPC) through it gives zeroed memory", result);
	check(vm_deallocate((mach_port_t)task, page, 4096) == KERN_SUCCESS, "vm_deallocate", 0);
	check(MACH_PORT_VALID(libmach_bootstrap_port),
	      "mach_init, run before main, fetched the bootstrap port",
	      (long)libmach_bootstrap_port);

	mach_port_t main_reply_port = mig_get_reply_port();
	pthread_t thread;
	void *thread_result = (void *)-1L;
	int error = pthread_create(&thread, NULL, second_thread, &main_reply_port);
	if (error == 0)
		error = pthread_join(thread, &thread_result);
	check(error == 0 && thread_result == NULL,
	      "a second thread's RPCs use a reply port of its own (TLS)", (long)thread_result);
	mach_port_type_t type = 0;
	result = mach_port_type(mach_task_self(), main_reply_port, &type);
	check(result == KERN_SUCCESS && (type & MACH_PORT_TYPE_RECEIVE),
	      "the main thread's reply port survived the other thread's exit", (long)type);
	result = mach_port_type(mach_task_self(), second_thread_reply_port, &type);
	check(MACH_PORT_VALID(second_thread_reply_port) && result == KERN_INVALID_NAME,
	      "the exited thread's reply port was destroyed with it", result);

	long bootstrap = get_port(EMUL_PORT_BOOTSTRAP);
	check(bootstrap > 0, "the bootstrap port", bootstrap);
	long host = get_port(EMUL_PORT_HOST);
	check(host > 0, "the host port", host);
	long master = get_port(EMUL_PORT_DEVICE_MASTER);
	check(master > 0, "the device master port", master);
	mach_port_t device = MACH_PORT_NULL;
	result = device_open((mach_port_t)master, D_READ, "module0", &device);
	io_buf_ptr_inband_t magic = {0};
	mach_msg_type_number_t count = sizeof(magic);
	if (result == D_SUCCESS)
		result = device_read_inband(device, 0, 0, 4, magic, &count);
	check(result == D_SUCCESS && count == 4 && memcmp(magic, "\177ELF", 4) == 0,
	      "device_open and device_read of module0 through the device master", result);
	errno = 0;
	check(get_port(99) == -1 && errno == EINVAL, "an unknown port selector is EINVAL", errno);
	errno = 0;
	check(native_get_port(99) == MACH_PORT_NULL && errno == EINVAL,
	      "native_get_port: MACH_PORT_NULL and EINVAL for it", errno);
	mach_port_t host_again = native_get_port(EMUL_PORT_HOST);
	check(host_again == (mach_port_t)host, "native_get_port gives the same host port",
	      (long)host_again);
	errno = 0;
	check(syscall(EMUL_NATIVE_LAST) == -1 && errno == ENOSYS,
	      "an unassigned number of the range is ENOSYS", errno);
	printf("native_ports: %d failed\n", failures);
	return failures;
}
