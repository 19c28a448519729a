/* An ordinary static glibc program for the emulator's tests: greets on stdout
 * with its arguments, writes to stderr, and exits with status 7 so that the
 * harness sees the status travel back. */
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
	printf("hello from a static glibc program, %d arguments:", argc);
	for (int i = 1; i < argc; i++)
		printf(" %s", argv[i]);
	printf("\n");
	char *memory = malloc(1 << 20);
	if (!memory)
		return 1;
	memory[(1 << 20) - 1] = 1;
	free(memory);
	fprintf(stderr, "hello on stderr\n");
	return 7;
}
