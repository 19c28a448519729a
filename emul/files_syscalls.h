/* The file system calls' handlers (issue 7, the files part): descriptors,
 * files, directories, paths, ids through auth, poll/select. */
#ifndef EMUL_FILES_SYSCALLS_H
#define EMUL_FILES_SYSCALLS_H

#include "emul.h"

emul_handler_t emul_sys_openat, emul_sys_open, emul_sys_creat, emul_sys_close, emul_sys_umask,
    emul_sys_pread64, emul_sys_pwrite64, emul_sys_readv, emul_sys_lseek, emul_sys_dup,
    emul_sys_dup2, emul_sys_dup3, emul_sys_fcntl, emul_sys_stat, emul_sys_lstat, emul_sys_statx,
    emul_sys_statfs, emul_sys_fstatfs, emul_sys_getdents64, emul_sys_mkdirat, emul_sys_mkdir,
    emul_sys_unlinkat, emul_sys_unlink, emul_sys_rmdir, emul_sys_renameat2, emul_sys_renameat,
    emul_sys_rename, emul_sys_linkat, emul_sys_link, emul_sys_symlinkat, emul_sys_symlink,
    emul_sys_readlinkat, emul_sys_readlink, emul_sys_fchmodat, emul_sys_chmod, emul_sys_fchmod,
    emul_sys_fchownat, emul_sys_chown, emul_sys_lchown, emul_sys_fchown, emul_sys_utimensat,
    emul_sys_ftruncate, emul_sys_truncate, emul_sys_fsync, emul_sys_fdatasync, emul_sys_faccessat,
    emul_sys_faccessat2, emul_sys_access, emul_sys_chdir, emul_sys_fchdir, emul_sys_getcwd,
    emul_sys_getresuid, emul_sys_getresgid, emul_sys_getgroups, emul_sys_setresuid,
    emul_sys_setresgid, emul_sys_setreuid, emul_sys_setregid, emul_sys_setuid, emul_sys_setgid,
    emul_sys_setgroups, emul_sys_poll, emul_sys_ppoll, emul_sys_select, emul_sys_pselect6,
    emul_sys_sendfile, emul_sys_pipe2, emul_sys_pipe;

/* The native escape hatch's getdport and openport (files_native.c). */
long emul_native_fd_port(struct emul_frame *frame);
long emul_native_open_port(struct emul_frame *frame);
long emul_native_adopt_auth(struct emul_frame *frame);

#endif
