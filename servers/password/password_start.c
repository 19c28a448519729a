/* The password server's start: its bucket (password.defs; at most
 * max_workers checks at once), the delayed refusals' thread and the server
 * object the routines are called on. */
#include "password_server.h"

#include <errno.h>
#include <hurd/hurd_demux.h>

extern const struct ports_class password_server_class;

/* io_server answers io_stat (password_stat.c) for /servers/password. */
static const mach_msg_demux_t password_demuxers[] = {password_server, io_server};

int password_server_start(unsigned max_workers, mach_port_t root, mach_port_t auth,
                          mach_port_t *server)
{
	password_root = root;
	password_auth = auth;
	struct ports_bucket_config config = {
	    .max_workers = max_workers,
	    .max_message = 8192,
	    .demuxers = password_demuxers,
	    .demuxer_count = sizeof(password_demuxers) / sizeof(password_demuxers[0]),
	};
	struct ports_bucket *bucket;
	int error = ports_bucket_create(&config, &bucket);
	if (!error)
		error = password_delay_init();
	if (error)
		return error;
	struct ports_object *object;
	error = ports_create_object(bucket, &password_server_class, sizeof(*object), &object);
	if (error)
		return error;
	/* The server object lives as long as the program: the reference is kept. */
	return ports_get_send_right(object, server) == KERN_SUCCESS ? 0 : ENOMEM;
}
