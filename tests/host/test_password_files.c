/* Host unit test of the password server's pure parts: passwd, shadow, group
 * and gshadow parsing with malformed lines (servers/password/password_files.c)
 * and password checks against yescrypt and sha512-crypt hashes made here with
 * libxcrypt (password_verify.c). */
#include "password_files.h"
#include "password_verify.h"

#include <crypt.h>
#include <errno.h>
#include <string.h>
#include "tap.h"

static const char passwd[] = "root:x:0:0:root:/root:/bin/sh\n"
                             "# a comment line\n"
                             "garbage without colons\n"
                             "eve:x:abc:100:::/bin/sh\n"
                             "short:x:1005:1005\n"
                             "toomany:x:1006:1006:::/bin/sh:extra\n"
                             "huge:x:4294967295:1:::/bin/sh\n"
                             ":x:1007:1007:::/bin/sh\n"
                             "alice:x:1000:1000:Alice:/home/alice:/bin/sh\n"
                             "bob:x:1001:1001::/home/bob:/bin/sh\r\n"
                             "dup:x:1000:5:::/bin/sh\n"
                             "last:x:1010:1010:::/bin/sh"; /* no final newline */

static const char shadow[] = "root:$6$abc$xyz:19000:0:99999:7:::\n"
                             "alice:HASH:19000:0:99999:7:::\n"
                             "broken:$6$x$y\n"
                             "locked:!$6$abc$xyz:19000:0:99999:7:::\n";

static const char group[] = "root:x:0:\n"
                            "wheel:x:10:alice,carol\n"
                            "audio:x:29:bob,alice\n"
                            "bad:x:notanumber:alice\n"
                            "alicelike:x:30:alicex,xalice\n"
                            "staff:$6$s$t:50:\n"
                            "again:x:10:alice\n"
                            "alice:x:1000:\n";

static void check_passwd(void)
{
	struct password_user user;
	CHECK(password_find_user(passwd, strlen(passwd), 1000, &user) == 0 &&
	          strcmp(user.name, "alice") == 0 && user.gid == 1000,
	      "uid 1000 is alice with gid 1000 (the first well-formed line wins)");
	CHECK(password_find_user(passwd, strlen(passwd), 0, &user) == 0 &&
	          strcmp(user.name, "root") == 0,
	      "uid 0 is root");
	CHECK(password_find_user(passwd, strlen(passwd), 1005, &user) == ENOENT,
	      "a line with too few fields is skipped");
	CHECK(password_find_user(passwd, strlen(passwd), 1006, &user) == ENOENT,
	      "a line with too many fields is skipped");
	CHECK(password_find_user(passwd, strlen(passwd), 1007, &user) == ENOENT,
	      "a line with an empty name is skipped");
	CHECK(password_find_user(passwd, strlen(passwd), 1001, &user) == ENOENT,
	      "a line ending in a carriage return is skipped");
	CHECK(password_find_user(passwd, strlen(passwd), 4242, &user) == ENOENT,
	      "an unknown uid: ENOENT");
	CHECK(password_find_user(passwd, strlen(passwd), 1010, &user) == 0 &&
	          strcmp(user.name, "last") == 0,
	      "the last line without a newline counts");
	CHECK(password_find_user(passwd, 0, 0, &user) == ENOENT, "an empty file has nobody");
	CHECK(password_find_user("a:x:1:1:::\0:x:2:2:::", 20, 2, &user) == ENOENT,
	      "a line with a NUL inside is skipped");
	CHECK(password_find_user("x:x:99999999999:1:::", 20, 2, &user) == ENOENT,
	      "an id beyond 32 bits does not parse");
}

