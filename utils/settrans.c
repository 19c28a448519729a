/* settrans: sets the passive translator record of NODE and/or starts and
 * attaches an active translator, or makes the running one go away, with the
 * Hurd's settrans options. */
#include "settrans_active.h"
#include "utils_args.h"
#include "utils_node.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <timed_fs.h>

static void usage(FILE *out)
{
	fputs("Usage: settrans [OPTION...] NODE [TRANSLATOR ARG...]\n"
	      "Set the passive translator of NODE (the default), start an active one (-a),\n"
	      "or make the running one go away (-g). Without TRANSLATOR the passive record\n"
	      "is cleared (and with -a the active translator is stopped).\n"
	      "\n"
	      "  -a, --active       start TRANSLATOR now and attach it to NODE\n"
	      "  -p, --passive      set the passive record too (the default without -a)\n"
	      "  -c, --create       create NODE if it does not exist\n"
	      "  -L, --dereference  if NODE is a symbolic link, use its target\n"
	      "  -P, --pause        with -a, wait for Return before attaching the translator\n"
	      "  -x, --exclusive    only if NODE has no such translator yet\n"
	      "When an active translator is replaced or goes away:\n"
	      "  -g, --goaway       make the active translator go away\n"
	      "  -k, --keep-active  leave the old active translator running, detached\n"
	      "  -f, --force        even if it has clients\n"
	      "  -R, --recursive    and the translators below it\n"
	      "  -S, --nosync       without syncing it first\n"
	      "      --help         give this help\n",
	      out);
}

/* The file_set_translator flags the options ask for. */
static void translator_flags(const struct settrans_options *options, bool starting,
                             int *passive_flags, int *active_flags, int *goaway_flags)
{
	*passive_flags = options->passive ? FS_TRANS_SET : 0;
	*active_flags = 0;
	if (starting || options->goaway || (options->active && options->translator_count == 0))
		*active_flags = FS_TRANS_SET;
	if (options->exclusive) {
		*passive_flags |= *passive_flags ? FS_TRANS_EXCL : 0;
		*active_flags |= starting ? FS_TRANS_EXCL : 0;
	}
	if (*active_flags && options->force)
		*active_flags |= FS_TRANS_FORCE;
	if (*active_flags && options->keep_active)
		*active_flags |= FS_TRANS_ORPHAN;
	*goaway_flags = (options->force ? FSYS_GOAWAY_FORCE : 0) |
	                (options->recursive ? FSYS_GOAWAY_RECURSE : 0) |
	                (options->nosync ? FSYS_GOAWAY_NOSYNC : 0);
}

static void wait_for_return(void)
{
	fputs("settrans: translator started; press Return to attach it\n", stderr);
	int c;
	do
		c = getchar();
	while (c != EOF && c != '\n');
}

static int set_translator(struct utils_session *session, const struct settrans_options *options)
{
	static char argz[65536];
	size_t argz_length = 0;
	if (options->translator_count > 0) {
		argz_length = utils_argz_build(options->translator, options->translator_count, argz,
		                               sizeof(argz));
		if (argz_length == 0) {
			utils_report(session, options->node, NULL, E2BIG);
			return E2BIG;
		}
	}
	int flags = HURD_O_NOTRANS | (options->dereference ? 0 : HURD_O_NOLINK) |
	            (options->create ? HURD_O_CREAT : 0);
	mach_port_t node;
	int error = utils_open_node(session, options->node, flags, 0666, &node);
	if (error)
		return error;
	bool starting = options->active && options->translator_count > 0;
	mach_port_t control = MACH_PORT_NULL, task = MACH_PORT_NULL;
	if (starting) {
		error = settrans_start(session, options->node, node, argz, argz_length, &control,
		                       &task);
		if (error) {
			lookup_release(node);
			return error;
		}
		if (options->pause)
			wait_for_return();
	}
	int passive_flags, active_flags, goaway_flags;
	translator_flags(options, starting, &passive_flags, &active_flags, &goaway_flags);
	error = lookup_rpc_error(
	    timed_file_set_translator(node, UTILS_RPC_TIMEOUT_MS, passive_flags, active_flags,
	                              goaway_flags, options->passive ? argz : NULL,
	                              (mach_msg_type_number_t)(options->passive ? argz_length : 0),
	                              control, MACH_MSG_TYPE_COPY_SEND));
	lookup_release(node);
	if (error) {
		utils_report(session, options->node, NULL, error);
		settrans_stop(control, task);
		return error;
	}
	/* The node holds the control port now; the task runs on. */
	lookup_release(control);
	lookup_release(task);
	return 0;
}

int main(int argc, char **argv)
{
	struct settrans_options options;
	char message[256];
	switch (settrans_parse(argc, argv, &options, message, sizeof(message))) {
	case UTILS_PARSE_HELP:
		usage(stdout);
		return 0;
	case UTILS_PARSE_ERROR:
		fprintf(stderr, "settrans: %s\nTry 'settrans --help' for more information.\n",
		        message);
		return 1;
	case UTILS_PARSE_RUN:
		break;
	}
	struct utils_session session;
	if (utils_session_open(&session, "settrans"))
		return 1;
	int error = set_translator(&session, &options);
	utils_session_close(&session);
	return error ? 1 : 0;
}
