/* Build tool of tests/system/password.t (host gcc, libxcrypt): writes the
 * test tree's /etc/passwd, /etc/shadow and /etc/group into DIRECTORY, with
 * hashes of known passwords (yescrypt and sha512-crypt, fixed salts so the
 * archive is the same at every build) and malformed lines to skip. */
#include <crypt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* crypt(5) hash of password with prefix and cost count; exits on failure. */
static const char *hash(const char *password, const char *prefix, unsigned long count,
                        const char *salt_bytes)
{
	static struct crypt_data data;
	char setting[CRYPT_GENSALT_OUTPUT_SIZE];
	if (!crypt_gensalt_rn(prefix, count, salt_bytes, 16, setting, sizeof(setting)) ||
	    !crypt_rn(password, setting, &data, sizeof(data)) || data.output[0] == '*') {
		fprintf(stderr, "make_test_tree: libxcrypt cannot make a %s hash\n", prefix);
		exit(1);
	}
	return data.output;
}

static FILE *open_in(const char *directory, const char *name)
{
	char path[4096];
	snprintf(path, sizeof(path), "%s/%s", directory, name);
	FILE *file = fopen(path, "w");
	if (!file) {
		perror(path);
		exit(1);
	}
	return file;
}

static void finish(FILE *file)
{
	if (ferror(file) || fclose(file) != 0) {
		perror("make_test_tree");
		exit(1);
	}
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "Usage: make_test_tree DIRECTORY\n");
		return 64;
	}
	FILE *passwd = open_in(argv[1], "passwd");
	fputs("root:x:0:0:root:/root:/bin/sh\n"
	      "this line is garbage\n"
	      "alice:x:1000:1000:Alice:/home/alice:/bin/sh\n"
	      "bob:x:1001:1001:Bob:/home/bob:/bin/sh\n"
	      "locked:x:1002:1002:Locked:/:/bin/sh\n"
	      "disabled:x:1003:1003:Disabled:/:/bin/sh\n"
	      "noshadow:x:1004:1004:No shadow entry:/:/bin/sh\n"
	      "mallory:x:1005\n"
	      "eve:x:10o6:1006::/:/bin/sh\n",
	      passwd);
	finish(passwd);

	FILE *shadow = open_in(argv[1], "shadow");
	fprintf(shadow, "root:%s:19000:0:99999:7:::\n",
	        hash("root password", "$6$", 5000, "1saltsaltsaltsal"));
	fputs("garbage:in:shadow\n", shadow);
	/* yescrypt at its lowest cost: the default (16 MiB) is slow under TCG. */
	fprintf(shadow, "alice:%s:19000:0:99999:7:::\n",
	        hash("correct horse", "$y$", 1, "2saltsaltsaltsal"));
	fprintf(shadow, "bob:%s:19000:0:99999:7:::\n",
	        hash("bobs secret", "$6$", 5000, "3saltsaltsaltsal"));
	fprintf(shadow, "locked:!%s:19000:0:99999:7:::\n",
	        hash("locked out", "$6$", 5000, "4saltsaltsaltsal"));
	fputs("disabled:*:19000:0:99999:7:::\n", shadow);
	fprintf(shadow, "mallory:%s:19000:0:99999:7:::\n",
	        hash("mallory", "$6$", 5000, "5saltsaltsaltsal"));
	finish(shadow);

	FILE *group = open_in(argv[1], "group");
	fputs("root:x:0:\n"
	      "wheel:x:10:alice\n"
	      "audio:x:29:bob,alice\n"
	      "nonsense:x:notanumber:alice\n"
	      "alice:x:1000:\n"
	      "bob:x:1001:\n",
	      group);
	fprintf(group, "staff:%s:50:\n", hash("staff password", "$6$", 5000, "6saltsaltsaltsal"));
	finish(group);
	return 0;
}
