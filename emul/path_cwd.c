/* chdir, fchdir and getcwd: the current directory's port and its text. The
 * text is the lexical resolution of the names chdir was given (symbolic links
 * are not followed in it); after fchdir it is unknown until the next chdir by
 * an absolute name: getcwd is ENOENT then, and ".." out of a translator from
 * the cwd is EXDEV (lib/lookup). */
#include <mach.h>
#include <lookup_names.h>
#include "files.h"
#include "linux_abi.h"
#include "linux_files_abi.h"
#include "syscalls.h"
#include "lib/kstring.h"

/* Makes port (moved) the current directory with text (NULL: unknown). */
static void set_cwd(mach_port_t port, const char *text)
{
	emul_lock(&emul_files.lock);
	mach_port_t old = emul_files.cwd;
	emul_files.cwd = port;
	if (text) {
		emul_files.cwd_path[0] = '/';
		size_t length = strnlen(text, HURD_PATH_MAX - 2);
		memcpy(emul_files.cwd_path + 1, text, length);
		emul_files.cwd_path[1 + length] = '\0';
	} else {
		emul_files.cwd_path[0] = '\0';
	}
	emul_unlock(&emul_files.lock);
	emul_port_release(old);
}

long emul_sys_chdir(struct emul_frame *frame)
{
	char path[HURD_PATH_MAX];
	long error = emul_path_from_user(frame->rdi, path, 0);
	if (error < 0)
		return error;
	mach_port_t port;
	error = emul_path_lookup(LINUX_AT_FDCWD, path, HURD_O_DIRECTORY, 0, &port);
	if (error < 0)
		return error;
	char base[HURD_PATH_MAX], text[HURD_PATH_MAX];
	emul_lock(&emul_files.lock);
	memcpy(base, emul_files.cwd_path, sizeof(base));
	emul_unlock(&emul_files.lock);
	int known = path[0] == '/' || base[0] == '/';
	if (known && lookup_lexical(text, sizeof(text), path[0] == '/' ? "/" : base, path) != 0)
		known = 0;
	if (known) {
		size_t length = strlen(text);
		while (length > 0 && text[length - 1] == '/')
			text[--length] = '\0';
	}
	set_cwd(port, known ? text : NULL);
	return 0;
}

long emul_sys_fchdir(struct emul_frame *frame)
{
	struct emul_fd_ref ref;
	long error = emul_fd_get((int)frame->rdi, &ref);
	if (error < 0)
		return error;
	if (ref.entry.kind != EMUL_FD_PORT) {
		emul_fd_put(&ref);
		return -LINUX_ENOTDIR;
	}
	mach_port_t port = ref.entry.port; /* the borrow's reference moves */
	/* Only a directory will do: look "." up in it. */
	mach_port_t checked;
	error = emul_path_lookup((int)frame->rdi, ".", HURD_O_DIRECTORY, 0, &checked);
	emul_port_release(port);
	if (error < 0)
		return error;
	set_cwd(checked, NULL);
	return 0;
}

long emul_sys_getcwd(struct emul_frame *frame)
{
	uint64_t buffer = frame->rdi, size = frame->rsi;
	char text[HURD_PATH_MAX];
	emul_lock(&emul_files.lock);
	memcpy(text, emul_files.cwd_path, sizeof(text));
	int have = MACH_PORT_VALID(emul_files.cwd);
	emul_unlock(&emul_files.lock);
	if (!have)
		memcpy(text, "/", 2); /* no file system: the root, like a fresh process */
	if (text[0] != '/')
		return -LINUX_ENOENT;
	size_t length = strlen(text) + 1;
	if (size < length)
		return -LINUX_ERANGE;
	long error = emul_copy_to_user(buffer, text, length);
	return error < 0 ? error : (long)length;
}
