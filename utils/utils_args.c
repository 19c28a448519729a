/* Option parsing of settrans, showtrans and fsysopts (options come before the
 * node; what follows it belongs to the translator), and argz packing. */
#include "utils_args.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static enum utils_parse_result fail(char *message, size_t size, const char *format, ...)
{
	va_list arguments;
	va_start(arguments, format);
	vsnprintf(message, size, format, arguments);
	va_end(arguments);
	return UTILS_PARSE_ERROR;
}

/* One option letter or long name and the flag it sets. */
struct option_flag {
	char letter;
	const char *name;
	size_t offset;
};

#define FLAG(letter, name, type, field)                                                            \
	{                                                                                          \
		letter, name, offsetof(type, field)                                                \
	}

static const struct option_flag settrans_flags[] = {
    FLAG('a', "active", struct settrans_options, active),
    FLAG('p', "passive", struct settrans_options, passive),
    FLAG('c', "create", struct settrans_options, create),
    FLAG('g', "goaway", struct settrans_options, goaway),
    FLAG('f', "force", struct settrans_options, force),
    FLAG('R', "recursive", struct settrans_options, recursive),
    FLAG('S', "nosync", struct settrans_options, nosync),
    FLAG('P', "pause", struct settrans_options, pause),
    FLAG('k', "keep-active", struct settrans_options, keep_active),
    FLAG('x', "exclusive", struct settrans_options, exclusive),
    FLAG('L', "dereference", struct settrans_options, dereference),
    {0, NULL, 0},
};

static const struct option_flag showtrans_flags[] = {
    FLAG('p', "prefix", struct showtrans_options, prefix),
    FLAG('P', "no-prefix", struct showtrans_options, no_prefix),
    FLAG('s', "silent", struct showtrans_options, silent),
    FLAG('q', "quiet", struct showtrans_options, silent),
    FLAG('t', "translated", struct showtrans_options, translated),
    {0, NULL, 0},
};

static const struct option_flag fsysopts_flags[] = {
    FLAG('L', "dereference", struct fsysopts_options, dereference),
    FLAG('R', "recursive", struct fsysopts_options, recursive),
    {0, NULL, 0},
};

/* Parses the options before the first word that is not one (or "--"); sets
 * *first_operand to its index. */
static enum utils_parse_result parse_flags(int argc, char **argv, const struct option_flag *flags,
                                           void *options, int *first_operand, char *message,
                                           size_t message_size)
{
	int index = 1;
	for (; index < argc; index++) {
		const char *word = argv[index];
		if (strcmp(word, "--") == 0) {
			index++;
			break;
		}
		if (word[0] != '-' || word[1] == '\0')
			break;
		if (strcmp(word, "--help") == 0 || strcmp(word, "-?") == 0)
			return UTILS_PARSE_HELP;
		if (word[1] == '-') {
			const struct option_flag *flag = flags;
			while (flag->name != NULL && strcmp(flag->name, word + 2) != 0)
				flag++;
			if (flag->name == NULL)
				return fail(message, message_size, "unrecognized option '%s'",
				            word);
			*(bool *)((char *)options + flag->offset) = true;
			continue;
		}
		for (const char *letter = word + 1; *letter != '\0'; letter++) {
			const struct option_flag *flag = flags;
			while (flag->name != NULL && flag->letter != *letter)
				flag++;
			if (flag->name == NULL)
				return fail(message, message_size, "invalid option -- '%c'",
				            *letter);
			*(bool *)((char *)options + flag->offset) = true;
		}
	}
	*first_operand = index;
	return UTILS_PARSE_RUN;
}

enum utils_parse_result settrans_parse(int argc, char **argv, struct settrans_options *options,
                                       char *message, size_t message_size)
{
	*options = (struct settrans_options){0};
	int operand;
	enum utils_parse_result result =
	    parse_flags(argc, argv, settrans_flags, options, &operand, message, message_size);
	if (result != UTILS_PARSE_RUN)
		return result;
	if (operand >= argc)
		return fail(message, message_size, "missing NODE");
	options->node = argv[operand];
	options->translator = argv + operand + 1;
	options->translator_count = argc - operand - 1;
	if (!options->active)
		options->passive = true; /* the default: only with -a alone is it left alone */
	if (options->pause && !(options->active && options->translator_count > 0))
		return fail(message, message_size,
		            "-P only applies when starting a translator (-a)");
	return UTILS_PARSE_RUN;
}

enum utils_parse_result showtrans_parse(int argc, char **argv, struct showtrans_options *options,
                                        char *message, size_t message_size)
{
	*options = (struct showtrans_options){0};
	int operand;
	enum utils_parse_result result =
	    parse_flags(argc, argv, showtrans_flags, options, &operand, message, message_size);
	if (result != UTILS_PARSE_RUN)
		return result;
	if (operand >= argc)
		return fail(message, message_size, "missing NODE");
	if (options->prefix && options->no_prefix)
		return fail(message, message_size, "-p and -P contradict each other");
	options->nodes = argv + operand;
	options->node_count = argc - operand;
	if (!options->prefix && !options->no_prefix)
		options->prefix = options->node_count > 1;
	return UTILS_PARSE_RUN;
}

enum utils_parse_result fsysopts_parse(int argc, char **argv, struct fsysopts_options *options,
                                       char *message, size_t message_size)
{
	*options = (struct fsysopts_options){0};
	int operand;
	enum utils_parse_result result =
	    parse_flags(argc, argv, fsysopts_flags, options, &operand, message, message_size);
	if (result != UTILS_PARSE_RUN)
		return result;
	if (operand >= argc)
		return fail(message, message_size, "missing NODE");
	options->node = argv[operand];
	options->fs_options = argv + operand + 1;
	options->fs_option_count = argc - operand - 1;
	return UTILS_PARSE_RUN;
}

size_t utils_argz_build(char *const *words, int count, char *buffer, size_t buffer_size)
{
	size_t used = 0;
	for (int i = 0; i < count; i++) {
		size_t length = strlen(words[i]) + 1;
		if (length > buffer_size - used)
			return 0;
		memcpy(buffer + used, words[i], length);
		used += length;
	}
	return used;
}

size_t utils_argz_to_line(const char *argz, size_t length, char *out, size_t out_size)
{
	if (length > 0 && argz[length - 1] == '\0')
		length--; /* the last word's terminator: no space after it */
	for (size_t i = 0; i < length && out_size > 0; i++) {
		if (i + 1 >= out_size)
			break;
		out[i] = argz[i] == '\0' ? ' ' : argz[i];
	}
	if (out_size > 0)
		out[length < out_size ? length : out_size - 1] = '\0';
	return length;
}
