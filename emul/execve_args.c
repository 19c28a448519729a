/* execve's argv and envp: the program's NULL-terminated arrays of string
 * pointers copied into argz vectors (the strings one after another, each with
 * its NUL), within exec_exec's limits. */
#include <mach.h>
#include "emul.h"
#include "execve.h"
#include "linux_abi.h"
#include "linux_thread_abi.h"
#include "lib/kstring.h"

void emul_argz_free(struct emul_argz *argz)
{
	if (argz->bytes)
		(void)vm_deallocate(mach_task_self(), (vm_address_t)argz->bytes,
		                    EMUL_EXEC_ARGZ_MAX);
	argz->bytes = NULL;
}

long emul_argz_from_user(uint64_t address, size_t used, size_t used_words, struct emul_argz *argz)
{
	argz->bytes = NULL;
	argz->length = argz->words = 0;
	vm_address_t bytes = 0;
	if (vm_allocate(mach_task_self(), &bytes, EMUL_EXEC_ARGZ_MAX, TRUE) != KERN_SUCCESS)
		return -LINUX_ENOMEM;
	argz->bytes = (char *)bytes;
	for (uint64_t slot = address; address != 0; slot += sizeof(uint64_t)) {
		uint64_t string = 0;
		long error = emul_copy_from_user(&string, slot, sizeof(string));
		if (error < 0)
			return error;
		if (string == 0)
			break;
		if (used_words + argz->words >= EMUL_EXEC_WORDS_MAX)
			return -LINUX_E2BIG;
		size_t room = EMUL_EXEC_ARGZ_MAX - used - argz->length;
		long length = emul_user_string_length(string, room);
		if (length == -LINUX_ENAMETOOLONG)
			return -LINUX_E2BIG; /* no NUL within what is left */
		if (length < 0)
			return length;
		if ((size_t)length + 1 > room)
			return -LINUX_E2BIG;
		memcpy(argz->bytes + argz->length, (const char *)string, (size_t)length + 1);
		argz->length += (size_t)length + 1;
		argz->words++;
	}
	return 0;
}
