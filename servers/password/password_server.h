/* The password server (servers/password): password_check_user and
 * password_check_group of password.defs, served with lib/ports. It reads
 * /etc/passwd, /etc/shadow, /etc/group and /etc/gshadow through lib/lookup at
 * every check and makes auth handles with its root auth handle. */
#ifndef PASSWORD_SERVER_H
#define PASSWORD_SERVER_H

#include <mach.h>
#include <ports.h>
#include <stddef.h>

#define PASSWORD_REFUSAL_DELAY_MS 1000          /* a wrong password is answered this late */
#define PASSWORD_MAX_DELAYED      64            /* refusals waiting at once (EAGAIN beyond) */
#define PASSWORD_FILE_MAX         (1024 * 1024) /* a longer file is refused (EFBIG) */
#define PASSWORD_RPC_TIMEOUT_MS   5000          /* every RPC to the file system */

/* Starts serving with at most max_workers threads. root (a directory) and
 * auth (a root auth handle) are kept. *server is a send right to the server
 * object (the caller owns it). 0 or an errno value. */
int password_server_start(unsigned max_workers, mach_port_t root, mach_port_t auth,
                          mach_port_t *server);

/* password_files_read.c: the whole of a file of the root file system: 0 with
 * *text (malloc'd; free it) and *length, or an errno value. */
int password_read_file(const char *path, char **text, size_t *length);
extern mach_port_t password_root, password_auth;

/* password_delay.c: answers the current RPC with EACCES after the delay,
 * without holding its worker: MIG_NO_REPLY, or EAGAIN when too many wait. */
kern_return_t password_refuse_later(mach_port_t reply, bool group_check);
int password_delay_init(void);

#endif
