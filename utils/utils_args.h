/* The command lines of settrans, showtrans and fsysopts, parsed without side
 * effects (host-tested), and argz vectors built from and printed as words. */
#ifndef WB_UTILS_ARGS_H
#define WB_UTILS_ARGS_H

#include <stdbool.h>
#include <stddef.h>

enum utils_parse_result {
	UTILS_PARSE_RUN,   /* do the work */
	UTILS_PARSE_HELP,  /* --help: print the usage, exit 0 */
	UTILS_PARSE_ERROR, /* message says why; print it and the usage hint, exit 1 */
};

struct settrans_options {
	bool active;      /* -a: start TRANSLATOR and make it the active one */
	bool passive;     /* -p: set the passive record (the default without -a) */
	bool create;      /* -c: create NODE if it does not exist */
	bool goaway;      /* -g: make the active translator go away */
	bool force;       /* -f: ... even with clients (FSYS_GOAWAY_FORCE) */
	bool recursive;   /* -R: ... and its children (FSYS_GOAWAY_RECURSE) */
	bool nosync;      /* -S: ... without syncing (FSYS_GOAWAY_NOSYNC) */
	bool pause;       /* -P: wait for Return before attaching the started one */
	bool keep_active; /* -k: detach the old active translator, do not stop it */
	bool exclusive;   /* -x: only if NODE has no translator of that kind */
	bool dereference; /* -L: follow NODE if it is a symbolic link */
	const char *node;
	char **translator; /* TRANSLATOR ARG...: argv[translator_index..] */
	int translator_count;
};

struct showtrans_options {
	bool prefix;     /* -p: "NODE: " before each record */
	bool no_prefix;  /* -P: never (default: when more than one NODE) */
	bool silent;     /* -s: print nothing, exit status only */
	bool translated; /* -t: only nodes with a passive record */
	char **nodes;
	int node_count;
};

struct fsysopts_options {
	bool dereference; /* -L: follow NODE if it is a symbolic link */
	bool recursive;   /* -R: also set the options of the translators below */
	const char *node;
	char **fs_options; /* OPTION...: given to the translator as they are */
	int fs_option_count;
};

enum utils_parse_result settrans_parse(int argc, char **argv, struct settrans_options *options,
                                       char *message, size_t message_size);
enum utils_parse_result showtrans_parse(int argc, char **argv, struct showtrans_options *options,
                                        char *message, size_t message_size);
enum utils_parse_result fsysopts_parse(int argc, char **argv, struct fsysopts_options *options,
                                       char *message, size_t message_size);

/* Packs count words into an argz vector in buffer (each NUL-terminated):
 * the length, or 0 if it does not fit (or count is 0). */
size_t utils_argz_build(char *const *words, int count, char *buffer, size_t buffer_size);

/* Writes an argz vector as one line of words separated by spaces (without
 * the newline) into out, NUL-terminated, cut to out_size - 1 bytes; a
 * missing final NUL is tolerated. Returns the line's full length. */
size_t utils_argz_to_line(const char *argz, size_t length, char *out, size_t out_size);

#endif
