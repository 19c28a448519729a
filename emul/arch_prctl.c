/* arch_prctl: the FS base (the program's TLS pointer) set and read through the
 * thread's i386_FSGS_BASE_STATE; GS belongs to the emulator (emul.h), so
 * ARCH_SET_GS is refused with EINVAL and logged. */
#include <mach.h>
#include "emul.h"
#include "linux_abi.h"
#include "syscalls.h"

#define USER_SPACE_END 0x800000000000ull

long emul_sys_arch_prctl(struct emul_frame *frame)
{
	uint64_t code = frame->rdi, argument = frame->rsi;
	struct emul_thread *thread = emul_thread_self();
	switch (code) {
	case LINUX_ARCH_SET_FS:
		if (argument >= USER_SPACE_END)
			return -LINUX_EPERM;
		return emul_set_segment_bases(thread, argument) ? 0 : -LINUX_EINVAL;
	case LINUX_ARCH_GET_FS:
		return emul_copy_to_user(argument, &thread->fs_base, sizeof(thread->fs_base));
	case LINUX_ARCH_GET_GS: {
		uint64_t none = 0;
		return emul_copy_to_user(argument, &none, sizeof(none));
	}
	case LINUX_ARCH_SET_GS:
		emul_log("arch_prctl(ARCH_SET_GS) refused: GS belongs to the emulator");
		return -LINUX_EINVAL;
	default:
		return -LINUX_EINVAL;
	}
}
