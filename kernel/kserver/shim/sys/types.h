/* For gnumach-dev's <mach_debug/slab_info.h>, which includes <sys/types.h>
 * although it needs nothing from it beyond the Mach types. */
#ifndef WB_KSERVER_SHIM_SYS_TYPES_H
#define WB_KSERVER_SHIM_SYS_TYPES_H
#include <stddef.h>
#endif
