/* The proc server's start: its bucket (proc.defs and notifications), the
 * notification object, the table with init (pid 1) and init's proc port. */
#include "proc_server.h"

#include <errno.h>
#include <hurd/hurd_demux.h>

static const mach_msg_demux_t proc_demuxers[] = {proc_server, notify_server};

int proc_server_start(unsigned max_workers, mach_port_t *init_port)
{
	struct ports_bucket_config config = {
	    .max_workers = max_workers,
	    .max_message = 8192,
	    .demuxers = proc_demuxers,
	    .demuxer_count = sizeof(proc_demuxers) / sizeof(proc_demuxers[0]),
	};
	int error = ports_bucket_create(&config, &proc_bucket);
	if (!error)
		error = proc_wait_init();
	if (!error)
		error = proc_table_init(&proc_table);
	if (error)
		return error;
	pthread_mutex_lock(&proc_lock);
	struct proc_record *init = proc_table_find(&proc_table, PROC_INIT_PID);
	struct proc_port *port = proc_port_object_locked(init);
	kern_return_t result =
	    port ? ports_get_send_right(port, init_port) : KERN_RESOURCE_SHORTAGE;
	pthread_mutex_unlock(&proc_lock);
	return result == KERN_SUCCESS ? 0 : ENOMEM;
}

size_t proc_record_count(void)
{
	pthread_mutex_lock(&proc_lock);
	size_t count = proc_table.count;
	pthread_mutex_unlock(&proc_lock);
	return count;
}
