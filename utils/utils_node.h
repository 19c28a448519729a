/* What settrans, showtrans and fsysopts share at run time: the root directory
 * and auth ports, NODE names looked up with lib/lookup, timed RPC errors as
 * messages, and argz replies (inline or out of line) given back. */
#ifndef WB_UTILS_NODE_H
#define WB_UTILS_NODE_H

#include <lookup.h>
#include <mach/port.h>
#include <stddef.h>

/* Every RPC of the utilities waits at most this long. */
#define UTILS_RPC_TIMEOUT_MS 10000

struct utils_session {
	const char *program; /* for messages: "settrans" */
	struct lookup_context lookup;
	mach_port_t root; /* ours: released by utils_session_close */
	mach_port_t auth;
	mach_port_t cwd;     /* INIT_PORT_CWDIR, or null (names from the root) */
	char cwd_path[4096]; /* getcwd's text, for ".." out of translators */
};

/* Gets the root directory and auth ports: the init ports INIT_PORT_CRDIR and
 * INIT_PORT_AUTH when whoever started the program gave them, else the boot
 * runner's registry ("root", "auth"). Prints a message and returns an errno
 * value when there are none. */
int utils_session_open(struct utils_session *session, const char *program);
void utils_session_close(struct utils_session *session);

/* Looks NODE up (relative names from the current directory the program was
 * started with, INIT_PORT_CWDIR; from the root without one). On failure
 * prints "PROGRAM: NODE: reason". */
int utils_open_node(struct utils_session *session, const char *node, int flags, unsigned mode,
                    mach_port_t *port);

/* Prints "PROGRAM: NODE: strerror(error)" (or "PROGRAM: NODE: what:
 * reason" when what is not NULL). */
void utils_report(const struct utils_session *session, const char *node, const char *what,
                  int error);

/* Gives back an argz a MIG stub returned out of line (data is not buffer). */
void utils_release_reply_data(const char *data, size_t length, const char *buffer);

#endif
