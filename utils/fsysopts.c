/* fsysopts: shows the options of the translator running on NODE (its file
 * system's file_get_fs_options) or changes them (fsys_set_options through the
 * node's translator control port), as the Hurd's fsysopts does. */
#include "utils_args.h"
#include "utils_node.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <timed_fs.h>
#include <timed_fsys.h>

static void usage(FILE *out)
{
	fputs("Usage: fsysopts [OPTION...] NODE [FS_OPTION...]\n"
	      "Without FS_OPTIONs, print the options of the translator running on NODE\n"
	      "(program name first); with them, give it those options (e.g. --contents=TEXT).\n"
	      "\n"
	      "  -L, --dereference  if NODE is a symbolic link, follow it\n"
	      "  -R, --recursive    also change the options of the translators below it\n"
	      "      --help         give this help\n",
	      out);
}

static int show_options(struct utils_session *session, const struct fsysopts_options *options)
{
	mach_port_t file;
	int flags = options->dereference ? 0 : HURD_O_NOLINK;
	int error = utils_open_node(session, options->node, flags, 0, &file);
	if (error)
		return error;
	static char buffer[4096];
	char *argz = buffer;
	mach_msg_type_number_t length = sizeof(buffer);
	error =
	    lookup_rpc_error(timed_file_get_fs_options(file, UTILS_RPC_TIMEOUT_MS, &argz, &length));
	lookup_release(file);
	if (error) {
		utils_report(session, options->node, NULL, error);
		return error;
	}
	char *line = malloc((size_t)length + 1);
	if (line == NULL) {
		utils_release_reply_data(argz, length, buffer);
		utils_report(session, options->node, NULL, ENOMEM);
		return ENOMEM;
	}
	utils_argz_to_line(argz, length, line, (size_t)length + 1);
	printf("%s\n", line);
	free(line);
	utils_release_reply_data(argz, length, buffer);
	return 0;
}

static int set_options(struct utils_session *session, const struct fsysopts_options *options)
{
	static char argz[65536];
	size_t argz_length =
	    utils_argz_build(options->fs_options, options->fs_option_count, argz, sizeof(argz));
	if (argz_length == 0) {
		utils_report(session, options->node, NULL, E2BIG);
		return E2BIG;
	}
	/* The node itself, not what its translator serves: its control port. */
	mach_port_t node;
	int flags = HURD_O_NOTRANS | (options->dereference ? 0 : HURD_O_NOLINK);
	int error = utils_open_node(session, options->node, flags, 0, &node);
	if (error)
		return error;
	mach_port_t control = MACH_PORT_NULL;
	error =
	    lookup_rpc_error(timed_file_get_translator_cntl(node, UTILS_RPC_TIMEOUT_MS, &control));
	lookup_release(node);
	if (error) {
		utils_report(session, options->node, error == ENXIO ? "no active translator" : NULL,
		             error);
		return error;
	}
	error = lookup_rpc_error(timed_fsys_set_options(control, UTILS_RPC_TIMEOUT_MS, argz,
	                                                (mach_msg_type_number_t)argz_length,
	                                                options->recursive));
	lookup_release(control);
	if (error)
		utils_report(session, options->node, NULL, error);
	return error;
}

int main(int argc, char **argv)
{
	struct fsysopts_options options;
	char message[256];
	switch (fsysopts_parse(argc, argv, &options, message, sizeof(message))) {
	case UTILS_PARSE_HELP:
		usage(stdout);
		return 0;
	case UTILS_PARSE_ERROR:
		fprintf(stderr, "fsysopts: %s\nTry 'fsysopts --help' for more information.\n",
		        message);
		return 1;
	case UTILS_PARSE_RUN:
		break;
	}
	struct utils_session session;
	if (utils_session_open(&session, "fsysopts"))
		return 1;
	int error = options.fs_option_count > 0 ? set_options(&session, &options)
	                                        : show_options(&session, &options);
	fflush(stdout);
	utils_session_close(&session);
	return error ? 1 : 0;
}
