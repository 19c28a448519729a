/* lib/lookup's resolution loop: dir_lookup and its retries (NORMAL, REAUTH,
 * MAGICAL) with the stack of crossings that ".." goes back through (lookup.h). */
#include "lookup.h"
#include "lookup_environment.h"
#include "lookup_names.h"

#include <mach.h>
#include <stdbool.h>
#include <timed_fs.h>

/* One lookup in progress: the directory it is at and the servers entered. */
struct lookup_run {
	const struct lookup_context *ctx;
	struct lookup_workspace *workspace;
	unsigned timeout_ms;
	unsigned max_steps;
	unsigned max_restarts;
	int flags;
	hurd_mode_t mode;
	mach_port_t at;          /* where the next dir_lookup goes */
	bool at_owned;           /* at is ours to release */
	bool started_at_root;    /* the chain began at ctx->root (else ctx->cwd) */
	bool origin_absolute;    /* workspace->origin is relative to the root */
	unsigned crossing_count; /* entries of workspace->crossings in use */
	size_t crossing_text_used;
	unsigned steps;
	unsigned restarts;
};

static void leave_current(struct lookup_run *run)
{
	if (run->at_owned)
		lookup_release(run->at);
	run->at = MACH_PORT_NULL;
	run->at_owned = false;
}

static void forget_crossings(struct lookup_run *run)
{
	for (unsigned i = 0; i < run->crossing_count; i++) {
		struct lookup_crossing *crossing = &run->workspace->crossings[i];
		if (crossing->owned)
			lookup_release(crossing->entered_from);
	}
	run->crossing_count = 0;
	run->crossing_text_used = 0;
}

static void release_everything(struct lookup_run *run)
{
	leave_current(run);
	forget_crossings(run);
}

/* Copies text (without leading slashes) to the name being resolved. */
static int set_name(struct lookup_run *run, const char *text)
{
	text += lookup_leading_slashes(text);
	size_t length = strlen(text);
	if (length >= sizeof(run->workspace->name))
		return ENAMETOOLONG;
	memmove(run->workspace->name, text, length + 1);
	return 0;
}

/* Starts a new chain at the root with the absolute name text. */
static int start_from_root(struct lookup_run *run, const char *text)
{
	release_everything(run);
	run->at = run->ctx->root;
	run->at_owned = false;
	run->started_at_root = true;
	run->origin_absolute = true;
	size_t length = strlen(text);
	if (length >= sizeof(run->workspace->origin))
		return ENAMETOOLONG;
	if (text != run->workspace->origin)
		memmove(run->workspace->origin, text, length + 1);
	return set_name(run, text);
}

/* ".." left a server no exact way back is known for: the chain's name made
 * absolute and resolved lexically, from the root. */
static int restart_lexically(struct lookup_run *run)
{
	if (++run->restarts > run->max_restarts)
		return ELOOP;
	const char *base = "";
	if (!run->origin_absolute) {
		if (run->ctx->cwd_path == NULL)
			return EXDEV;
		base = run->ctx->cwd_path;
	}
	struct lookup_workspace *workspace = run->workspace;
	int error =
	    lookup_lexical(workspace->scratch, sizeof(workspace->scratch), base, workspace->origin);
	if (error)
		return error;
	return start_from_root(run, workspace->scratch);
}

/* A NORMAL or REAUTH answer with a name left: remember where the name was
 * sent and which directory held the node crossed. The current port moves
 * into the record. */
static int record_crossing(struct lookup_run *run, const char *sent, size_t sent_length,
                           size_t retry_length)
{
	struct lookup_workspace *workspace = run->workspace;
	if (run->crossing_count == LOOKUP_MAX_CROSSINGS)
		return ELOOP;
	struct lookup_crossing *crossing = &workspace->crossings[run->crossing_count];
	size_t parent_length = 0;
	bool known = lookup_crossing_parent(sent, sent_length, workspace->retry, retry_length,
	                                    &parent_length);
	if (known && run->crossing_text_used + parent_length > sizeof(workspace->crossing_text))
		known = false;
	crossing->parent_known = known;
	crossing->parent_offset = (unsigned)run->crossing_text_used;
	crossing->parent_length = known ? (unsigned short)parent_length : 0;
	if (known) {
		memcpy(workspace->crossing_text + run->crossing_text_used, sent, parent_length);
		run->crossing_text_used += parent_length;
	}
	crossing->entered_from = run->at;
	crossing->owned = run->at_owned;
	run->crossing_count++;
	run->at = MACH_PORT_NULL;
	run->at_owned = false;
	return 0;
}

/* MAGICAL ".." or "../rest": back to where the server was entered. */
static int go_up(struct lookup_run *run)
{
	struct lookup_workspace *workspace = run->workspace;
	const char *rest = workspace->retry + 2;
	rest += lookup_leading_slashes(rest);
	if (run->crossing_count == 0) {
		if (!run->started_at_root)
			return restart_lexically(run);
		/* The root server's root: "/.." is "/". */
		leave_current(run);
		run->at = run->ctx->root;
		return set_name(run, rest);
	}
	struct lookup_crossing *crossing = &workspace->crossings[--run->crossing_count];
	run->crossing_text_used = crossing->parent_offset;
	leave_current(run);
	run->at = crossing->entered_from;
	run->at_owned = crossing->owned;
	if (!crossing->parent_known)
		return restart_lexically(run);
	return lookup_join(workspace->name, sizeof(workspace->name),
	                   workspace->crossing_text + crossing->parent_offset,
	                   crossing->parent_length, rest);
}

