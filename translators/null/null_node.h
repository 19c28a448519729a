/* The null translator's node: /dev/null, /dev/zero (--zero) or /dev/full
 * (--full) semantics, served by lib/trivfs. */
#ifndef NULL_NODE_H
#define NULL_NODE_H

#include <trivfs.h>
#include "null_options.h"

/* Starts serving a file with these modes; 0 or an errno value. */
int null_start(struct null_modes modes, unsigned max_workers, struct trivfs **fs);

#endif
