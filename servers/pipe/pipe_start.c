/* The pipe server's start: its bucket (a request catcher for late replies,
 * pipe.defs, io.defs, interrupt.defs, notifications), the waiters' notification object and
 * deadline thread, and the server object pipe_create is called on. */
#include "pipe_server.h"

#include <errno.h>
#include <hurd/hurd_demux.h>

boolean_t pipe_capture_request(mach_msg_header_t *request, mach_msg_header_t *reply);

struct ports_bucket *pipe_bucket;

static const mach_msg_demux_t pipe_demuxers[] = {pipe_capture_request, pipe_server, io_server,
                                                 interrupt_server, notify_server};

int pipe_server_start(unsigned max_workers, unsigned max_pipes, mach_port_t *server)
{
	struct ports_bucket_config config = {
	    .max_workers = max_workers,
	    .max_message = 8192,
	    .demuxers = pipe_demuxers,
	    .demuxer_count = sizeof(pipe_demuxers) / sizeof(pipe_demuxers[0]),
	};
	pipe_max = max_pipes;
	int error = ports_bucket_create(&config, &pipe_bucket);
	if (!error)
		error = pipe_waiters_init();
	if (error)
		return error;
	struct ports_object *object;
	error = ports_create_object(pipe_bucket, &pipe_server_class, sizeof(*object), &object);
	if (error)
		return error;
	kern_return_t result = ports_get_send_right(object, server);
	/* The server object lives as long as the program: the reference is kept. */
	return result == KERN_SUCCESS ? 0 : ENOMEM;
}
