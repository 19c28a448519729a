/* lib/lookup's name text work, on caller buffers: where a crossing's parent
 * directory is in a name sent, joining names, and lexical resolution of "..". */
#ifndef WB_LOOKUP_NAMES_H
#define WB_LOOKUP_NAMES_H

#include <stdbool.h>
#include <stddef.h>

/* The number of leading '/' in name. */
size_t lookup_leading_slashes(const char *name);

/* True if name is ".." or starts with "../". */
bool lookup_is_dotdot(const char *name);

/* A server that got sent (sent_length bytes) and answered retry entered a
 * node after the consumed part (sent minus the retry, which must be its
 * suffix on a component boundary). Sets *parent_length to the length of the
 * prefix of sent naming the directory that holds that node (the consumed
 * part without its last component and trailing slashes; 0: sent's own
 * directory) and returns true, or returns false when retry is not such a
 * suffix (the server followed a symbolic link: the parent is unknown). */
bool lookup_crossing_parent(const char *sent, size_t sent_length, const char *retry,
                            size_t retry_length, size_t *parent_length);

/* Writes first (first_length bytes, not NUL-terminated) joined to second
 * with one '/' (either may be empty: no slash then) into out, NUL-terminated.
 * Returns 0 or ENAMETOOLONG. out may not overlap the inputs. */
int lookup_join(char *out, size_t out_size, const char *first, size_t first_length,
                const char *second);

/* Resolves name lexically against base (an absolute directory text; "" or
 * NULL is the root): ".", empty components and ".." are folded away (".." of
 * the root is the root), symbolic links are not consulted. Writes the result
 * without its leading '/' ("" for the root), keeping a trailing '/' of name.
 * Returns 0 or ENAMETOOLONG. */
int lookup_lexical(char *out, size_t out_size, const char *base, const char *name);

#endif
