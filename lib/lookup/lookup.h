/* lib/lookup: the client's path resolution with file_name_lookup semantics
 * (D5): dir_lookup from the root or current directory, its retries followed in
 * the client, ".." across translator roots resolved here, a timeout on every RPC.
 *
 * How a name is resolved (the server side of the contract is lib/netfs's):
 *
 * - An absolute name starts at ctx->root, a relative one at ctx->cwd (at
 *   ctx->root when ctx->cwd is MACH_PORT_NULL). The name goes to dir_lookup;
 *   the server resolves what it can and answers a retry:
 *   - FS_RETRY_NORMAL, empty retry name: done, result is the file.
 *   - FS_RETRY_NORMAL, a name left: continue with it on result (taken as
 *     entering another server: a server resolves all it can itself).
 *   - FS_RETRY_REAUTH: result is a translator's root; it is reauthenticated
 *     (io_reauthenticate with a fresh rendezvous port, then
 *     auth_user_authenticate on ctx->auth) and the rest continues there. A
 *     translator that does not implement io_reauthenticate (EOPNOTSUPP,
 *     MIG_BAD_ID) is used with the port as given: the file system got it
 *     with fsys_getroot and the looker's ids.
 *   - FS_RETRY_MAGICAL "/...": an absolute symbolic link: restart from
 *     ctx->root (counted against max_restarts).
 *   - FS_RETRY_MAGICAL ".." or "../...": the server's root was left upwards.
 *     Each NORMAL/REAUTH answer with a name left records a crossing: the
 *     port the name was sent to and the text of the directory holding the
 *     node that was crossed (the consumed part of the name minus its last
 *     component). ".." goes back to the last crossing and continues there
 *     with "TEXT/rest". Without a crossing: a lookup that started at the
 *     root is at the root server's root, where "/.." is "/"; one that
 *     started at ctx->cwd is restarted from the root with the name made
 *     absolute and resolved lexically from ctx->cwd_path ("a/../b" is
 *     "b"), or fails with EXDEV when ctx->cwd_path is NULL.
 *   - any other FS_RETRY_MAGICAL name ("tty", "fd/N", "machtype") goes to
 *     ctx->magic, whose answer ends the lookup; ENOENT without a hook.
 * - flags (HURD_O_*: HURD_O_NOLINK, HURD_O_NOTRANS, HURD_O_CREAT, ...) and
 *   mode go to every dir_lookup unchanged; servers apply them to the last
 *   component.
 * - Every RPC (dir_lookup, io_reauthenticate, auth_user_authenticate) is made
 *   with a send and a receive timeout of ctx->timeout_ms: a server that does
 *   not answer makes the lookup fail with ETIMEDOUT. The stubs then destroy
 *   the thread's MIG reply port (libmach's mig_dealloc_reply_port), so a late
 *   reply is dropped by the kernel and cannot answer a later call.
 *
 * Errors (the return value; 0 on success): the server's errno value as it
 * answered it; ETIMEDOUT (no answer in time); EIO (the server is gone:
 * dead port, MIG_SERVER_DIED, or another Mach failure); EPROTO (a malformed
 * reply: an unknown retry type, NORMAL/REAUTH without a port, MAGICAL with
 * one, a reply MIG could not read); EOPNOTSUPP (the port does not speak
 * fs: MIG_BAD_ID); ELOOP (more than max_steps dir_lookup calls or more than
 * max_restarts restarts from the root, e.g. a cycle of absolute symbolic
 * links); ENAMETOOLONG (a name to send would not fit in 4096 bytes); ENOENT
 * (the empty name, or a magical name without a hook); EXDEV (".." out of
 * the current directory's translator with no crossing and no cwd_path);
 * ENOMEM (no rendezvous port could be made).
 *
 * Ports: ctx->root, ctx->cwd and ctx->auth are borrowed (never released).
 * Every port obtained on the way is released before returning, on success
 * and on failure; *result is a send right the caller owns (MACH_PORT_NULL on
 * failure).
 *
 * For the emulator (emul/, issue 7): no global state, no allocation, no
 * stdio; only memcpy/memcmp/memchr-like string functions (lookup_string.h).
 * The caller provides struct lookup_workspace (~21 KiB); the MIG stubs
 * themselves use about 8.5 KiB of stack (dir_lookup's request and reply).
 * Several threads may look up at once, each with its own workspace. */
