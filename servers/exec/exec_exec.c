/* exec_exec (hurd/exec.defs): checks the task and the file, reads the image
 * (following "#!" scripts to their interpreter), and only then empties the
 * task (it may be the caller's own, running) and starts the image in it with
 * the emulator, argv/envp, fds, init ports and ints (lib/loader). */
#include "exec_server.h"
#include "exec_logic.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <hurd/exec_server.h>
#include "loader/loader.h"
#include "loader/loader_image.h"

/* The loader's refusal or failure as an errno value. */
static int loader_errno(enum loader_error error, kern_return_t mach_result)
{
	switch (error) {
	case LOADER_OK:
		return 0;
	case LOADER_BAD_PROGRAM:
		return ENOEXEC;
	case LOADER_BAD_ARGUMENTS:
		return E2BIG;
	case LOADER_BAD_EMULATOR:
		return EIO;
	default:
		if (mach_result == KERN_RESOURCE_SHORTAGE || mach_result == KERN_NO_SPACE)
			return ENOMEM;
		if (mach_result == MACH_SEND_INVALID_DEST || mach_result == KERN_INVALID_ARGUMENT ||
		    mach_result == KERN_INVALID_TASK)
			return ESRCH; /* the task died meanwhile */
		return EIO;
	}
}

struct exec_words {
	char **argv, **envp;
	char *argv_bytes, *envp_bytes;
	/* "#!" levels: the interpreters' names and arguments the argv points at. */
	char script_strings[EXEC_SCRIPT_DEPTH_MAX][2][EXEC_SCRIPT_LINE_MAX + 1];
};

static int split_words(const char *argv, size_t argv_length, const char *envp, size_t envp_length,
                       struct exec_words *words)
{
	size_t argc = 0, envc = 0;
	if (argv_length + envp_length > EXEC_MAX_ARGZ)
		return E2BIG;
	int error = exec_argz_split(argv, argv_length, EXEC_MAX_WORDS, &words->argv, &argc,
	                            &words->argv_bytes);
	if (!error)
		error = exec_argz_split(envp, envp_length, EXEC_MAX_WORDS - argc, &words->envp,
		                        &envc, &words->envp_bytes);
	return error;
}

static void free_words(struct exec_words *words)
{
	free(words->argv);
	free(words->envp);
	free(words->argv_bytes);
	free(words->envp_bytes);
}

/* What goes into the task besides the image. */
struct exec_passed {
	const mach_port_t *ports, *fds;
	size_t port_count, fd_count;
	const int32_t *ints;
	size_t int_count;
};

/* Loads image into task; 0 or an errno value. */
static int load(mach_port_t task, const void *image, size_t image_size, const char *filename,
                const struct exec_words *words, const struct exec_passed *passed)
{
	struct loader_program program = {
	    .image = image,
	    .image_size = image_size,
	    .emulator = exec_emulator_image,
	    .emulator_size = exec_emulator_size,
	    .argv = words->argv,
	    .envp = words->envp,
	    .execfn = filename,
	    .pid = 1000, /* placeholders until exec asks proc */
	    .ppid = 1,
	    .init_ports = passed->ports,
	    .init_port_count = (unsigned)passed->port_count,
	    .fds = passed->fds,
	    .fd_count = (unsigned)passed->fd_count,
	    .ints = passed->ints,
	    .int_count = (unsigned)passed->int_count,
	};
	kern_return_t mach_result = KERN_SUCCESS;
	const char *detail = "";
	enum loader_error error = loader_load_into(task, &program, &mach_result, &detail);
	if (error == LOADER_BAD_PROGRAM)
		fprintf(stderr, "exec: %s: not started: %s\n", filename, detail);
	else if (error != LOADER_OK)
		fprintf(stderr, "exec: %s: not started: %s (0x%x)\n", filename, detail,
		        mach_result);
	return loader_errno(error, mach_result);
}

static void release_request_rights(mach_port_t file, mach_port_t task, const mach_port_t *fds,
                                   size_t fd_count, const mach_port_t *ports, size_t port_count)
{
	mach_port_t self = mach_task_self();
	if (MACH_PORT_VALID(file))
		(void)mach_port_deallocate(self, file);
	if (MACH_PORT_VALID(task))
		(void)mach_port_deallocate(self, task);
	for (size_t i = 0; i < fd_count; i++)
		if (MACH_PORT_VALID(fds[i]))
			(void)mach_port_deallocate(self, fds[i]);
	for (size_t i = 0; i < port_count; i++)
		if (MACH_PORT_VALID(ports[i]))
			(void)mach_port_deallocate(self, ports[i]);
}

static void free_image(void *image, size_t size)
{
	if (image)
		(void)vm_deallocate(mach_task_self(), (vm_address_t)image,
		                    (size + 4095) & ~(size_t)4095);
}

