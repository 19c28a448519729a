/* The flags of gnumach.defs' gsync_wait, gsync_wake and gsync_requeue, which
 * gnumach-dev's headers do not define: GNU Mach's published values (glibc's too). */
#ifndef WILDEBEEST_GSYNC_H
#define WILDEBEEST_GSYNC_H

#ifndef GSYNC_SHARED
#define GSYNC_SHARED    0x01 /* the key is the memory, not the task and address */
#define GSYNC_QUAD      0x02 /* gsync_wait: compare 64 bits, val2 << 32 | val1 */
#define GSYNC_TIMED     0x04 /* gsync_wait: give up after msec milliseconds */
#define GSYNC_BROADCAST 0x08 /* gsync_wake: wake all; gsync_requeue: move all */
#define GSYNC_MUTATE    0x10 /* gsync_wake: store val at the address first */
#endif

#endif
