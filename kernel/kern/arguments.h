/* Splitting a boot-module command line into argv words (space or tab separated)
 * and looking up kernel command-line flags and
 * key=number settings. Portable. */
#ifndef WB_KERN_ARGUMENTS_H
#define WB_KERN_ARGUMENTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Copies the words of line into storage (NUL-separated) and points words[] at
 * them. Single or double quotes keep spaces inside a word and are removed
 * (no escapes; an unclosed quote runs to the end of the line). Returns the
 * number of words, or -1 if storage or max_words is too small. */
int arguments_split(const char *line, char *storage, size_t storage_size, char **words,
                    size_t max_words);
/* Whether the command line contains the word `flag` exactly. */
bool arguments_has_flag(const char *line, const char *flag);
/* The decimal value of the word `key=VALUE` (the last one if several): true
 * and *value, or false (absent, not a number, or too large for 64 bits). */
bool arguments_get_number(const char *line, const char *key, uint64_t *value);

#endif
