/* The host-privileged port of module 0: the kernel names it in argv as
 * --host-priv-port=N (vm_wire and vm_wire_all need it). */
#include "vm_common.h"

mach_port_t vm_host_priv_from(int argc, char **argv)
{
	const char *prefix = "--host-priv-port=";
	size_t length = strlen(prefix);
	for (int i = 1; i < argc; i++) {
		if (strncmp(argv[i], prefix, length) != 0)
			continue;
		mach_port_t name = 0;
		for (const char *digit = argv[i] + length; *digit >= '0' && *digit <= '9'; digit++)
			name = name * 10 + (mach_port_t)(*digit - '0');
		return name;
	}
	return MACH_PORT_NULL;
}
