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

/* "#!" scripts (exec_script_logic.c). The first line is read from at most
 * EXEC_SCRIPT_LINE_MAX bytes after "#!"; scripts nest at most
 * EXEC_SCRIPT_DEPTH_MAX deep (ELOOP beyond), as on Linux. */
#define EXEC_SCRIPT_LINE_MAX  255
#define EXEC_SCRIPT_DEPTH_MAX 4

/* True if image begins with "#!". */
int exec_is_script(const void *image, size_t size);

/* Parses a script's "#!" line: the interpreter (up to the first blank) into
 * interpreter and the rest, blanks trimmed at both ends, into argument (""
 * when none); both buffers hold EXEC_SCRIPT_LINE_MAX + 1 bytes. 0, or
 * ENOEXEC when no interpreter is named or its name does not end within the
 * line. */
int exec_script_parse(const void *image, size_t size, char *interpreter, char *argument);

/* The interpreter's argv: interpreter, argument (when not ""), filename, then
 * argv[1..] (argv[0] is dropped, as on Linux). A malloc'd NULL-terminated
 * vector whose new strings point at the given buffers; NULL without memory. */
char **exec_script_argv(const char *interpreter, const char *argument, const char *filename,
                        char *const *argv);

#endif
