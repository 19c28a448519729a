/* Build tool of image/image.mk (host gcc, libxcrypt): prints the crypt(5)
 * hash of the password given, yescrypt at its lowest cost, with a random salt. */
#include <crypt.h>
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
	if (argc != 2 || argv[1][0] == '\0') {
		fprintf(stderr, "usage: image_hash PASSWORD\n");
		return 2;
	}
	/* The lowest cost: the default (16 MiB) takes seconds under TCG. */
	char setting[CRYPT_GENSALT_OUTPUT_SIZE];
	static struct crypt_data data;
	if (!crypt_gensalt_rn("$y$", 1, NULL, 0, setting, sizeof(setting)) ||
	    !crypt_rn(argv[1], setting, &data, sizeof(data)) || data.output[0] == '*') {
		fprintf(stderr, "image_hash: libxcrypt cannot make a yescrypt hash\n");
		return 1;
	}
	printf("%s\n", data.output);
	return 0;
}
