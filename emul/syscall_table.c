/* The dispatch table: Linux x86_64 system-call number -> handler. Adding a
 * system call is one line here and its handler in syscalls.h. */
#include <asm/unistd_64.h>
#include "syscall_names.h"
#include "syscall_table.h"
#include "syscalls.h"

#define HANDLER(name) [__NR_##name] = emul_sys_##name

emul_handler_t *const emul_syscall_table[EMUL_SYSCALL_COUNT] = {
    HANDLER(read),
    HANDLER(write),
    HANDLER(writev),
    HANDLER(ioctl),
    HANDLER(fstat),
    HANDLER(newfstatat),
    HANDLER(brk),
    HANDLER(mmap),
    HANDLER(munmap),
    HANDLER(mprotect),
    HANDLER(mremap),
    HANDLER(madvise),
    HANDLER(getpid),
    HANDLER(getppid),
    HANDLER(getuid),
    HANDLER(geteuid),
    HANDLER(getgid),
    HANDLER(getegid),
    HANDLER(uname),
    HANDLER(prlimit64),
    HANDLER(getrlimit),
    HANDLER(setrlimit),
    HANDLER(arch_prctl),
    HANDLER(rt_sigaction),
    HANDLER(rt_sigprocmask),
    HANDLER(sigaltstack),
    HANDLER(exit_group),
    /* threads, futexes, time (weak: NULL until linked in) */
    HANDLER(futex),
    HANDLER(clone),
    HANDLER(clone3),
    HANDLER(exit),
    HANDLER(set_tid_address),
    HANDLER(set_robust_list),
    HANDLER(get_robust_list),
    HANDLER(rseq),
    HANDLER(gettid),
    HANDLER(tgkill),
    HANDLER(clock_gettime),
    HANDLER(gettimeofday),
    HANDLER(time),
    HANDLER(clock_getres),
    HANDLER(nanosleep),
    HANDLER(clock_nanosleep),
    HANDLER(getrandom),
    HANDLER(sched_yield),
    HANDLER(sched_getaffinity),
    HANDLER(sched_setaffinity),
};
