/* run_as: runs a program with other user and group ids, for the busybox sh
 * suite's permission checks (usage: run_as UID GID PROGRAM [ARG...]). */
#define _GNU_SOURCE
#include <errno.h>
#include <grp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int parse_id(const char *text, unsigned int *id)
{
	char *end;
	unsigned long value;

	errno = 0;
	value = strtoul(text, &end, 10);
	if (errno != 0 || end == text || *end != '\0' || value > 0xfffffffeUL)
		return -1;
	*id = (unsigned int)value;
	return 0;
}

int main(int argc, char **argv)
{
	unsigned int uid, gid;

	if (argc < 4 || parse_id(argv[1], &uid) != 0 || parse_id(argv[2], &gid) != 0) {
		fprintf(stderr, "usage: run_as UID GID PROGRAM [ARG...]\n");
		return 2;
	}
	if (setgroups(0, NULL) != 0 || setresgid(gid, gid, gid) != 0 ||
	    setresuid(uid, uid, uid) != 0) {
		fprintf(stderr, "run_as: cannot become %u:%u: %s\n", uid, gid, strerror(errno));
		return 1;
	}
	execv(argv[3], argv + 3);
	fprintf(stderr, "run_as: %s: %s\n", argv[3], strerror(errno));
	return 127;
}
