/* Telling proc the new image's argv and envp (proc_set_args, for ps) through
 * the process's own proc port (INIT_PORT_PROC), with exec's timeout. */
#include "exec_server.h"

#include <stdlib.h>
#include <string.h>
#include "proc_timed.h"

/* proc keeps at most this much of each (servers/proc: PROC_ARGS_MAX). */
#define PROC_ARGS_KEPT (64u << 10)

/* words as an argz vector in buffer, whole words only: its length. */
static size_t argz_of(char *const *words, char *buffer, size_t room)
{
	size_t length = 0;
	for (size_t i = 0; words && words[i]; i++) {
		size_t size = strlen(words[i]) + 1;
		if (size > room - length)
			break;
		memcpy(buffer + length, words[i], size);
		length += size;
	}
	return length;
}

void exec_tell_proc(mach_port_t proc, char *const *argv, char *const *envp)
{
	if (!MACH_PORT_VALID(proc))
		return;
	char *argv_text = malloc(PROC_ARGS_KEPT), *envp_text = malloc(PROC_ARGS_KEPT);
	if (argv_text && envp_text) {
		size_t argv_length = argz_of(argv, argv_text, PROC_ARGS_KEPT);
		size_t envp_length = argz_of(envp, envp_text, PROC_ARGS_KEPT);
		/* Only for ps: an error (proc gone, silent) changes nothing else. */
		(void)exec_timed_proc_set_args(proc, argv_text, (mach_msg_type_number_t)argv_length,
		                               envp_text, (mach_msg_type_number_t)envp_length);
	}
	free(argv_text);
	free(envp_text);
}
