/* Who the process is: getpid answers proc's pid (process_identity.c; the
 * loader's number without proc), and uname describes the emulated system.
 * getppid and the group and session calls are in process_groups.c, the user
 * and group ids in identity_auth.c. */
#include "emul.h"
#include "linux_abi.h"
#include "syscalls.h"
#include "lib/kstring.h"

long emul_sys_getpid(struct emul_frame *frame)
{
	(void)frame;
	return emul_process.pid;
}

static void set_field(char *field, const char *value)
{
	size_t length = strnlen(value, LINUX_UTS_FIELD - 1);
	memcpy(field, value, length);
	field[length] = '\0';
}

/* "Linux" and a Linux release number: programs (glibc among them) compare the
 * release with the features they need; the version names the emulator. */
long emul_sys_uname(struct emul_frame *frame)
{
	struct linux_utsname names;
	memset(&names, 0, sizeof(names));
	set_field(names.sysname, "Linux");
	set_field(names.nodename, "wildebeest");
	set_field(names.release, "6.1.0-wildebeest");
	set_field(names.version, "#1 Wildebeest Linux system-call emulator");
	set_field(names.machine, "x86_64");
	set_field(names.domainname, "(none)");
	return emul_copy_to_user(frame->rdi, &names, sizeof(names));
}
