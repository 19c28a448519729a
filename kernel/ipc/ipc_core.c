/* The general IPC lock and the fast-path gates, accounted memory, statistics
 * and start-up (the kernel's own space). Locking: docs/ARCHITECTURE.md. */
#include "ipc/ipc_internal.h"
#include "lib/kstring.h"

spinlock_t ipc_lock = SPINLOCK_INIT;
spinlock_t ipc_fast_gates[IPC_FAST_GATES];
struct ipc_statistics ipc_stats;
struct ipc_space *ipc_space_kernel;

void ipc_lock_reacquire(void)
{
	spin_lock(&ipc_lock);
	for (unsigned i = 0; i < IPC_FAST_GATES; i++)
		spin_lock(&ipc_fast_gates[i]);
	ipc_stats.general_sections++;
}

void ipc_lock_release_for_sleep(void)
{
	for (unsigned i = IPC_FAST_GATES; i-- > 0;)
		spin_unlock(&ipc_fast_gates[i]);
	spin_unlock(&ipc_lock);
}

irq_state_t ipc_lock_acquire(void)
{
	irq_state_t state = irq_save_disable();
	ipc_lock_reacquire();
	return state;
}

void ipc_lock_release(irq_state_t state)
{
	ipc_lock_release_for_sleep();
	irq_restore(state);
}

void *ipc_memory_alloc(size_t size)
{
	void *address = ipc_host_alloc(size);
	if (address)
		__atomic_add_fetch(&ipc_stats.bytes_held, size, __ATOMIC_RELAXED);
	return address;
}

void ipc_memory_free(void *address, size_t size)
{
	if (!address)
		return;
	ipc_host_free(address, size);
	__atomic_sub_fetch(&ipc_stats.bytes_held, size, __ATOMIC_RELAXED);
}

void ipc_statistics_read(struct ipc_statistics *out)
{
	irq_state_t state = ipc_lock_acquire();
	*out = ipc_stats;
	out->bytes_held = __atomic_load_n(&ipc_stats.bytes_held, __ATOMIC_RELAXED);
	ipc_lock_release(state);
}

void ipc_init(void)
{
	if (ipc_space_kernel)
		return;
	ipc_space_kernel = ipc_space_create();
	if (ipc_space_kernel)
		ipc_space_kernel->is_kernel = true;
}

void *ipc_kernel_ool_alloc(size_t size)
{
	return ipc_memory_alloc(size ? size : 1);
}

void ipc_kernel_ool_free(void *buffer, size_t size)
{
	ipc_memory_free(buffer, size ? size : 1);
}
