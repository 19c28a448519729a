/* The auth server's start: its bucket (auth.defs and notifications), the
 * rendezvous' notification object and the root handle; its counts. */
#include "auth_server.h"

#include <errno.h>
#include <hurd/hurd_demux.h>

static const mach_msg_demux_t auth_demuxers[] = {auth_server, notify_server};

int auth_server_start(unsigned max_workers, mach_port_t *root)
{
	struct ports_bucket_config config = {
	    .max_workers = max_workers,
	    .max_message = 8192,
	    .demuxers = auth_demuxers,
	    .demuxer_count = sizeof(auth_demuxers) / sizeof(auth_demuxers[0]),
	};
	int error = ports_bucket_create(&config, &auth_bucket);
	if (!error)
		error = auth_rendezvous_init();
	if (error)
		return error;
	static const uint32_t zero[] = {0};
	const uint32_t *const ids[AUTH_SETS] = {zero, zero, zero, zero};
	const size_t counts[AUTH_SETS] = {1, 1, 1, 1};
	struct auth_handle *handle;
	error = auth_handle_create(ids, counts, &handle);
	if (error)
		return error;
	kern_return_t result = ports_get_send_right(handle, root);
	ports_object_release(handle);
	return result == KERN_SUCCESS ? 0 : ENOMEM;
}

size_t auth_handle_count(void)
{
	struct ports_bucket_stats stats;
	ports_bucket_stats(auth_bucket, &stats);
	return stats.objects - 1; /* less the notification object */
}
