/* Named by the imports of gnumach-dev's .defs for the kernel's MIG stubs;
 * everything they need is in kserver_types.h. */
#ifndef WB_KSERVER_SHIM_KERN_IPC_TT_H
#define WB_KSERVER_SHIM_KERN_IPC_TT_H
#include "../../kserver_types.h"
#endif
