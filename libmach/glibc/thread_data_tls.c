/* libmach's per-thread block for glibc programs: one per thread in TLS, and a
 * pthread key whose destructor destroys the thread's reply port at its exit. */
#include <pthread.h>
#include <libmach/thread_data.h>

static __thread struct libmach_thread_data thread_data;
static __thread int exit_hook_set;
static pthread_key_t exit_key;
static pthread_once_t exit_key_once = PTHREAD_ONCE_INIT;
static int exit_key_valid;

static void destroy_reply_port(void *unused)
{
	(void)unused;
	libmach_thread_exit();
}

static void make_exit_key(void)
{
	exit_key_valid = pthread_key_create(&exit_key, destroy_reply_port) == 0;
}

struct libmach_thread_data *libmach_thread_data(void)
{
	if (!exit_hook_set) {
		/* Without the key (out of keys) the reply port outlives its thread:
		 * a leak of one right, never a wrong answer. */
		exit_hook_set = 1;
		if (pthread_once(&exit_key_once, make_exit_key) == 0 && exit_key_valid)
			(void)pthread_setspecific(exit_key, &thread_data);
	}
	return &thread_data;
}
