/* procfs, the /proc translator on lib/netfs: its state, its nodes (made
 * afresh by every lookup, their text taken then), and its questions to proc
 * and the kernel. */
#ifndef PROCFS_H
#define PROCFS_H

#include <netfs.h>
#include "procfs_format.h"

/* Every RPC to proc waits at most this long to be sent and answered. */
#define PROCFS_PROC_TIMEOUT_MS 2000

struct procfs {
	struct netfs *fs;
	mach_port_t proc; /* our own proc port (any live one serves as the caller) */
};

enum procfs_kind { PROCFS_ROOT, PROCFS_PID_DIR, PROCFS_FILE };

struct procfs_node {
	enum procfs_kind kind;
	int32_t pid;               /* the pid directory's, or a file's in one */
	struct netfs_node *parent; /* a reference; NULL for the root */
	char *text;                /* a file's contents, taken at lookup */
	size_t length;
};

extern const struct netfs_hooks procfs_hooks;

/* proc's record of pid with its argv (free args with procfs_process_free):
 * 0, ENOENT (no such pid), EIO (proc does not answer). */
int procfs_process_get(struct procfs *procfs, int32_t pid, struct procfs_process *process);
void procfs_process_free(struct procfs_process *process);
/* Every pid, ascending (free *pids): 0 or EIO. */
int procfs_pids(struct procfs *procfs, int32_t **pids, size_t *count);

/* The text of file name in the root (pid 0) or in pid's directory, in
 * malloc'd memory: 0, ENOENT (no such file or process), EIO, ENOMEM. */
int procfs_file_text(struct procfs *procfs, int32_t pid, const char *name, char **text,
                     size_t *length);
/* The names of a pid directory's files and of the root's, NULL-terminated. */
extern const char *const procfs_pid_files[];
extern const char *const procfs_root_files[];

#endif
