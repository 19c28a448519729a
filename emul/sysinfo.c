/* sysinfo: the uptime from the emulator's monotonic clock, the memory from
 * the kernel (host_info's memory size, vm_statistics' free pages), the number
 * of processes from proc (one timed proc_getallpids), no load figures, no
 * swap, mem_unit 1. */
#include <mach.h>
#include <mach/host_info.h>
#include <hurd/hurd_types.h>
#include "clock.h"
#include "emul.h"
#include "linux_abi.h"
#include "process_identity.h"
#include "syscalls.h"
#include "timed_proc.h"
#include "lib/kstring.h"

#define SYSINFO_PROC_TIMEOUT_MS 2000

/* Linux x86_64's struct sysinfo (112 bytes). */
struct linux_sysinfo {
	int64_t uptime;
	uint64_t loads[3];
	uint64_t totalram, freeram, sharedram, bufferram, totalswap, freeswap;
	uint16_t procs, pad;
	uint32_t pad2;
	uint64_t totalhigh, freehigh;
	uint32_t mem_unit;
	uint32_t pad3;
};
_Static_assert(sizeof(struct linux_sysinfo) == 112, "Linux's struct sysinfo is 112 bytes");

/* The live and zombie processes proc knows, or 1 (this one) without proc. */
static uint16_t process_count(void)
{
	mach_port_t proc = emul_process_proc_port();
	if (!MACH_PORT_VALID(proc))
		return 1;
	pidarray_t pids = NULL;
	mach_msg_type_number_t count = 0;
	if (timed_proc_getallpids(proc, SYSINFO_PROC_TIMEOUT_MS, &pids, &count) != KERN_SUCCESS)
		return 1;
	(void)vm_deallocate(mach_task_self(), (vm_address_t)pids, count * sizeof(*pids));
	return count > 0xffff ? 0xffff : count ? (uint16_t)count : 1;
}

long emul_sys_sysinfo(struct emul_frame *frame)
{
	struct linux_sysinfo info;
	memset(&info, 0, sizeof(info));
	info.uptime = emul_clock_monotonic_ns() / EMUL_NS_PER_SECOND;
	struct host_basic_info basic;
	mach_msg_type_number_t basic_count = HOST_BASIC_INFO_COUNT;
	mach_port_t host = mach_host_self();
	if (host_info(host, HOST_BASIC_INFO, (host_info_t)&basic, &basic_count) == KERN_SUCCESS)
		info.totalram = basic.memory_size;
	(void)mach_port_deallocate(mach_task_self(), host);
	vm_statistics_data_t statistics;
	if (vm_statistics(mach_task_self(), &statistics) == KERN_SUCCESS)
		info.freeram = (uint64_t)statistics.free_count * (uint64_t)statistics.pagesize;
	info.procs = process_count();
	info.mem_unit = 1;
	return emul_copy_to_user(frame->rdi, &info, sizeof(info));
}
