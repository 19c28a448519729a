/* /proc/self: procfs cannot know who asks (a request carries no pid, the
 * Hurd's design), so the emulator, which knows its pid, turns a path's
 * leading /proc/self into /proc/PID before the lookup, and readlink of
 * /proc/self itself answers PID, as Linux's symbolic link reads. */
#include "emul.h"
#include "files.h"
#include "linux_abi.h"
#include "lib/kstring.h"

#define PROC_SELF        "/proc/self"
#define PROC_SELF_LENGTH (sizeof(PROC_SELF) - 1)

/* The pid's decimal text into digits (12 bytes); its length. */
static size_t pid_text(char digits[12])
{
	uint32_t pid = emul_process.pid > 0 ? (uint32_t)emul_process.pid : 0;
	char reversed[12];
	size_t length = 0;
	do {
		reversed[length++] = (char)('0' + pid % 10);
		pid /= 10;
	} while (pid && length < sizeof(reversed));
	for (size_t i = 0; i < length; i++)
		digits[i] = reversed[length - 1 - i];
	digits[length] = '\0';
	return length;
}

/* Whether path is /proc/self or starts with /proc/self/. */
static int names_proc_self(const char *path)
{
	return strncmp(path, PROC_SELF, PROC_SELF_LENGTH) == 0 &&
	       (path[PROC_SELF_LENGTH] == '\0' || path[PROC_SELF_LENGTH] == '/');
}

const char *emul_proc_self_rewrite(const char *path, char out[HURD_PATH_MAX])
{
	if (!names_proc_self(path))
		return path;
	char digits[12];
	size_t digits_length = pid_text(digits);
	const char *rest = path + PROC_SELF_LENGTH;
	size_t rest_length = strlen(rest);
	if (sizeof("/proc/") - 1 + digits_length + rest_length >= HURD_PATH_MAX)
		return path; /* too long either way: the lookup says so */
	memcpy(out, "/proc/", 6);
	memcpy(out + 6, digits, digits_length);
	memcpy(out + 6 + digits_length, rest, rest_length + 1);
	return out;
}

long emul_proc_self_readlink(const char *path, uint64_t buffer, int64_t size)
{
	size_t length = strlen(path);
	while (length > PROC_SELF_LENGTH && path[length - 1] == '/')
		length--;
	if (length != PROC_SELF_LENGTH || !names_proc_self(path))
		return 0;
	char digits[12];
	size_t digits_length = pid_text(digits);
	if ((uint64_t)size < digits_length)
		digits_length = (size_t)size;
	long error = emul_copy_to_user(buffer, digits, digits_length);
	return error ? error : (long)digits_length;
}