static void check_shadow_and_groups(void)
{
	char hash[PASSWORD_HASH_MAX];
	CHECK(password_find_hash(shadow, strlen(shadow), 9, "alice", hash) == 0 &&
	          strcmp(hash, "HASH") == 0,
	      "alice's shadow hash is found");
	CHECK(password_find_hash(shadow, strlen(shadow), 9, "broken", hash) == ENOENT,
	      "a shadow line without nine fields is skipped");
	CHECK(password_find_hash(shadow, strlen(shadow), 9, "ali", hash) == ENOENT,
	      "a name's prefix does not match");
	CHECK(password_find_hash(shadow, strlen(shadow), 9, "locked", hash) == 0 &&
	          !password_hash_usable(hash),
	      "a locked hash (\"!...\") is found and unusable");
	CHECK(!password_hash_usable("*") && !password_hash_usable("") &&
	          !password_hash_usable("x") && password_hash_usable("$6$a$b"),
	      "\"*\", empty and \"x\" are unusable, a hash is usable");
	char name[PASSWORD_NAME_MAX];
	CHECK(password_find_group(group, strlen(group), 50, name, hash) == 0 &&
	          strcmp(name, "staff") == 0 && strcmp(hash, "$6$s$t") == 0,
	      "gid 50 is staff with its password field");
	CHECK(password_find_group(group, strlen(group), 77, name, hash) == ENOENT,
	      "an unknown gid: ENOENT");
	uint32_t gids[PASSWORD_MAX_GROUPS];
	size_t count = password_user_groups(group, strlen(group), "alice", 1000, gids);
	CHECK(count == 3 && gids[0] == 1000 && gids[1] == 10 && gids[2] == 29,
	      "alice's groups: primary 1000, then wheel and audio, no repeats (%zu)", count);
	count = password_user_groups(group, strlen(group), "bob", 1001, gids);
	CHECK(count == 2 && gids[0] == 1001 && gids[1] == 29, "bob's groups: 1001 and audio");
	count = password_user_groups(group, strlen(group), "nobody", 65534, gids);
	CHECK(count == 1 && gids[0] == 65534, "a user in no group has only the primary one");
	static char many[64 * 1024];
	size_t used = 0;
	for (int i = 0; i < 200; i++)
		used +=
		    (size_t)snprintf(many + used, sizeof(many) - used, "g%d:x:%d:u\n", i, 2000 + i);
	count = password_user_groups(many, used, "u", 1, gids);
	CHECK(count == PASSWORD_MAX_GROUPS, "membership stops at %d groups", PASSWORD_MAX_GROUPS);
}

static void check_hashes(void)
{
	char salt[CRYPT_GENSALT_OUTPUT_SIZE];
	static const char random_bytes[32] = "0123456789abcdef0123456789abcdef";
	struct crypt_data data;
	memset(&data, 0, sizeof(data));
	char yescrypt[CRYPT_OUTPUT_SIZE], sha512[CRYPT_OUTPUT_SIZE];
	bool made = crypt_gensalt_rn("$y$", 1, random_bytes, 16, salt, sizeof(salt)) &&
	            crypt_rn("correct horse", salt, &data, sizeof(data));
	strcpy(yescrypt, made ? data.output : "*");
	made = made && crypt_gensalt_rn("$6$", 1000, random_bytes, 16, salt, sizeof(salt)) &&
	       crypt_rn("bobs secret", salt, &data, sizeof(data));
	strcpy(sha512, made ? data.output : "*");
	CHECK(made && strncmp(yescrypt, "$y$", 3) == 0 && strncmp(sha512, "$6$", 3) == 0,
	      "libxcrypt made a yescrypt and a sha512-crypt hash");
	CHECK(password_matches("correct horse", yescrypt),
	      "the right password matches the yescrypt hash");
	CHECK(!password_matches("correct horsf", yescrypt), "a wrong one does not");
	CHECK(password_matches("bobs secret", sha512),
	      "the right password matches the sha512-crypt hash");
	CHECK(!password_matches("", sha512), "the empty password does not");
	char locked[CRYPT_OUTPUT_SIZE + 1] = "!";
	strcat(locked, sha512);
	CHECK(!password_matches("bobs secret", locked), "a locked hash never matches");
	CHECK(!password_matches("x", "$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$aGFzaA"),
	      "an argon2 hash (a method libxcrypt lacks) never matches");
	CHECK(!password_matches("x", "garbage"), "a garbage hash never matches");
}

int main(void)
{
	check_passwd();
	check_shadow_and_groups();
	check_hashes();
	return tap_finish();
}
