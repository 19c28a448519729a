/* Host unit test of command-line splitting (kernel/kern/arguments.c). */
#include "tap.h"
#include "kern/arguments.h"
#include <string.h>

int main(void)
{
	char storage[64];
	char *words[4];
	int n = arguments_split("  /boot/init  -v\tx ", storage, sizeof(storage), words, 4);
	CHECK(n == 3 && strcmp(words[0], "/boot/init") == 0 && strcmp(words[1], "-v") == 0 &&
	          strcmp(words[2], "x") == 0,
	      "words are split on spaces and tabs");
	CHECK(arguments_split("", storage, sizeof(storage), words, 4) == 0,
	      "an empty line has no words");
	CHECK(arguments_split("a b c d e", storage, sizeof(storage), words, 4) == -1,
	      "too many words is an error");
	CHECK(arguments_split("abcdefgh", storage, 8, words, 4) == -1,
	      "too little storage is an error");
	n = arguments_split("sh -c 'a  b'", storage, sizeof(storage), words, 4);
	CHECK(n == 3 && strcmp(words[0], "sh") == 0 && strcmp(words[1], "-c") == 0 &&
	          strcmp(words[2], "a  b") == 0,
	      "quotes keep spaces in a word and are removed (%d words)", n);
	n = arguments_split("a 'b c' x\"y z\"", storage, sizeof(storage), words, 4);
	CHECK(n == 3 && strcmp(words[1], "b c") == 0 && strcmp(words[2], "xy z") == 0,
	      "a quoted part joins the word around it");
	CHECK(arguments_has_flag("quiet debug-exit", "debug-exit"), "a flag is found");
	CHECK(!arguments_has_flag("debug-exit2", "debug-exit"), "a longer word is not the flag");
	uint64_t value = 7;
	CHECK(arguments_get_number("debug-exit pager-timeout=1500 x", "pager-timeout", &value) &&
	          value == 1500,
	      "key=number gives the number");
	CHECK(!arguments_get_number("pager-timeout", "pager-timeout", &value) &&
	          !arguments_get_number("pager-timeout=", "pager-timeout", &value) &&
	          !arguments_get_number("pager-timeout=12a", "pager-timeout", &value) &&
	          !arguments_get_number("xpager-timeout=5", "pager-timeout", &value) &&
	          !arguments_get_number("pager-timeout=99999999999999999999", "pager-timeout",
	                                &value) &&
	          value == 1500,
	      "a key without a number, with junk, inside another word or overflowing is absent");
	CHECK(arguments_get_number("a=1 a=2", "a", &value) && value == 2,
	      "the last setting counts");
	return tap_finish();
}
