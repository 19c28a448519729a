/* The exec server's start: its bucket (exec.defs; notifications), the
 * server object whose port clients call, the emulator image it keeps. */
#include "exec_server.h"

#include <errno.h>
#include <hurd/hurd_demux.h>

const void *exec_emulator_image;
size_t exec_emulator_size;
mach_port_t exec_self_port;

static const struct ports_class exec_server_class = {"exec server", NULL};

static const mach_msg_demux_t exec_demuxers[] = {exec_server, notify_server};

int exec_server_start(const struct exec_server_config *config, mach_port_t *port)
{
	if (!config->emulator || config->emulator_size == 0 || config->max_workers == 0)
		return EINVAL;
	exec_emulator_image = config->emulator;
	exec_emulator_size = config->emulator_size;
	if (config->file_wait_ms)
		exec_file_wait_ms = config->file_wait_ms;
	struct ports_bucket_config bucket_config = {
	    .max_workers = config->max_workers,
	    .max_message = 20480, /* exec_exec: a path, argz vectors and three arrays inline */
	    .demuxers = exec_demuxers,
	    .demuxer_count = sizeof(exec_demuxers) / sizeof(exec_demuxers[0]),
	};
	struct ports_bucket *bucket;
	int error = ports_bucket_create(&bucket_config, &bucket);
	if (error)
		return error;
	struct ports_object *server;
	error = ports_create_object(bucket, &exec_server_class, sizeof(*server), &server);
	if (error)
		return error;
	/* Our reference keeps the server alive for good. */
	if (ports_get_send_right(server, port) != KERN_SUCCESS)
		return ENOMEM;
	/* One more send right of our own, offered to every program we start. */
	if (ports_get_send_right(server, &exec_self_port) != KERN_SUCCESS)
		exec_self_port = MACH_PORT_NULL;
	return 0;
}
