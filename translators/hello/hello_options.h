/* The hello translator's options (portable, host-tested): --contents=TEXT,
 * --help; parsing and the text fsys_get_options reports. */
#ifndef HELLO_OPTIONS_H
#define HELLO_OPTIONS_H

#include <stdbool.h>

#define HELLO_DEFAULT_CONTENTS "Hello, world!\n"
#define HELLO_USAGE                                                                                \
	"Usage: hello [--contents=TEXT]\n"                                                         \
	"A translator of one read-only file holding TEXT (default \"Hello, world!\\n\").\n"        \
	"  --contents=TEXT  the file's contents (also at run time: fsys_set_options)\n"            \
	"  --help           this text\n"

struct hello_options {
	const char *contents; /* NULL: not given (unchanged) */
	bool help;
};

/* Parses the options (no program name) into *options, whose pointers point
 * into argv. 0, or EINVAL for an unknown option (*bad names it). */
int hello_parse_options(int argc, char **argv, struct hello_options *options, const char **bad);

#endif
