/* lookup_cat PATH...: reads each file through lib/lookup (dir_lookup and its
 * retries from the registry's root, as root) and io_read, and prints
 * "lookup_cat: PATH: CONTENTS" or "lookup_cat: PATH: ERROR" (exit status 1). */
#include "utils_node.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <timed_io.h>

static struct lookup_workspace workspace;

static int cat_one(struct utils_session *session, const char *path)
{
	mach_port_t file;
	int error = lookup_file(&session->lookup, &workspace, path, HURD_O_READ, 0, &file);
	if (error) {
		printf("lookup_cat: %s: %s\n", path, strerror(error));
		return error;
	}
	static char buffer[4096];
	char *data = buffer;
	mach_msg_type_number_t length = sizeof(buffer);
	error = lookup_rpc_error(
	    timed_io_read(file, UTILS_RPC_TIMEOUT_MS, &data, &length, 0, sizeof(buffer) - 1));
	lookup_release(file);
	if (error) {
		printf("lookup_cat: %s: read: %s\n", path, strerror(error));
		return error;
	}
	size_t shown = length < sizeof(buffer) ? length : sizeof(buffer) - 1;
	char text[4096];
	memcpy(text, data, shown);
	text[shown] = '\0';
	while (shown > 0 && text[shown - 1] == '\n')
		text[--shown] = '\0';
	printf("lookup_cat: %s: \"%s\"\n", path, text);
	utils_release_reply_data(data, length, buffer);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "Usage: lookup_cat PATH...\n");
		return 1;
	}
	struct utils_session session;
	if (utils_session_open(&session, "lookup_cat"))
		return 1;
	int status = 0;
	for (int i = 1; i < argc; i++)
		if (cat_one(&session, argv[i]))
			status = 1;
	fflush(stdout);
	utils_session_close(&session);
	return status;
}
