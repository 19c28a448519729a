/* Host test of lib/netfs's pure logic (netfs_logic.h) and lib/iohelp's
 * identities: path components, entry names, joins, permission bits, the
 * sticky rule, seeks, buffers, argz, directory records, io_restrict_auth. */
#include "netfs_logic.h"
#include "iohelp.h"
#include "tap.h"

#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <hurd/hurd_types.h>

enum { R = 1, W = 2, X = 4 };

static void component_checks(void)
{
	char component[NETFS_NAME_MAX + 1];
	const char *rest = NULL;
	CHECK(netfs_next_component("a/b/c", component, &rest) == 0 && strcmp(component, "a") == 0 &&
	          strcmp(rest, "b/c") == 0,
	      "the first component and the rest");
	CHECK(netfs_next_component("//a//b", component, &rest) == 0 &&
	          strcmp(component, "a") == 0 && strcmp(rest, "b") == 0,
	      "leading and doubled slashes are skipped");
	CHECK(netfs_next_component("a/", component, &rest) == 0 && strcmp(component, "a") == 0 &&
	          *rest == '\0',
	      "a trailing slash leaves an empty rest");
	CHECK(netfs_next_component("", component, &rest) == ENOENT &&
	          netfs_next_component("///", component, &rest) == ENOENT,
	      "no component left is ENOENT");
	char longest[NETFS_NAME_MAX + 3];
	memset(longest, 'n', sizeof(longest));
	longest[NETFS_NAME_MAX] = '\0';
	CHECK(netfs_next_component(longest, component, &rest) == 0 &&
	          strlen(component) == NETFS_NAME_MAX,
	      "a component of %d bytes fits", NETFS_NAME_MAX);
	longest[NETFS_NAME_MAX] = 'n';
	longest[NETFS_NAME_MAX + 1] = '\0';
	CHECK(netfs_next_component(longest, component, &rest) == ENAMETOOLONG,
	      "one byte more is ENAMETOOLONG");
	CHECK(netfs_check_entry_name("x") == 0 && netfs_check_entry_name("") == EINVAL &&
	          netfs_check_entry_name(".") == EINVAL && netfs_check_entry_name("..") == EINVAL &&
	          netfs_check_entry_name("a/b") == EINVAL &&
	          netfs_check_entry_name(longest) == ENAMETOOLONG,
	      "entry names: not empty, . or .., no slash, not too long");
	char out[16];
	CHECK(netfs_join_path(out, sizeof(out), "..", "x/y") == 0 && strcmp(out, "../x/y") == 0,
	      "joining a name and a rest");
	CHECK(netfs_join_path(out, sizeof(out), "/etc/motd", "") == 0 &&
	          strcmp(out, "/etc/motd") == 0,
	      "an empty rest adds no slash");
	CHECK(netfs_join_path(out, sizeof(out), "", "inner") == 0 && strcmp(out, "inner") == 0,
	      "an empty first part adds no slash (a translator's root name is often empty)");
	CHECK(netfs_join_path(out, sizeof(out), "0123456789", "abcde") == ENAMETOOLONG,
	      "a join that does not fit is ENAMETOOLONG");
	strcpy(out, "abc");
	CHECK(netfs_join_path(out, sizeof(out), out, "d") == 0 && strcmp(out, "abc/d") == 0,
	      "the output may be the first part (symbolic link targets are joined in place)");
}

static void permission_checks(void)
{
	const uint32_t root[] = {0}, owner[] = {1000}, other[] = {2000}, staff[] = {50};
	CHECK(netfs_allowed_access(0100640, 1000, 50, owner, 1, other, 1) == (R | W),
	      "the owner gets the owner's bits");
	CHECK(netfs_allowed_access(0100640, 1000, 50, other, 1, staff, 1) == R,
	      "the group gets the group's bits");
	CHECK(netfs_allowed_access(0100640, 1000, 50, other, 1, other, 1) == 0,
	      "others get the other bits");
	CHECK(netfs_allowed_access(0100000, 1000, 50, root, 1, NULL, 0) == (R | W),
	      "root reads and writes a 0000 file but does not execute it");
	CHECK(netfs_allowed_access(0040000, 1000, 50, root, 1, NULL, 0) == (R | W | X),
	      "root searches any directory");
	CHECK(netfs_allowed_access(0040700, 1000, 50, other, 1, NULL, 0) == 0,
	      "a 0700 directory is closed to others");
	CHECK(netfs_is_owner(1000, owner, 1) && netfs_is_owner(1000, root, 1) &&
	          !netfs_is_owner(1000, other, 1),
	      "the owner or root owns a node");
	CHECK(netfs_may_delete(040777, 0, 2000, owner, 1),
	      "without the sticky bit anyone with write access may delete");
	CHECK(!netfs_may_delete(041777, 0, 2000, owner, 1) &&
	          netfs_may_delete(041777, 0, 1000, owner, 1) &&
	          netfs_may_delete(041777, 1000, 2000, owner, 1) &&
	          netfs_may_delete(041777, 5, 2000, root, 1),
	      "with it: only the entry's owner, the directory's owner or root");
	int64_t position = -1;
	CHECK(netfs_seek(5, 14, -4, 2, &position) == 0 && position == 10 &&
	          netfs_seek(5, 14, -6, 1, &position) == EINVAL &&
	          netfs_seek(0, 0, 0, 9, &position) == EINVAL &&
	          netfs_seek(INT64_MAX, 0, 1, 1, &position) == EOVERFLOW,
	      "seek: SEEK_END, negative results, bad whence, overflow");
}

