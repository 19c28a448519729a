/* Host test of lib/trivfs's pure logic (lib/trivfs/trivfs_logic.h): access
 * from ids and mode, ownership, io_seek's arithmetic, read spans, argz. */
#include "trivfs_logic.h"
#include "tap.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

enum { R = 1, W = 2, X = 4 };

static void access_checks(void)
{
	const uint32_t root[] = {0}, owner[] = {1000}, other[] = {2000}, staff[] = {50};
	CHECK(trivfs_allowed_access(0640, 1000, 50, owner, 1, other, 1) == (R | W),
	      "the owner gets the owner's bits (rw-)");
	CHECK(trivfs_allowed_access(0640, 1000, 50, other, 1, staff, 1) == R,
	      "a member of the group gets the group's bits (r--)");
	CHECK(trivfs_allowed_access(0640, 1000, 50, other, 1, other, 1) == 0,
	      "anyone else gets the other bits (---)");
	CHECK(trivfs_allowed_access(0004, 1000, 50, owner, 1, staff, 1) == 0,
	      "the owner's bits apply to the owner even when others may read");
	CHECK(trivfs_allowed_access(0000, 1000, 50, root, 1, NULL, 0) == (R | W),
	      "root reads and writes a mode 0000 file, but may not execute it");
	CHECK(trivfs_allowed_access(0100, 1000, 50, root, 1, NULL, 0) == (R | W | X),
	      "root executes a file with an execute bit");
	CHECK(trivfs_allowed_access(0755, 1000, 50, NULL, 0, NULL, 0) == (R | X),
	      "no ids at all get the other bits");
	const uint32_t two[] = {2000, 1000};
	CHECK(trivfs_allowed_access(0600, 1000, 50, two, 2, NULL, 0) == (R | W),
	      "any of several uids may be the owner");
	CHECK(trivfs_is_owner(1000, two, 2) && trivfs_is_owner(1000, root, 1) &&
	          !trivfs_is_owner(1000, other, 1) && !trivfs_is_owner(1000, NULL, 0),
	      "the owner or root owns the node, nobody else");
}

static void seek_checks(void)
{
	int64_t position = -1;
	CHECK(trivfs_seek(5, 14, 3, 0, &position) == 0 && position == 3, "SEEK_SET");
	CHECK(trivfs_seek(5, 14, 3, 1, &position) == 0 && position == 8, "SEEK_CUR");
	CHECK(trivfs_seek(5, 14, -4, 2, &position) == 0 && position == 10, "SEEK_END");
	CHECK(trivfs_seek(5, 14, 100, 2, &position) == 0 && position == 114,
	      "seeking past the end is allowed");
	position = 7;
	CHECK(trivfs_seek(5, 14, -6, 1, &position) == EINVAL && position == 7,
	      "a negative result is EINVAL and changes nothing");
	CHECK(trivfs_seek(5, 14, 0, 3, &position) == EINVAL, "an unknown whence is EINVAL");
	CHECK(trivfs_seek(INT64_MAX, 0, 1, 1, &position) == EOVERFLOW,
	      "an offset beyond 2^63-1 is EOVERFLOW");
	CHECK(trivfs_read_span(0, 14, 100) == 14 && trivfs_read_span(10, 14, 3) == 3 &&
	          trivfs_read_span(10, 14, 100) == 4,
	      "a read finds what lies between the offset and the end");
	CHECK(trivfs_read_span(14, 14, 5) == 0 && trivfs_read_span(99, 14, 5) == 0 &&
	          trivfs_read_span(-1, 14, 5) == 0 && trivfs_read_span(0, 0, 5) == 0,
	      "at or past the end (or before the start) a read finds nothing");
}

static void argz_checks(void)
{
	struct trivfs_argz argz = {0};
	CHECK(trivfs_argz_add(&argz, "hello") == 0 &&
	          trivfs_argz_add(&argz, "--contents=a b") == 0 && argz.length == 6 + 15 &&
	          memcmp(argz.data, "hello\0--contents=a b", 21) == 0,
	      "an argz vector is its strings with their NULs");
	char **vector, *copy;
	int count = -1;
	CHECK(trivfs_argz_split(argz.data, argz.length, &vector, &count, &copy) == 0 &&
	          count == 2 && strcmp(vector[0], "hello") == 0 &&
	          strcmp(vector[1], "--contents=a b") == 0 && vector[2] == NULL,
	      "it splits back into a NULL-terminated vector");
	free(vector);
	free(copy);
	trivfs_argz_free(&argz);
	CHECK(argz.data == NULL && argz.length == 0, "a freed vector is empty");
	CHECK(trivfs_argz_split(NULL, 0, &vector, &count, &copy) == 0 && count == 0 &&
	          vector[0] == NULL,
	      "an empty argz is an empty vector");
	free(vector);
	free(copy);
	CHECK(trivfs_argz_split("abc", 3, &vector, &count, &copy) == EINVAL,
	      "data not ending with a NUL is EINVAL");
	const char *value = NULL;
	CHECK(trivfs_option_value("--contents=x=y", "--contents", &value) &&
	          strcmp(value, "x=y") == 0,
	      "--name=VALUE gives VALUE");
	CHECK(trivfs_option_value("--contents=", "--contents", &value) && value[0] == '\0',
	      "an empty VALUE is a value");
	CHECK(!trivfs_option_value("--contents", "--contents", &value) &&
	          !trivfs_option_value("--contentsX=1", "--contents", &value) &&
	          !trivfs_option_value("--cont=1", "--contents", &value),
	      "other options are not --name=VALUE");
}

int main(void)
{
	access_checks();
	seek_checks();
	argz_checks();
	return tap_finish();
}
