/* The exec server's pure "#!" logic (exec_logic.h): recognising a script,
 * parsing its first line into interpreter and argument, and the argv the
 * interpreter gets. No Mach calls (host-tested by tests/host/exec_logic.t). */
#include "exec_logic.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static int is_blank(char c)
{
	return c == ' ' || c == '\t';
}

int exec_is_script(const void *image, size_t size)
{
	const char *bytes = image;
	return size >= 2 && bytes[0] == '#' && bytes[1] == '!';
}

int exec_script_parse(const void *image, size_t size, char *interpreter, char *argument)
{
	interpreter[0] = argument[0] = '\0';
	if (!exec_is_script(image, size))
		return ENOEXEC;
	const char *line = (const char *)image + 2;
	size_t available = size - 2, length = 0;
	if (available > EXEC_SCRIPT_LINE_MAX)
		available = EXEC_SCRIPT_LINE_MAX;
	while (length < available && line[length] != '\n')
		length++;
	int line_complete = length < available || size - 2 <= EXEC_SCRIPT_LINE_MAX;
	size_t start = 0;
	while (start < length && is_blank(line[start]))
		start++;
	size_t end = start;
	while (end < length && !is_blank(line[end]) && line[end] != '\0')
		end++;
	if (end == start)
		return ENOEXEC; /* no interpreter named */
	if (end == length && !line_complete)
		return ENOEXEC; /* the interpreter's name goes beyond the line */
	memcpy(interpreter, line + start, end - start);
	interpreter[end - start] = '\0';
	size_t arg_start = end;
	while (arg_start < length && is_blank(line[arg_start]))
		arg_start++;
	size_t arg_end = length;
	while (arg_end > arg_start && (is_blank(line[arg_end - 1]) || line[arg_end - 1] == '\r' ||
	                               line[arg_end - 1] == '\0'))
		arg_end--;
	memcpy(argument, line + arg_start, arg_end - arg_start);
	argument[arg_end - arg_start] = '\0';
	return 0;
}

char **exec_script_argv(const char *interpreter, const char *argument, const char *filename,
                        char *const *argv)
{
	size_t argc = 0;
	while (argv && argv[argc])
		argc++;
	char **vector = calloc(argc + 4, sizeof(char *));
	if (!vector)
		return NULL;
	size_t word = 0;
	vector[word++] = (char *)interpreter;
	if (argument[0])
		vector[word++] = (char *)argument;
	vector[word++] = (char *)filename;
	for (size_t i = 1; i < argc; i++)
		vector[word++] = argv[i];
	vector[word] = NULL;
	return vector;
}