/* Reads file; while it is a "#!" script, its interpreter instead, with argv
 * rewritten (interpreter, argument, the script's name, argv[1..]). On
 * success *image is a checked ELF image. 0 or an errno value. */
static int read_program(mach_port_t file, const char *filename, struct exec_words *words,
                        const mach_port_t *ports, size_t port_count, void **image,
                        size_t *image_size)
{
	int error = exec_read_file(file, image, image_size);
	const char *name = filename;
	for (int depth = 0; !error && exec_is_script(*image, *image_size); depth++) {
		if (depth == EXEC_SCRIPT_DEPTH_MAX)
			error = ELOOP;
		char *interpreter =
		    words->script_strings[depth < EXEC_SCRIPT_DEPTH_MAX ? depth : 0][0];
		char *argument =
		    words->script_strings[depth < EXEC_SCRIPT_DEPTH_MAX ? depth : 0][1];
		if (!error)
			error = exec_script_parse(*image, *image_size, interpreter, argument);
		char **argv = NULL;
		if (!error) {
			argv = exec_script_argv(interpreter, argument, name, words->argv);
			error = argv ? 0 : ENOMEM;
		}
		if (error)
			break;
		free(words->argv);
		words->argv = argv;
		name = interpreter;
		free_image(*image, *image_size);
		*image = NULL;
		mach_port_t interpreter_file = MACH_PORT_NULL;
		error = exec_lookup_interpreter(ports, port_count, interpreter, &interpreter_file);
		if (!error)
			error = exec_read_file(interpreter_file, image, image_size);
		if (MACH_PORT_VALID(interpreter_file))
			(void)mach_port_deallocate(mach_task_self(), interpreter_file);
	}
	const char *refusal = error ? NULL : loader_check_program(*image, *image_size);
	if (refusal) {
		fprintf(stderr, "exec: %s: not started: %s\n", name, refusal);
		error = ENOEXEC; /* the task is left as it was */
	}
	if (error) {
		free_image(*image, *image_size);
		*image = NULL;
	}
	return error;
}

/* Empties the task, then loads; a failure after the task was emptied
 * leaves nothing to go back to: the task is terminated. */
static int replace_image(mach_port_t task, const void *image, size_t image_size,
                         const char *filename, const struct exec_words *words,
                         const struct exec_passed *passed)
{
	mach_port_t keeper = MACH_PORT_NULL;
	int error = exec_clear_task(task, &keeper);
	if (!error)
		error = load(task, image, image_size, filename, words, passed);
	if (error)
		(void)task_terminate(task);
	exec_release_keeper(keeper);
	return error;
}

/* On success the rights that came with the request are released here; on
 * failure lib/ports destroys the request, rights included. Every check that
 * can fail (the task, the words, the ports, the file, a script's
 * interpreter, the image) comes before the task is touched. */
kern_return_t S_exec_exec(exec_t execserver, file_t file, mach_port_t oldtask, int flags,
                          const_path_t filename, const_data_t argv, mach_msg_type_number_t argvCnt,
                          const_data_t envp, mach_msg_type_number_t envpCnt, const_portarray_t fds,
                          mach_msg_type_number_t fdsCnt, const_portarray_t ports,
                          mach_msg_type_number_t portsCnt, const_intarray_t ints,
                          mach_msg_type_number_t intsCnt)
{
	(void)execserver;
	int error = exec_probe_task(oldtask);
	if (error)
		return error;
	if (fdsCnt > LOADER_FDS_MAX)
		return EINVAL;
	struct exec_words *words = calloc(1, sizeof(*words));
	if (!words)
		return ENOMEM;
	error = split_words(argv, argvCnt, envp, envpCnt, words);
	mach_port_t merged[EXEC_MAX_INIT_PORT];
	size_t merged_count = 0;
	if (!error) {
		error = exec_ports_for(ports, portsCnt, (flags & EXEC_DEFAULTS) != 0, merged,
		                       &merged_count);
		if (error)
			merged_count = 0; /* no references were taken */
	}
	void *image = NULL;
	size_t image_size = 0;
	if (!error)
		error =
		    read_program(file, filename, words, merged, merged_count, &image, &image_size);
	if (!error) {
		struct exec_passed passed = {
		    .ports = merged,
		    .port_count = merged_count,
		    .fds = fds,
		    .fd_count = fdsCnt,
		    .ints = (const int32_t *)ints,
		    .int_count = intsCnt,
		};
		error = replace_image(oldtask, image, image_size, filename, words, &passed);
	}
	free_image(image, image_size);
	exec_release_ports(merged, merged_count);
	free_words(words);
	free(words);
	if (!error)
		release_request_rights(file, oldtask, fds, fdsCnt, ports, portsCnt);
	return error;
}
