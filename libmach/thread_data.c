/* The fallback per-thread hook of <libmach/thread_data.h>: one block for the
 * whole program, which is right only with a single thread. Runtimes with
 * threads override the weak definition. */
#include <libmach/thread_data.h>

static struct libmach_thread_data only_thread_data;

__attribute__((weak)) struct libmach_thread_data *libmach_thread_data(void)
{
	return &only_thread_data;
}