static void buffer_checks(void)
{
	struct netfs_buffer buffer = {0};
	CHECK(netfs_buffer_add_string(&buffer, "tmpfs") == 0 &&
	          netfs_buffer_add_string(&buffer, "--size=1") == 0 && buffer.length == 15 &&
	          memcmp(buffer.data, "tmpfs\0--size=1\0", 15) == 0,
	      "argz built from strings");
	char **vector, *copy;
	int count;
	CHECK(netfs_argz_split(buffer.data, buffer.length, &vector, &count, &copy) == 0 &&
	          count == 2 && strcmp(vector[1], "--size=1") == 0 && vector[2] == NULL,
	      "argz split into an argv");
	free(vector);
	free(copy);
	CHECK(netfs_argz_split("abc", 3, &vector, &count, &copy) == EINVAL,
	      "argz without a final NUL is EINVAL");
	netfs_buffer_free(&buffer);
	CHECK(netfs_dirent_size(1) == 16 && netfs_dirent_size(3) == 16 &&
	          netfs_dirent_size(4) == 24,
	      "records are header + name + NUL rounded to 8 bytes");
	CHECK(netfs_dirent_append(&buffer, 0, 7, netfs_dirent_type(0040755), "etc") == 0 &&
	          netfs_dirent_append(&buffer, 0, 9, netfs_dirent_type(0100644), "motd") == 0 &&
	          buffer.length == 40,
	      "two records appended (%zu bytes)", buffer.length);
	struct hurd_dirent first, second;
	memcpy(&first, buffer.data, sizeof(first));
	memcpy(&second, buffer.data + first.record_length, sizeof(second));
	CHECK(first.ino == 7 && first.type == 4 && first.name_length == 3 &&
	          strcmp(buffer.data + offsetof(struct hurd_dirent, name), "etc") == 0 &&
	          second.ino == 9 && second.type == 8 &&
	          strcmp(buffer.data + 16 + offsetof(struct hurd_dirent, name), "motd") == 0,
	      "the records read back as struct hurd_dirent (name right after name_length)");
	CHECK(netfs_dirent_append(&buffer, 48, 1, 0, "toolong") == ENOSPC && buffer.length == 40,
	      "a record past the size limit is ENOSPC and nothing is added");
	CHECK(netfs_dirent_type(0120777) == 10 && netfs_dirent_type(0020666) == 2 &&
	          netfs_dirent_type(0) == 0,
	      "DT_ types of links, devices and unknowns");
	netfs_buffer_free(&buffer);
}

static void identity_checks(void)
{
	const uint32_t uids[] = {1000, 0}, gids[] = {50, 100};
	struct iohelp_identity identity;
	CHECK(iohelp_identity_make(&identity, uids, 2, gids, 2) == 0 &&
	          iohelp_identity_is_root(&identity) && iohelp_identity_has_gid(&identity, 100),
	      "an identity with uid 0 among its uids is root");
	uint32_t many[IOHELP_MAX_IDS + 1] = {0};
	CHECK(iohelp_identity_make(&identity, many, IOHELP_MAX_IDS + 1, NULL, 0) == EINVAL,
	      "more than %d ids is EINVAL", IOHELP_MAX_IDS);
	const uint32_t user[] = {1000}, wanted_uids[] = {1000, 2000}, wanted_gids[] = {50};
	iohelp_identity_make(&identity, user, 1, gids, 2);
	iohelp_identity_restrict(&identity, wanted_uids, 2, wanted_gids, 1);
	CHECK(identity.uid_count == 1 && identity.uids[0] == 1000 && identity.gid_count == 1 &&
	          identity.gids[0] == 50,
	      "io_restrict_auth keeps only ids both have");
	const uint32_t root[] = {0};
	iohelp_identity_make(&identity, root, 1, NULL, 0);
	iohelp_identity_restrict(&identity, wanted_uids, 2, wanted_gids, 1);
	CHECK(identity.uid_count == 2 && identity.uids[1] == 2000 &&
	          !iohelp_identity_is_root(&identity),
	      "root restricted gets exactly the ids asked for, and is root no more");
}

int main(void)
{
	component_checks();
	permission_checks();
	buffer_checks();
	identity_checks();
	return tap_finish();
}
