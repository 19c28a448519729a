/* exec_exec (hurd/exec.defs): checks the task and the file, reads the image,
 * and starts it in the caller's task with the emulator, argv/envp and the
 * init ports (lib/loader's loader_load_into). */
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

/* A fresh task has no threads; any it has are stopped before the new image
 * starts (the old image goes, as exec says). */
static void stop_old_threads(mach_port_t task)
{
	thread_array_t threads = NULL;
	mach_msg_type_number_t count = 0;
	if (task_threads(task, &threads, &count) != KERN_SUCCESS)
		return;
	for (mach_msg_type_number_t i = 0; i < count; i++) {
		(void)thread_terminate(threads[i]);
		(void)mach_port_deallocate(mach_task_self(), threads[i]);
	}
	if (threads)
		(void)vm_deallocate(mach_task_self(), (vm_address_t)threads,
		                    count * sizeof(*threads));
}

struct exec_words {
	char **argv, **envp;
	char *argv_bytes, *envp_bytes;
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

/* Loads image into task; 0 or an errno value. */
static int load(mach_port_t task, const void *image, size_t image_size, const char *filename,
                const struct exec_words *words, const mach_port_t *ports, size_t port_count,
                const mach_port_t *fds, size_t fd_count)
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
	    .init_ports = ports,
	    .init_port_count = (unsigned)port_count,
	    .fds = fds,
	    .fd_count = (unsigned)fd_count,
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

/* On success the rights that came with the request are released here; on
 * failure lib/ports destroys the request, rights included. */
kern_return_t S_exec_exec(exec_t execserver, file_t file, mach_port_t oldtask, int flags,
                          const_path_t filename, const_data_t argv, mach_msg_type_number_t argvCnt,
                          const_data_t envp, mach_msg_type_number_t envpCnt, const_portarray_t fds,
                          mach_msg_type_number_t fdsCnt, const_portarray_t ports,
                          mach_msg_type_number_t portsCnt, const_intarray_t ints,
                          mach_msg_type_number_t intsCnt)
{
	(void)execserver, (void)ints, (void)intsCnt;
	int error = exec_probe_task(oldtask);
	if (error)
		return error;
	if (fdsCnt > LOADER_FDS_MAX)
		return EINVAL;
	struct exec_words words = {0};
	error = split_words(argv, argvCnt, envp, envpCnt, &words);
	mach_port_t merged[EXEC_MAX_INIT_PORT];
	size_t merged_count = 0;
	if (!error)
		error = exec_ports_for(ports, portsCnt, (flags & EXEC_DEFAULTS) != 0, merged,
		                       &merged_count);
	if (error) {
		free_words(&words);
		return error;
	}
	void *image = NULL;
	size_t image_size = 0;
	error = exec_read_file(file, &image, &image_size);
	const char *refusal = error ? NULL : loader_check_program(image, image_size);
	if (refusal) {
		fprintf(stderr, "exec: %s: not started: %s\n", filename, refusal);
		error = ENOEXEC; /* the task is left as it was */
	}
	if (image && !refusal) {
		stop_old_threads(oldtask);
		error = load(oldtask, image, image_size, filename, &words, merged, merged_count,
		             fds, fdsCnt);
	}
	if (image)
		(void)vm_deallocate(mach_task_self(), (vm_address_t)image,
		                    (image_size + 4095) & ~(size_t)4095);
	exec_release_ports(merged, merged_count);
	free_words(&words);
	if (!error)
		release_request_rights(file, oldtask, fds, fdsCnt, ports, portsCnt);
	return error;
}
