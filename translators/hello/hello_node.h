/* The hello translator's node: one read-only file whose contents are set at
 * start and by fsys_set_options, served by lib/trivfs. */
#ifndef HELLO_NODE_H
#define HELLO_NODE_H

#include <trivfs.h>

/* Starts serving a file holding contents; 0 or an errno value. */
int hello_start(const char *contents, unsigned max_workers, struct trivfs **fs);

#endif
