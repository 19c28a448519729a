/* Every system-call handler the emulator's table names (syscall_table.c):
 * long emul_sys_NAME(struct emul_frame *), returning the result or -errno. */
#ifndef EMUL_SYSCALLS_H
#define EMUL_SYSCALLS_H

#include "emul.h"

/* I/O on the console descriptors (io.c). */
emul_handler_t emul_sys_read, emul_sys_write, emul_sys_writev, emul_sys_ioctl, emul_sys_fstat,
    emul_sys_newfstatat;
/* Memory (memory.c, memory_remap.c). */
emul_handler_t emul_sys_brk, emul_sys_mmap, emul_sys_munmap, emul_sys_mprotect, emul_sys_mremap,
    emul_sys_madvise;
/* The process (process.c, limits.c, arch_prctl.c, signal.c, exit.c). */
emul_handler_t emul_sys_getpid, emul_sys_getppid, emul_sys_getuid, emul_sys_geteuid,
    emul_sys_getgid, emul_sys_getegid, emul_sys_uname, emul_sys_prlimit64, emul_sys_getrlimit,
    emul_sys_setrlimit, emul_sys_arch_prctl, emul_sys_rt_sigaction, emul_sys_rt_sigprocmask,
    emul_sys_sigaltstack, emul_sys_exit_group;

/* Threads, futexes, time, randomness, scheduling: their own files (futex.c,
 * thread.c, time.c, random.c, sched.c). Weak: a number whose handler is not
 * linked in is unimplemented (ENOSYS and the diagnostic). */
#define EMUL_OPTIONAL __attribute__((weak))
extern emul_handler_t emul_sys_futex EMUL_OPTIONAL, emul_sys_clone EMUL_OPTIONAL,
    emul_sys_clone3 EMUL_OPTIONAL, emul_sys_exit EMUL_OPTIONAL,
    emul_sys_set_tid_address EMUL_OPTIONAL, emul_sys_set_robust_list EMUL_OPTIONAL,
    emul_sys_get_robust_list EMUL_OPTIONAL, emul_sys_rseq EMUL_OPTIONAL,
    emul_sys_gettid EMUL_OPTIONAL, emul_sys_tgkill EMUL_OPTIONAL,
    emul_sys_clock_gettime EMUL_OPTIONAL, emul_sys_gettimeofday EMUL_OPTIONAL,
    emul_sys_time EMUL_OPTIONAL, emul_sys_clock_getres EMUL_OPTIONAL,
    emul_sys_nanosleep EMUL_OPTIONAL, emul_sys_clock_nanosleep EMUL_OPTIONAL,
    emul_sys_getrandom EMUL_OPTIONAL, emul_sys_sched_yield EMUL_OPTIONAL,
    emul_sys_sched_getaffinity EMUL_OPTIONAL, emul_sys_sched_setaffinity EMUL_OPTIONAL;

/* Signals (signal_calls.c, signal_deliver.c, signal_kill.c, signal_timer.c);
 * tgkill is declared with the thread calls above. */
emul_handler_t emul_sys_rt_sigreturn, emul_sys_rt_sigpending, emul_sys_rt_sigsuspend,
    emul_sys_rt_sigtimedwait, emul_sys_pause, emul_sys_kill, emul_sys_tkill, emul_sys_alarm,
    emul_sys_setitimer, emul_sys_getitimer;
/* Process groups and sessions through proc (process_groups.c). */
emul_handler_t emul_sys_getpgid, emul_sys_getpgrp, emul_sys_setpgid, emul_sys_setsid,
    emul_sys_getsid;

/* execve and execveat through the exec server (execve.c). */
emul_handler_t emul_sys_execve, emul_sys_execveat;
/* Processes: fork and vfork (fork.c; clone without CLONE_VM goes there too),
 * wait4, waitid, getrusage (wait.c). */
emul_handler_t emul_sys_fork, emul_sys_vfork, emul_sys_wait4, emul_sys_waitid, emul_sys_getrusage;
/* reboot(2) through the bootstrap's startup_reboot (reboot.c). */
emul_handler_t emul_sys_reboot;

/* prctl (prctl.c) and sysinfo (sysinfo.c). */
emul_handler_t emul_sys_prctl, emul_sys_sysinfo;

/* The native escape hatch (native.c, include/wildebeest/emul_native.h). */
long emul_native_call(struct emul_frame *frame);

#endif
