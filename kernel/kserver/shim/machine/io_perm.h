/* mach_i386.defs' simport <machine/io_perm.h>: the x86 shim header, as GNU Mach
 * names its machine directory. */
#include "../i386/io_perm.h"
