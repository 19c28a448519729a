/* Host tests of utils/utils_args.c (TAP): the command lines of settrans,
 * showtrans and fsysopts, and argz vectors packed and printed as words. */
#include "utils_args.h"
#include "tap.h"

#include <string.h>

#define ARGV(...) ((char *[]){__VA_ARGS__, NULL})
#define ARGC(...) ((int)(sizeof((char *[]){__VA_ARGS__}) / sizeof(char *)))
#define PARSE(function, options, ...)                                                              \
	function(ARGC(__VA_ARGS__), ARGV(__VA_ARGS__), options, message, sizeof(message))

static char message[256];

static void test_settrans(void)
{
	struct settrans_options o;
	CHECK(PARSE(settrans_parse, &o, "settrans", "/n", "/hurd/hello", "--contents=hi") ==
	              UTILS_PARSE_RUN &&
	          o.passive && !o.active && strcmp(o.node, "/n") == 0 && o.translator_count == 2 &&
	          strcmp(o.translator[0], "/hurd/hello") == 0 &&
	          strcmp(o.translator[1], "--contents=hi") == 0,
	      "settrans NODE TRANSLATOR ARG: passive by default; options after TRANSLATOR are its");
	CHECK(PARSE(settrans_parse, &o, "settrans", "-a", "/n", "/hurd/hello") == UTILS_PARSE_RUN &&
	          o.active && !o.passive,
	      "settrans -a: active only");
	CHECK(PARSE(settrans_parse, &o, "settrans", "-fgap", "/n", "/hurd/hello") ==
	              UTILS_PARSE_RUN &&
	          o.active && o.passive && o.goaway && o.force,
	      "settrans -fgap: letters together");
	CHECK(PARSE(settrans_parse, &o, "settrans", "--active", "--passive", "--create", "--goaway",
	            "--force", "--keep-active", "--exclusive", "--recursive", "--nosync",
	            "--dereference", "/n") == UTILS_PARSE_RUN &&
	          o.active && o.passive && o.create && o.goaway && o.force && o.keep_active &&
	          o.exclusive && o.recursive && o.nosync && o.dereference &&
	          o.translator_count == 0,
	      "settrans: every long option");
	CHECK(PARSE(settrans_parse, &o, "settrans", "-g", "/n") == UTILS_PARSE_RUN && o.goaway &&
	          o.passive && o.translator_count == 0,
	      "settrans -g NODE: clear the passive record, active goes away");
	CHECK(PARSE(settrans_parse, &o, "settrans", "-c", "--", "-odd") == UTILS_PARSE_RUN &&
	          o.create && strcmp(o.node, "-odd") == 0,
	      "settrans: -- ends the options");
	CHECK(PARSE(settrans_parse, &o, "settrans", "--help") == UTILS_PARSE_HELP,
	      "settrans --help");
	CHECK(PARSE(settrans_parse, &o, "settrans", "-a") == UTILS_PARSE_ERROR &&
	          strcmp(message, "missing NODE") == 0,
	      "settrans without NODE: 'missing NODE'");
	CHECK(PARSE(settrans_parse, &o, "settrans", "-z", "/n") == UTILS_PARSE_ERROR &&
	          strcmp(message, "invalid option -- 'z'") == 0,
	      "settrans -z: invalid option");
	CHECK(PARSE(settrans_parse, &o, "settrans", "--bogus", "/n") == UTILS_PARSE_ERROR &&
	          strcmp(message, "unrecognized option '--bogus'") == 0,
	      "settrans --bogus: unrecognized option");
	CHECK(PARSE(settrans_parse, &o, "settrans", "-P", "/n", "/hurd/x") == UTILS_PARSE_ERROR,
	      "settrans -P without -a is refused");
	CHECK(PARSE(settrans_parse, &o, "settrans", "-aP", "/n", "/hurd/x") == UTILS_PARSE_RUN &&
	          o.pause,
	      "settrans -aP: pause before attaching");
}

static void test_showtrans_fsysopts(void)
{
	struct showtrans_options s;
	CHECK(PARSE(showtrans_parse, &s, "showtrans", "/a") == UTILS_PARSE_RUN && !s.prefix &&
	          s.node_count == 1,
	      "showtrans NODE: no prefix for one node");
	CHECK(PARSE(showtrans_parse, &s, "showtrans", "/a", "/b") == UTILS_PARSE_RUN && s.prefix &&
	          s.node_count == 2,
	      "showtrans NODE NODE: prefixed");
	CHECK(PARSE(showtrans_parse, &s, "showtrans", "-P", "/a", "/b") == UTILS_PARSE_RUN &&
	          !s.prefix,
	      "showtrans -P: never prefixed");
	CHECK(PARSE(showtrans_parse, &s, "showtrans", "-pst", "/a") == UTILS_PARSE_RUN &&
	          s.prefix && s.silent && s.translated,
	      "showtrans -pst");
	CHECK(PARSE(showtrans_parse, &s, "showtrans", "-pP", "/a") == UTILS_PARSE_ERROR,
	      "showtrans -p -P contradict");
	CHECK(PARSE(showtrans_parse, &s, "showtrans") == UTILS_PARSE_ERROR, "showtrans alone");

	struct fsysopts_options f;
	CHECK(PARSE(fsysopts_parse, &f, "fsysopts", "/n") == UTILS_PARSE_RUN &&
	          f.fs_option_count == 0 && strcmp(f.node, "/n") == 0,
	      "fsysopts NODE: show");
	CHECK(PARSE(fsysopts_parse, &f, "fsysopts", "-R", "/n", "--contents=x", "-L") ==
	              UTILS_PARSE_RUN &&
	          f.recursive && !f.dereference && f.fs_option_count == 2 &&
	          strcmp(f.fs_options[1], "-L") == 0,
	      "fsysopts NODE OPTION...: options after NODE are the translator's");
	CHECK(PARSE(fsysopts_parse, &f, "fsysopts", "--help", "/n") == UTILS_PARSE_HELP,
	      "fsysopts --help");
}

static void test_argz(void)
{
	char buffer[32], line[32];
	size_t length =
	    utils_argz_build(ARGV("/hurd/hello", "--contents=a b"), 2, buffer, sizeof(buffer));
	CHECK(length == 27 && memcmp(buffer, "/hurd/hello\0--contents=a b\0", 27) == 0,
	      "argz: words with their NULs");
	CHECK(utils_argz_to_line(buffer, length, line, sizeof(line)) == 26 &&
	          strcmp(line, "/hurd/hello --contents=a b") == 0,
	      "argz as a line: words separated by spaces");
	CHECK(utils_argz_to_line("a\0bc", 4, line, sizeof(line)) == 4 && strcmp(line, "a bc") == 0,
	      "argz as a line: a missing final NUL is tolerated");
	CHECK(utils_argz_to_line("", 0, line, sizeof(line)) == 0 && line[0] == '\0',
	      "argz as a line: empty");
	CHECK(utils_argz_to_line("abcdef\0", 7, line, 4) == 6 && strcmp(line, "abc") == 0,
	      "argz as a line: cut to the buffer");
	CHECK(utils_argz_build(ARGV("0123456789", "0123456789", "0123456789"), 3, buffer,
	                       sizeof(buffer)) == 0,
	      "argz: too long for the buffer is 0");
}

int main(void)
{
	test_settrans();
	test_showtrans_fsysopts();
	test_argz();
	return tap_finish();
}
