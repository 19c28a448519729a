/* The term server (servers/term): a line-discipline terminal on the serial
 * driver whose device port the boot runner's registry holds; registers its own
 * terminal port there in turn and serves io and term on a bounded bucket. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <device/device.h>
#include <hurd/hurd_demux.h>
#include <libmach/glibc.h>
#include <wildebeest/bootstrap_registry_client.h>
#include "term.h"
#include "term_jobs.h"

#define TERM_WORKERS 4

struct term term = {.lock = PTHREAD_MUTEX_INITIALIZER, .foreground = 1};

boolean_t term_io_late_server(mach_msg_header_t *request, mach_msg_header_t *reply);

/* io_read first (term_io_late.defs gives its routine the reply port). */
static const mach_msg_demux_t term_demuxers[] = {term_io_late_server, io_server, term_server,
                                                 interrupt_server, notify_server};
static const struct ports_class terminal_class = {"terminal", NULL};

static void usage(FILE *out)
{
	fprintf(out, "Usage: term [--test-hooks]\n"
	             "A terminal on the serial driver registered before it (drivers/serial).\n");
}

int main(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--help") == 0) {
			usage(stdout);
			return 0;
		} else if (strcmp(argv[i], "--test-hooks") == 0) {
			term.test_hooks = true;
		} else {
			fprintf(stderr, "term: bad argument '%s'\n", argv[i]);
			usage(stderr);
			return 2;
		}
	}
	term_discipline_init(&term.discipline);
	mach_port_t driver = MACH_PORT_NULL;
	int error = bootstrap_registry_lookup(libmach_bootstrap_port, &driver);
	if (error) {
		fprintf(stderr, "term: no serial driver in the registry (%d)\n", error);
		return 1;
	}
	kern_return_t result = device_open(driver, D_READ | D_WRITE, "console", &term.device);
	(void)mach_port_deallocate(mach_task_self(), driver);
	if (result != D_SUCCESS) {
		fprintf(stderr, "term: cannot open the serial device (0x%x)\n", result);
		return 1;
	}
	struct ports_bucket_config config = {
	    .max_workers = TERM_WORKERS,
	    .max_message = 8192,
	    .demuxers = term_demuxers,
	    .demuxer_count = sizeof(term_demuxers) / sizeof(term_demuxers[0]),
	};
	error = ports_bucket_create(&config, &term.bucket);
	if (!error)
		error = ports_create_object(term.bucket, &terminal_class,
		                            sizeof(struct ports_object), &term.object);
	if (error) {
		fprintf(stderr, "term: cannot start serving: %s\n", strerror(error));
		return 1;
	}
	error = term_jobs_init();
	if (error) {
		fprintf(stderr, "term: no job control: %s\n", strerror(error));
		return 1;
	}
	pthread_t input, timer;
	error = term_timer_init();
	if (!error)
		error = pthread_create(&timer, NULL, term_timer_thread, NULL);
	if (!error)
		error = pthread_create(&input, NULL, term_input_thread, NULL);
	if (error) {
		fprintf(stderr, "term: no input or timer thread: %s\n", strerror(error));
		return 1;
	}
	mach_port_t port = MACH_PORT_NULL;
	result = ports_get_send_right(term.object, &port);
	if (result == KERN_SUCCESS)
		result = bootstrap_registry_register(libmach_bootstrap_port, port);
	if (result != KERN_SUCCESS) {
		fprintf(stderr, "term: cannot register the terminal port (0x%x)\n", result);
		return 1;
	}
	printf("term: serving a terminal on the serial driver\n");
	fflush(stdout);
	for (;;)
		sleep(3600);
}
