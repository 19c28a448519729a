/* showtrans: prints the passive translator record of each NODE (the argz
 * vector as one line of words), as the Hurd's showtrans does. */
#include "utils_args.h"
#include "utils_node.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <timed_fs.h>

static void usage(FILE *out)
{
	fputs("Usage: showtrans [OPTION...] NODE...\n"
	      "Show the passive translator of each NODE.\n"
	      "\n"
	      "  -p, --prefix      always print 'NODE: ' before the translator\n"
	      "  -P, --no-prefix   never print it (the default unless several NODEs)\n"
	      "  -s, --silent      print nothing; the exit status says if all had one\n"
	      "  -q, --quiet       the same as --silent\n"
	      "  -t, --translated  only show NODEs that have a passive translator\n"
	      "      --help        give this help\n",
	      out);
}

/* Shows one node's record: 0, or an errno value (already reported). */
static int show_one(struct utils_session *session, const struct showtrans_options *options,
                    const char *node)
{
	mach_port_t file;
	int error = utils_open_node(session, node, HURD_O_NOTRANS | HURD_O_NOLINK, 0, &file);
	if (error)
		return error;
	static char buffer[4096];
	char *record = buffer;
	mach_msg_type_number_t length = sizeof(buffer);
	error = lookup_rpc_error(
	    timed_file_get_translator(file, UTILS_RPC_TIMEOUT_MS, &record, &length));
	lookup_release(file);
	if (error == EINVAL) {
		/* No passive record. */
		if (!options->translated && !options->silent)
			printf("%s%s\n", options->prefix ? node : "", options->prefix ? ": " : "");
		return options->silent ? EINVAL : 0;
	}
	if (error) {
		if (!options->silent)
			utils_report(session, node, NULL, error);
		return error;
	}
	char *line = malloc((size_t)length + 1);
	if (line == NULL) {
		utils_release_reply_data(record, length, buffer);
		utils_report(session, node, NULL, ENOMEM);
		return ENOMEM;
	}
	utils_argz_to_line(record, length, line, (size_t)length + 1);
	if (!options->silent)
		printf("%s%s%s\n", options->prefix ? node : "", options->prefix ? ": " : "", line);
	free(line);
	utils_release_reply_data(record, length, buffer);
	return 0;
}

int main(int argc, char **argv)
{
	struct showtrans_options options;
	char message[256];
	switch (showtrans_parse(argc, argv, &options, message, sizeof(message))) {
	case UTILS_PARSE_HELP:
		usage(stdout);
		return 0;
	case UTILS_PARSE_ERROR:
		fprintf(stderr, "showtrans: %s\nTry 'showtrans --help' for more information.\n",
		        message);
		return 1;
	case UTILS_PARSE_RUN:
		break;
	}
	struct utils_session session;
	if (utils_session_open(&session, "showtrans"))
		return 1;
	int status = 0;
	for (int i = 0; i < options.node_count; i++)
		if (show_one(&session, &options, options.nodes[i]))
			status = 1;
	fflush(stdout);
	utils_session_close(&session);
	return status;
}
