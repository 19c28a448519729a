/* The exec server's pure logic (exec_logic.c, host-tested): argz vectors to
 * argv/envp, the file's mode to EACCES, and the init ports with exec's
 * defaults filled in. No Mach calls, so tests/host/exec_logic.t can check it. */
#ifndef EXEC_EXEC_LOGIC_H
#define EXEC_EXEC_LOGIC_H

#include <stddef.h>
#include <stdint.h>

/* Limits of what exec_exec passes on (the loader's initial stack). */
#define EXEC_MAX_WORDS     4000         /* argv + envp entries together */
#define EXEC_MAX_ARGZ      (120u << 10) /* argv + envp bytes together */
#define EXEC_MAX_INIT_PORT 16           /* entries of the ports array (emul_image.h) */

/* Splits an argz vector (NUL-terminated strings one after another) into a
 * NULL-terminated vector pointing into a malloc'd copy: 0 with *vector (free
 * it and *copy), EINVAL if length > 0 and the last byte is not NUL, E2BIG if
 * it holds more than max_words strings, ENOMEM. length 0 is an empty vector. */
int exec_argz_split(const char *argz, size_t length, size_t max_words, char ***vector,
                    size_t *count, char **copy);

/* 0 if a file of this mode (S_IFMT and permission bits) may be executed:
 * a regular file with at least one execute bit; EACCES otherwise. */
int exec_mode_allows(uint32_t mode);

/* The ports a new program gets: given[i] where it is valid (not 0, not ~0),
 * else, with use_defaults, defaults[i]; *count is the larger of the two
 * counts when defaults are used, else given_count; at most
 * EXEC_MAX_INIT_PORT (EINVAL beyond). out has EXEC_MAX_INIT_PORT entries. */
int exec_merge_ports(const uint32_t *given, size_t given_count, const uint32_t *defaults,
                     size_t default_count, int use_defaults, uint32_t *out, size_t *count);

#endif
