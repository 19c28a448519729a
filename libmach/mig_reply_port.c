/* The MIG reply port: one receive right per thread, made on first use with the
 * mach_reply_port trap, kept in the runtime's per-thread slot and destroyed
 * after an RPC failed (a late reply must not answer the next RPC). */
#include <mach.h>
#include <libmach/thread_data.h>

mach_port_t mig_get_reply_port(void)
{
	struct libmach_thread_data *data = libmach_thread_data();
	if (data->reply_port == MACH_PORT_NULL)
		data->reply_port = (mach_reply_port)();
	return data->reply_port;
}

void mig_put_reply_port(mach_port_t reply_port)
{
	(void)reply_port;
}

void mig_dealloc_reply_port(mach_port_t reply_port)
{
	struct libmach_thread_data *data = libmach_thread_data();
	if (data->reply_port == reply_port)
		data->reply_port = MACH_PORT_NULL;
	if (!MACH_PORT_VALID(reply_port) || data->destroying_reply_port)
		return;
	/* mach_port_destroy is an RPC with a reply port of its own; if it fails,
	 * its stub comes back here and must not start another destroy. */
	data->destroying_reply_port = 1;
	(void)mach_port_destroy(mach_task_self(), reply_port);
	data->destroying_reply_port = 0;
}

void libmach_thread_exit(void)
{
	struct libmach_thread_data *data = libmach_thread_data();
	mach_port_t reply_port = data->reply_port;
	if (!MACH_PORT_VALID(reply_port))
		return;
	/* The destroy RPC uses the dying port as its own reply port (a new one would
	 * outlive the thread): the kernel destroys it before answering, the answer
	 * is lost and the stub's failure path finds the destroy already under way. */
	data->destroying_reply_port = 1;
	(void)mach_port_destroy(mach_task_self(), reply_port);
	data->reply_port = MACH_PORT_NULL;
	data->destroying_reply_port = 0;
}
