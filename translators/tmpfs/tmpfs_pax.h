/* tmpfs's reader of pax extended headers (typeflag 'x'): the records that
 * apply to the next ustar entry, of which it keeps the passive translator. */
#ifndef WB_TMPFS_PAX_H
#define WB_TMPFS_PAX_H

#include <stddef.h>

/* The record key of a passive translator: its value is the program and its
 * arguments separated by single spaces ("/hurd/null --zero"). */
#define TMPFS_PAX_TRANSLATOR_KEY "WILDEBEEST.translator"
#define TMPFS_PAX_TRANSLATOR_MAX 1024

struct tmpfs_pax {
	char translator[TMPFS_PAX_TRANSLATOR_MAX]; /* an argz vector */
	size_t translator_length;                  /* 0: none */
};

/* Reads the records ("LENGTH KEY=VALUE\n" each) of an extended header's
 * size bytes into *pax: the translator key kept (as an argz vector), times
 * and other keys ignored; EINVAL for a malformed record, an empty or too long
 * translator, or a key that would change the entry (path, linkpath, size,
 * uid, gid), which this reader does not apply. */
int tmpfs_pax_read(const char *data, size_t size, struct tmpfs_pax *pax);

#endif
