/* The password server's file reading: each check looks the file up from the
 * root directory through lib/lookup (with the server's root auth handle) and
 * reads it whole with timed io_read calls, so edits take effect at once. */
#include "password_server.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <lookup.h>
#include <timed_io.h>

mach_port_t password_root, password_auth;

#define READ_CHUNK (64 * 1024)

static int read_all(mach_port_t file, char **text, size_t *length)
{
	size_t used = 0, size = 4096;
	char *buffer = malloc(size);
	if (!buffer)
		return ENOMEM;
	for (;;) {
		if (size - used < READ_CHUNK) {
			size_t grown = size * 2 > used + READ_CHUNK ? size * 2 : used + READ_CHUNK;
			char *bigger = realloc(buffer, grown);
			if (!bigger) {
				free(buffer);
				return ENOMEM;
			}
			buffer = bigger, size = grown;
		}
		char *data = buffer + used;
		mach_msg_type_number_t count = READ_CHUNK;
		int error = lookup_rpc_error(
		    timed_io_read(file, PASSWORD_RPC_TIMEOUT_MS, &data, &count, -1, READ_CHUNK));
		if (error) {
			free(buffer);
			return error;
		}
		if (data != buffer + used) { /* out of line */
			if (count <= READ_CHUNK)
				memcpy(buffer + used, data, count);
			(void)vm_deallocate(mach_task_self(), (vm_address_t)data, count);
		}
		if (count > READ_CHUNK) {
			free(buffer);
			return EPROTO; /* more than asked for */
		}
		if (count == 0)
			break;
		used += count;
		if (used > PASSWORD_FILE_MAX) {
			free(buffer);
			return EFBIG;
		}
	}
	*text = buffer;
	*length = used;
	return 0;
}

int password_read_file(const char *path, char **text, size_t *length)
{
	struct lookup_workspace *workspace = malloc(sizeof(*workspace));
	if (!workspace)
		return ENOMEM;
	struct lookup_context context = {
	    .root = password_root,
	    .auth = password_auth,
	    .cwd_path = "/",
	    .timeout_ms = PASSWORD_RPC_TIMEOUT_MS,
	};
	mach_port_t file = MACH_PORT_NULL;
	int error = lookup_file(&context, workspace, path, HURD_O_READ, 0, &file);
	free(workspace);
	if (error)
		return error;
	error = read_all(file, text, length);
	lookup_release(file);
	return error;
}