/* The magical names lib/lookup leaves to the caller; ends the lookup. */
static int call_magic_hook(struct lookup_run *run, mach_port_t *result)
{
	release_everything(run);
	if (run->ctx->magic == NULL)
		return ENOENT;
	mach_port_t port = MACH_PORT_NULL;
	int error = run->ctx->magic(run->ctx->magic_context, run->workspace->retry, run->flags,
	                            run->mode, &port);
	if (error) {
		lookup_release(port);
		return error;
	}
	if (!MACH_PORT_VALID(port))
		return EPROTO;
	*result = port;
	return 0;
}

/* One dir_lookup and what its answer says to do. Returns 0 to go on, or
 * ends the lookup: *done set (with *result) or an error. */
static int lookup_step(struct lookup_run *run, bool *done, mach_port_t *result)
{
	struct lookup_workspace *workspace = run->workspace;
	if (++run->steps > run->max_steps)
		return ELOOP;
	const char *sent = workspace->name[0] != '\0' ? workspace->name : ".";
	size_t sent_length = strlen(sent);
	retry_type retry = 0;
	mach_port_t answer = MACH_PORT_NULL;
	workspace->retry[0] = '\0';
	kern_return_t kr = timed_dir_lookup(run->at, run->timeout_ms, sent, run->flags, run->mode,
	                                    &retry, workspace->retry, &answer);
	if (kr != KERN_SUCCESS)
		return lookup_rpc_error(kr);
	size_t retry_length = strnlen(workspace->retry, sizeof(workspace->retry));
	if (retry_length == sizeof(workspace->retry)) {
		lookup_release(answer);
		return EPROTO;
	}
	switch (retry) {
	case FS_RETRY_NORMAL:
	case FS_RETRY_REAUTH: {
		if (!MACH_PORT_VALID(answer))
			return EPROTO;
		mach_port_t next = answer;
		if (retry == FS_RETRY_REAUTH) {
			int error =
			    lookup_reauthenticate(answer, run->ctx->auth, run->timeout_ms, &next);
			if (error == EOPNOTSUPP) {
				/* A translator without io_reauthenticate (one with no
				 * auth server, or another server's that lacks the
				 * call): its root came from fsys_getroot with our ids
				 * already, so it is used as it is. */
				next = answer;
			} else {
				lookup_release(answer);
				if (error)
					return error;
			}
		}
		if (retry_length == 0) {
			*result = next;
			*done = true;
			return 0;
		}
		int error = record_crossing(run, sent, sent_length, retry_length);
		if (error) {
			lookup_release(next);
			return error;
		}
		run->at = next;
		run->at_owned = true;
		return set_name(run, workspace->retry);
	}
	case FS_RETRY_MAGICAL:
		if (answer != MACH_PORT_NULL) {
			lookup_release(answer);
			return EPROTO;
		}
		if (workspace->retry[0] == '/') {
			if (++run->restarts > run->max_restarts)
				return ELOOP;
			return start_from_root(run, workspace->retry);
		}
		if (lookup_is_dotdot(workspace->retry))
			return go_up(run);
		if (retry_length == 0)
			return EPROTO;
		*done = true;
		return call_magic_hook(run, result);
	default:
		lookup_release(answer);
		return EPROTO;
	}
}

int lookup_file(const struct lookup_context *ctx, struct lookup_workspace *workspace,
                const char *name, int flags, hurd_mode_t mode, mach_port_t *result)
{
	*result = MACH_PORT_NULL;
	if (ctx == NULL || workspace == NULL || name == NULL || !MACH_PORT_VALID(ctx->root) ||
	    !MACH_PORT_VALID(ctx->auth))
		return EINVAL;
	if (name[0] == '\0')
		return ENOENT;
	struct lookup_run run = {
	    .ctx = ctx,
	    .workspace = workspace,
	    .timeout_ms = ctx->timeout_ms ? ctx->timeout_ms : LOOKUP_DEFAULT_TIMEOUT_MS,
	    .max_steps = ctx->max_steps ? ctx->max_steps : LOOKUP_DEFAULT_MAX_STEPS,
	    .max_restarts = ctx->max_restarts ? ctx->max_restarts : LOOKUP_DEFAULT_MAX_RESTARTS,
	    .flags = flags,
	    .mode = mode,
	};
	int error;
	if (name[0] == '/' || !MACH_PORT_VALID(ctx->cwd)) {
		/* Relative names without a current directory are from the root. */
		error = start_from_root(&run, name);
	} else {
		run.at = ctx->cwd;
		run.origin_absolute = false;
		size_t length = strlen(name);
		error = length < sizeof(workspace->origin) ? 0 : ENAMETOOLONG;
		if (!error) {
			memcpy(workspace->origin, name, length + 1);
			error = set_name(&run, name);
		}
	}
	bool done = false;
	mach_port_t found = MACH_PORT_NULL;
	while (!error && !done)
		error = lookup_step(&run, &done, &found);
	release_everything(&run);
	if (error) {
		lookup_release(found);
		return error;
	}
	*result = found;
	return 0;
}
