/* mach_host.defs, served: host information, the kernel version and the time. */
#include "kserver_types.h"
#include "mach_host_server.h"
#include "kobject.h"
#include "kern/cpu.h"
#include "kern/sched.h"
#include "kern/timer.h"
#include "vm/physmem.h"
#include "lib/kstring.h"
#include <mach/host_info.h>
#include <mach/machine.h>

#define WILDEBEEST_VERSION "Wildebeest 0.1 (x86_64, GNU Mach ABI)"

kern_return_t host_info(host_t host, int flavor, host_info_t host_info_out,
                        mach_msg_type_number_t *host_info_outCnt)
{
	if (!host)
		return KERN_INVALID_HOST;
	switch (flavor) {
	case HOST_BASIC_INFO: {
		if (*host_info_outCnt < HOST_BASIC_INFO_COUNT)
			return KERN_FAILURE;
		host_basic_info_t info = (host_basic_info_t)host_info_out;
		memset(info, 0, sizeof(*info));
		info->max_cpus = MAX_CPUS;
		info->avail_cpus = (integer_t)cpu_count;
		info->memory_size = (vm_size_t)(physmem_usable_count() * 4096);
		info->cpu_type =
		    CPU_TYPE_I386 /* gnumach-dev has no x86_64 type; GNU Mach reports i386 */;
		info->cpu_subtype = CPU_SUBTYPE_AT386;
		*host_info_outCnt = HOST_BASIC_INFO_COUNT;
		return KERN_SUCCESS;
	}
	case HOST_SCHED_INFO: {
		if (*host_info_outCnt < HOST_SCHED_INFO_COUNT)
			return KERN_FAILURE;
		host_sched_info_t info = (host_sched_info_t)host_info_out;
		info->min_timeout = 1000 / SCHED_HZ;
		info->min_quantum = 1000 / SCHED_HZ;
		*host_info_outCnt = HOST_SCHED_INFO_COUNT;
		return KERN_SUCCESS;
	}
	default:
		return KERN_INVALID_ARGUMENT;
	}
}

kern_return_t host_kernel_version(host_t host, kernel_version_t kernel_version)
{
	if (!host)
		return KERN_INVALID_HOST;
	size_t length = strnlen(WILDEBEEST_VERSION, sizeof(kernel_version_t) - 1);
	memcpy(kernel_version, WILDEBEEST_VERSION, length);
	kernel_version[length] = '\0';
	return KERN_SUCCESS;
}

kern_return_t host_get_time(host_t host, time_value_t *current_time)
{
	if (!host)
		return KERN_INVALID_HOST;
	uint64_t now_ms = timer_now_ms();
	current_time->seconds = (long)(now_ms / 1000);
	current_time->microseconds = (integer_t)((now_ms % 1000) * 1000);
	return KERN_SUCCESS;
}