#ifndef WB_LOOKUP_H
#define WB_LOOKUP_H

#include <hurd/hurd_types.h>
#include <mach/port.h>
#include <stddef.h>

#define LOOKUP_DEFAULT_TIMEOUT_MS   10000 /* per RPC, when ctx->timeout_ms is 0 */
#define LOOKUP_DEFAULT_MAX_STEPS    100   /* dir_lookup calls, when ctx->max_steps is 0 */
#define LOOKUP_DEFAULT_MAX_RESTARTS 32    /* restarts from the root (like SYMLOOP_MAX) */
#define LOOKUP_MAX_CROSSINGS        32    /* servers entered and not left, at once */

/* Resolves a FS_RETRY_MAGICAL name the library does not ("tty", "fd/3",
 * "machtype", ...): returns 0 with *result a send right for the caller, or an
 * errno value. */
typedef int (*lookup_magic_hook_t)(void *hook_context, const char *magic_name, int flags,
                                   hurd_mode_t mode, mach_port_t *result);

/* What a lookup starts from and how patient it is. Ports are borrowed. */
struct lookup_context {
	mach_port_t root;          /* the root directory (required) */
	mach_port_t cwd;           /* the current directory; MACH_PORT_NULL: the root */
	mach_port_t auth;          /* the caller's auth handle, for REAUTH (required) */
	const char *cwd_path;      /* absolute text of cwd, or NULL (see ".." above) */
	unsigned timeout_ms;       /* per RPC; 0: LOOKUP_DEFAULT_TIMEOUT_MS */
	unsigned max_steps;        /* 0: LOOKUP_DEFAULT_MAX_STEPS */
	unsigned max_restarts;     /* 0: LOOKUP_DEFAULT_MAX_RESTARTS */
	lookup_magic_hook_t magic; /* NULL: magical names are ENOENT */
	void *magic_context;
};

/* One server entered (by a NORMAL or REAUTH answer) and not yet left. */
struct lookup_crossing {
	mach_port_t entered_from;     /* the directory port the name was sent to */
	unsigned char owned;          /* entered_from is ours to release */
	unsigned char parent_known;   /* parent_text is trustworthy */
	unsigned short parent_length; /* bytes of parent_text in the text area */
	unsigned parent_offset;
};

/* The caller's memory for one lookup at a time (no allocation inside). */
struct lookup_workspace {
	char name[HURD_PATH_MAX];    /* what is being resolved now */
	char retry[HURD_PATH_MAX];   /* the server's retry name */
	char scratch[HURD_PATH_MAX]; /* building the next name */
	char origin[HURD_PATH_MAX];  /* the name the current chain started with */
	char crossing_text[HURD_PATH_MAX];
	struct lookup_crossing crossings[LOOKUP_MAX_CROSSINGS];
};

/* Looks name up (see above) and sets *result to a send right to it. */
int lookup_file(const struct lookup_context *ctx, struct lookup_workspace *workspace,
                const char *name, int flags, hurd_mode_t mode, mach_port_t *result);

/* The auth rendezvous for one port: a fresh receive right as rendezvous,
 * io_reauthenticate(port) (the server answers it before it finishes the
 * rendezvous with the auth server, as lib/iohelp does) and then
 * auth_user_authenticate(auth), each with timeout_ms (0: the default). *new_port is the port
 * authenticated as auth's identity; port is not released. Errors as for lookup_file. */
int lookup_reauthenticate(mach_port_t port, mach_port_t auth, unsigned timeout_ms,
                          mach_port_t *new_port);

/* An RPC's kern_return_t as an errno value (0 stays 0): server errno values
 * pass, timeouts are ETIMEDOUT, a dead server EIO, MIG's reply errors EPROTO,
 * MIG_BAD_ID EOPNOTSUPP, interruptions EINTR, other Mach errors EIO. */
int lookup_rpc_error(kern_return_t result);

/* Releases a send right the caller owns (no-op for MACH_PORT_NULL/DEAD). */
void lookup_release(mach_port_t port);

#endif
