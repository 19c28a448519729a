/* Host tests of lib/lookup (TAP): fake directory servers (a root file system,
 * a translator behind REAUTH, a second server reached by NORMAL, a silent one)
 * in process over lookup_fake_kernel's mach_msg, with every right counted. */
#include "lookup.h"
#include "lookup_fake_kernel.h"
#include "lookup_names.h"
#include "tap.h"

#include <errno.h>
#include <hurd/fs_server.h>
#include <hurd/io_server.h>
#include <hurd/auth_server.h>
#include <stdio.h>
#include <string.h>

enum node_kind {
	NODE_DIR,
	NODE_FILE,
	NODE_SYMLINK,        /* target: an absolute name */
	NODE_TRANSLATED,     /* a translator runs on it: fs is its file system */
	NODE_FORWARD,        /* NORMAL to another server's directory */
	NODE_BAD_RETRY_TYPE, /* answers a retry type that does not exist */
	NODE_NORMAL_NO_PORT, /* NORMAL with a name left and no port */
	NODE_MAGICAL_WITH_PORT /* MAGICAL with a port */,
	NODE_MAGICAL, /* MAGICAL target */
};

struct fs;
struct node {
	const char *name;
	const char *parent;
	struct fs *fs;
	enum node_kind kind;
	const char *target;
	struct fs *translator;
	mach_port_t *forward;
};

struct fs {
	const char *label;
	struct node *root;
	mach_port_t unauthenticated_root; /* what REAUTH hands out */
	bool without_reauthenticate;      /* answers io_reauthenticate EOPNOTSUPP */
	bool refuses_reauthenticate;      /* answers it EACCES */
};

/* What a port stands for at the fake servers. */
struct handle {
	struct node *node;
	bool authenticated;
};

static struct fs root_fs = {.label = "root fs"}, translator_fs = {.label = "translator"},
                 other_fs = {.label = "other"},
                 plain_fs = {.label = "no reauth", .without_reauthenticate = true},
                 refusing_fs = {.label = "refusing", .refuses_reauthenticate = true};
static mach_port_t other_dir_port, silent_port, auth_port, root_port;
static struct node nodes[] = {
    {.name = "/", .fs = &root_fs, .kind = NODE_DIR},
    {.name = "a", .parent = "/", .fs = &root_fs, .kind = NODE_DIR},
    {.name = "b", .parent = "a", .fs = &root_fs, .kind = NODE_DIR},
    {.name = "c", .parent = "b", .fs = &root_fs, .kind = NODE_FILE},
    {.name = "tnode",
     .parent = "a",
     .fs = &root_fs,
     .kind = NODE_TRANSLATED,
     .translator = &translator_fs},
    {.name = "abs", .parent = "/", .fs = &root_fs, .kind = NODE_SYMLINK, .target = "/a/b"},
    {.name = "loop1", .parent = "/", .fs = &root_fs, .kind = NODE_SYMLINK, .target = "/loop2"},
    {.name = "loop2", .parent = "/", .fs = &root_fs, .kind = NODE_SYMLINK, .target = "/loop1"},
    {.name = "fwd",
     .parent = "/",
     .fs = &root_fs,
     .kind = NODE_FORWARD,
     .forward = &other_dir_port},
    {.name = "silent",
     .parent = "/",
     .fs = &root_fs,
     .kind = NODE_FORWARD,
     .forward = &silent_port},
    {.name = "badtype", .parent = "/", .fs = &root_fs, .kind = NODE_BAD_RETRY_TYPE},
    {.name = "noport", .parent = "/", .fs = &root_fs, .kind = NODE_NORMAL_NO_PORT},
    {.name = "magicport", .parent = "/", .fs = &root_fs, .kind = NODE_MAGICAL_WITH_PORT},
    {.name = "tty", .parent = "/", .fs = &root_fs, .kind = NODE_MAGICAL, .target = "tty"},
    {.name = "T/", .fs = &translator_fs, .kind = NODE_DIR},
    {.name = "x", .parent = "T/", .fs = &translator_fs, .kind = NODE_FILE},
    {.name = "sub", .parent = "T/", .fs = &translator_fs, .kind = NODE_DIR},
    {.name = "tfwd",
     .parent = "T/",
     .fs = &translator_fs,
     .kind = NODE_FORWARD,
     .forward = &other_dir_port},
    {.name = "plain",
     .parent = "a",
     .fs = &root_fs,
     .kind = NODE_TRANSLATED,
     .translator = &plain_fs},
    {.name = "refusing",
     .parent = "a",
     .fs = &root_fs,
     .kind = NODE_TRANSLATED,
     .translator = &refusing_fs},
    {.name = "N/", .fs = &plain_fs, .kind = NODE_DIR},
    {.name = "z", .parent = "N/", .fs = &plain_fs, .kind = NODE_FILE},
    {.name = "R/", .fs = &refusing_fs, .kind = NODE_DIR},
    {.name = "O/", .fs = &other_fs, .kind = NODE_DIR},
    {.name = "y", .parent = "O/", .fs = &other_fs, .kind = NODE_FILE},
};
#define NODE_COUNT (sizeof(nodes) / sizeof(nodes[0]))

static struct handle handles[256];
static unsigned handle_count;
static int last_flags;
static unsigned lookups_on_unauthenticated;
static unsigned rendezvous_matched;
static mach_port_t pending_rendezvous = MACH_PORT_NULL;
static struct fs *pending_reauth;
static int auth_marker;

static struct node *find_node(const char *name)
{
	for (unsigned i = 0; i < NODE_COUNT; i++)
		if (strcmp(nodes[i].name, name) == 0)
			return &nodes[i];
	return NULL;
}

static struct node *find_child(struct node *dir, const char *name, size_t length)
{
	for (unsigned i = 0; i < NODE_COUNT; i++)
		if (nodes[i].parent != NULL && nodes[i].fs == dir->fs &&
		    strcmp(nodes[i].parent, dir->name) == 0 && strlen(nodes[i].name) == length &&
		    memcmp(nodes[i].name, name, length) == 0)
			return &nodes[i];
	return NULL;
}

static struct node *parent_of(struct node *node)
{
	for (unsigned i = 0; i < NODE_COUNT; i++)
		if (nodes[i].fs == node->fs && strcmp(nodes[i].name, node->parent) == 0)
			return &nodes[i];
	return NULL;
}

static mach_port_t make_handle_port(struct node *node, bool authenticated)
{
	struct handle *handle = &handles[handle_count++];
	*handle = (struct handle){node, authenticated};
	return fake_port_make(handle, FAKE_PORT_ANSWERS);
}

static struct node *node_of(mach_port_t port)
{
	void *object = fake_port_object(port);
	if (object == NULL || object == &auth_marker)
		return NULL;
	return ((struct handle *)object)->node;
}

/* --- the fake servers --- */

kern_return_t S_dir_lookup(file_t start_dir, const_path_t file_name, int flags, hurd_mode_t mode,
                           retry_type *do_retry, path_t retry_name, mach_port_t *result,
                           mach_msg_type_name_t *resultPoly)
{
	(void)mode;
	struct handle *handle = fake_port_object(start_dir);
	if (handle == NULL || (void *)handle == &auth_marker)
		return EOPNOTSUPP;
	if (!handle->authenticated && !handle->node->fs->without_reauthenticate) {
		lookups_on_unauthenticated++;
		return EACCES;
	}
	last_flags = flags;
	*result = MACH_PORT_NULL;
	*resultPoly = MACH_MSG_TYPE_MAKE_SEND;
	retry_name[0] = '\0';
	struct node *node = handle->node;
	const char *cursor = file_name;
	for (;;) {
		cursor += strspn(cursor, "/");
		if (*cursor == '\0')
			break;
		size_t length = strcspn(cursor, "/");
		const char *rest = cursor + length;
		rest += strspn(rest, "/");
		if (length == 1 && cursor[0] == '.') {
			cursor = rest;
			continue;
		}
		if (length == 2 && cursor[0] == '.' && cursor[1] == '.') {
			if (node == node->fs->root) {
				*do_retry = FS_RETRY_MAGICAL;
				snprintf(retry_name, HURD_PATH_MAX, "%s", cursor);
				return 0;
			}
			node = parent_of(node);
			cursor = rest;
			continue;
		}
		if (node->kind != NODE_DIR)
			return ENOTDIR;
		struct node *child = find_child(node, cursor, length);
		if (child == NULL)
			return ENOENT;
		switch (child->kind) {
		case NODE_SYMLINK:
			*do_retry = FS_RETRY_MAGICAL;
			snprintf(retry_name, HURD_PATH_MAX, "%s%s%s", child->target,
			         *rest ? "/" : "", rest);
			return 0;
		case NODE_TRANSLATED:
			if (*rest == '\0' && (flags & HURD_O_NOTRANS))
				break;
			*do_retry = FS_RETRY_REAUTH;
			*result = child->translator->unauthenticated_root;
			snprintf(retry_name, HURD_PATH_MAX, "%s", rest);
			return 0;
		case NODE_FORWARD:
			*do_retry = FS_RETRY_NORMAL;
			*result = *child->forward;
			snprintf(retry_name, HURD_PATH_MAX, "%s", rest);
			return 0;
		case NODE_BAD_RETRY_TYPE:
			*do_retry = 7;
			*result = make_handle_port(child, true);
			return 0;
		case NODE_NORMAL_NO_PORT:
			*do_retry = FS_RETRY_NORMAL;
			snprintf(retry_name, HURD_PATH_MAX, "%s", "more");
			return 0;
		case NODE_MAGICAL_WITH_PORT:
			*do_retry = FS_RETRY_MAGICAL;
			*result = make_handle_port(child, true);
			snprintf(retry_name, HURD_PATH_MAX, "tty");
			return 0;
		case NODE_MAGICAL:
			*do_retry = FS_RETRY_MAGICAL;
			snprintf(retry_name, HURD_PATH_MAX, "%s", child->target);
			return 0;
		default:
			break;
		}
		node = child;
		cursor = rest;
	}
	*do_retry = FS_RETRY_NORMAL;
	*result = make_handle_port(node, true);
	return 0;
}

kern_return_t S_io_reauthenticate(io_t auth_object, mach_port_t rendezvous2)
{
	struct handle *handle = fake_port_object(auth_object);
	if (handle == NULL || (void *)handle == &auth_marker)
		return EOPNOTSUPP;
	if (handle->node->fs->without_reauthenticate)
		return EOPNOTSUPP;
	if (handle->node->fs->refuses_reauthenticate)
		return EACCES;
	pending_rendezvous = rendezvous2;
	pending_reauth = handle->node->fs;
	return 0;
}

kern_return_t S_auth_user_authenticate(auth_t handle, reply_port_t reply, mach_port_t rendezvous,
                                       mach_port_t *newport, mach_msg_type_name_t *newportPoly)
{
	(void)reply;
	if (fake_port_object(handle) != &auth_marker)
		return EOPNOTSUPP;
	/* The server half must have come with the same port, a receive right
	 * the client holds. */
	if (rendezvous != pending_rendezvous || !fake_port_has_receive(rendezvous) ||
	    pending_reauth == NULL)
		return EACCES;
	rendezvous_matched++;
	*newport = make_handle_port(pending_reauth->root, true);
	*newportPoly = MACH_MSG_TYPE_MAKE_SEND;
	pending_rendezvous = MACH_PORT_NULL;
	pending_reauth = NULL;
	return 0;
}

/* --- the tests --- */

static int magic_calls;
static char magic_seen[64];

static int magic_hook(void *context, const char *name, int flags, hurd_mode_t mode,
                      mach_port_t *result)
{
	(void)flags;
	(void)mode;
	magic_calls++;
	snprintf(magic_seen, sizeof(magic_seen), "%s", name);
	*result = *(mach_port_t *)context;
	fake_port_add_send(*result);
	return 0;
}

static struct lookup_workspace workspace;

/* Looks name up and checks the rights: the caller's own plus the result. */
static int lookup_counted(const struct lookup_context *ctx, const char *name, int flags,
                          mach_port_t *result, bool *rights_ok)
{
	unsigned before = fake_client_send_rights();
	int error = lookup_file(ctx, &workspace, name, flags, 0, result);
	unsigned expected = before + (MACH_PORT_VALID(*result) ? 1 : 0);
	*rights_ok = fake_client_send_rights() == expected && fake_client_receive_rights() == 0 &&
	             fake_kernel_misuse() == 0;
	if (!*rights_ok)
		printf("# rights after %s: %u send (expected %u), %u receive, %u misuse\n", name,
		       fake_client_send_rights(), expected, fake_client_receive_rights(),
		       fake_kernel_misuse());
	return error;
}

/* Looks name up, expecting node; releases the result. */
static void expect_node(const struct lookup_context *ctx, const char *name, int flags,
                        struct node *expected, const char *what)
{
	mach_port_t result = MACH_PORT_NULL;
	bool rights_ok;
	int error = lookup_counted(ctx, name, flags, &result, &rights_ok);
	struct node *found = node_of(result);
	CHECK(error == 0 && found == expected && rights_ok, "%s: %s resolves to %s of %s", what,
	      name, expected->name, expected->fs->label);
	if (error || found != expected)
		printf("#   got error %d, node %s\n", error, found ? found->name : "(none)");
	lookup_release(result);
}

static void expect_error(const struct lookup_context *ctx, const char *name, int flags,
                         int expected, const char *what)
{
	mach_port_t result = MACH_PORT_NULL;
	bool rights_ok;
	int error = lookup_counted(ctx, name, flags, &result, &rights_ok);
	CHECK(error == expected && result == MACH_PORT_NULL && rights_ok, "%s: %s fails with %s",
	      what, name, strerror(expected));
	if (error != expected)
		printf("#   got %d (%s)\n", error, strerror(error));
	lookup_release(result);
}

static void test_names(void)
{
	size_t parent = 99;
	CHECK(lookup_crossing_parent("a/tnode/../b", 12, "../b", 4, &parent) && parent == 1,
	      "crossing parent: a/tnode/../b answered ../b was entered from a");
	CHECK(lookup_crossing_parent("tnode/x", 7, "x", 1, &parent) && parent == 0,
	      "crossing parent: one component consumed: the directory itself");
	CHECK(lookup_crossing_parent("a//b//c", 7, "c", 1, &parent) && parent == 1,
	      "crossing parent: doubled slashes");
	CHECK(!lookup_crossing_parent("l/x", 3, "y", 1, &parent),
	      "crossing parent: unknown when the retry is not the name's tail");
	CHECK(!lookup_crossing_parent("abc", 3, "bc", 2, &parent),
	      "crossing parent: unknown when the tail is not on a component boundary");
	char out[32];
	CHECK(lookup_lexical(out, sizeof(out), "/a/tnode", "../b/./c") == 0 &&
	          strcmp(out, "a/b/c") == 0,
	      "lexical: /a/tnode + ../b/./c is a/b/c");
	CHECK(lookup_lexical(out, sizeof(out), "/", "../../x/") == 0 && strcmp(out, "x/") == 0,
	      "lexical: .. of the root is the root; a trailing slash stays");
	CHECK(lookup_lexical(out, sizeof(out), "/a", "/b/..") == 0 && strcmp(out, "") == 0,
	      "lexical: an absolute name ignores the base");
	CHECK(lookup_lexical(out, 8, "/abcdef", "ghijkl") == ENAMETOOLONG,
	      "lexical: too long for the buffer is ENAMETOOLONG");
	CHECK(lookup_join(out, sizeof(out), "a", 1, "b/c") == 0 && strcmp(out, "a/b/c") == 0 &&
	          lookup_join(out, sizeof(out), "", 0, "x") == 0 && strcmp(out, "x") == 0 &&
	          lookup_join(out, sizeof(out), "a", 1, "") == 0 && strcmp(out, "a") == 0,
	      "join: with one slash, none for an empty side");
	CHECK(lookup_rpc_error(MACH_RCV_TIMED_OUT) == ETIMEDOUT &&
	          lookup_rpc_error(MACH_SEND_INVALID_DEST) == EIO &&
	          lookup_rpc_error(MIG_TYPE_ERROR) == EPROTO &&
	          lookup_rpc_error(MIG_BAD_ID) == EOPNOTSUPP && lookup_rpc_error(ENOENT) == ENOENT,
	      "RPC errors: timeouts, dead servers, bad replies, unknown routines, server errnos");
}

int main(void)
{
	for (unsigned i = 0; i < NODE_COUNT; i++)
		if (nodes[i].parent == NULL)
			nodes[i].fs->root = &nodes[i];
	root_port = make_handle_port(root_fs.root, true);
	fake_port_add_send(root_port);
	auth_port = fake_port_make(&auth_marker, FAKE_PORT_ANSWERS);
	fake_port_add_send(auth_port);
	translator_fs.unauthenticated_root = make_handle_port(translator_fs.root, false);
	plain_fs.unauthenticated_root = make_handle_port(plain_fs.root, false);
	refusing_fs.unauthenticated_root = make_handle_port(refusing_fs.root, false);
	other_dir_port = make_handle_port(other_fs.root, true);
	silent_port = fake_port_make(NULL, FAKE_PORT_SILENT);

	test_names();

	struct lookup_context ctx = {.root = root_port, .auth = auth_port, .timeout_ms = 1234};
	struct node *c = find_node("c"), *x = find_node("x");

	expect_node(&ctx, "/a/b/c", 0, c, "multi-component");
	expect_node(&ctx, "a//b/./c", 0, c, "relative without a cwd, from the root");
	expect_node(&ctx, "/", 0, root_fs.root, "the root itself");
	CHECK(fake_kernel_last_timeout() == 1234 && fake_kernel_misuse() == 0,
	      "every mach_msg had a send and a receive timeout of the configured 1234 ms");

	expect_node(&ctx, "/fwd/y", 0, find_node("y"), "NORMAL retry into a second server");
	expect_node(&ctx, "/fwd/../a/b/c", 0, c,
	            "MAGICAL .. at the second server's root goes back through the crossing");

	unsigned matched = rendezvous_matched;
	expect_node(&ctx, "/a/tnode/x", 0, x, "REAUTH through a translator's root");
	CHECK(rendezvous_matched == matched + 1 && lookups_on_unauthenticated == 0,
	      "REAUTH: the same rendezvous (a receive right of the client) reached the "
	      "translator and auth; no lookup on the unauthenticated port");
	expect_node(&ctx, "/a/tnode", 0, translator_fs.root,
	            "REAUTH with nothing left: the translator's root");
	expect_node(&ctx, "/a/plain/z", 0, find_node("z"),
	            "REAUTH into a translator without io_reauthenticate: its port as given");
	expect_error(&ctx, "/a/refusing/z", 0, EACCES,
	             "REAUTH refused by the translator: its error, the port released");
	expect_node(&ctx, "/a/tnode", HURD_O_NOTRANS, find_node("tnode"),
	            "HURD_O_NOTRANS: the underlying node");
	CHECK(last_flags == HURD_O_NOTRANS, "the flags reach the server unchanged");
	expect_node(&ctx, "/a/b/c", HURD_O_NOLINK | HURD_O_READ, c, "HURD_O_NOLINK|HURD_O_READ");
	CHECK(last_flags == (HURD_O_NOLINK | HURD_O_READ), "HURD_O_NOLINK is passed through");

	expect_node(&ctx, "/a/tnode/../b/c", 0, c,
	            "MAGICAL .. leaves the translator to the parent of its node");
	expect_node(&ctx, "/a/tnode/sub/../../b/c", 0, c,
	            ".. inside the translator is its own; the next leaves it");
	expect_node(&ctx, "/a/tnode/..", 0, find_node("a"), ".. of a translator's root alone");
	expect_node(&ctx, "/a/tnode/tfwd/y", 0, find_node("y"),
	            "two servers entered: the translator, then a NORMAL retry from it");
	expect_node(&ctx, "/a/tnode/tfwd/../x", 0, x, ".. of the second server back to the first");
	expect_node(&ctx, "/a/tnode/tfwd/../../b/c", 0, c, "two .. back through both crossings");
	expect_node(&ctx, "/abs/c", 0, c,
	            "MAGICAL / from an absolute symlink restarts at the root");
	expect_node(&ctx, "/../a/b/c", 0, c, "/.. is /");
	expect_node(&ctx, "/..", 0, root_fs.root, "/.. alone is the root");
	expect_node(&ctx, "/a/tnode/../../../a/b/c", 0, c, "leaving the translator then /..");

	/* A lookup that starts inside a translator with no crossing known. */
	mach_port_t inside = MACH_PORT_NULL;
	int error = lookup_file(&ctx, &workspace, "/a/tnode", 0, 0, &inside);
	CHECK(error == 0 && node_of(inside) == translator_fs.root,
	      "a current directory inside the translator");
	struct lookup_context in_translator = ctx;
	in_translator.cwd = inside;
	expect_node(&in_translator, "x", 0, x, "relative names start at the current directory");
	expect_node(&in_translator, "/a/b/c", 0, c, "absolute names still start at the root");
	expect_error(&in_translator, "../b/c", 0, EXDEV,
	             ".. out of the cwd's translator without its path");
	in_translator.cwd_path = "/a/tnode";
	expect_node(&in_translator, "../b/c", 0, c,
	            ".. out of the cwd's translator: lexically from the cwd's path");
	expect_node(&in_translator, "sub/../../b/c", 0, c,
	            "the same after a .. the translator resolves itself");
	lookup_release(inside);

	expect_error(&ctx, "/loop1", 0, ELOOP, "a cycle of absolute symlinks");
	struct lookup_context few_steps = ctx;
	few_steps.max_steps = 1;
	expect_error(&few_steps, "/a/tnode/x", 0, ELOOP, "more dir_lookup calls than max_steps");
	expect_error(&ctx, "/a/missing", 0, ENOENT, "the server's error is the lookup's");
	expect_error(&ctx, "/a/b/c/d", 0, ENOTDIR, "ENOTDIR from the server");
	expect_error(&ctx, "", 0, ENOENT, "the empty name");

	struct lookup_context impatient = ctx;
	impatient.timeout_ms = 250;
	mach_port_t reply_before = fake_current_reply_port();
	unsigned timeouts_before = fake_kernel_timeouts();
	expect_error(&impatient, "/silent/x", 0, ETIMEDOUT, "a server that never answers");
	CHECK(fake_kernel_timeouts() == timeouts_before + 1 && fake_kernel_last_timeout() == 250,
	      "the silent server was given the configured 250 ms");
	CHECK(fake_current_reply_port() != reply_before && !fake_late_reply(reply_before),
	      "the timed-out RPC's reply port is destroyed: a late reply finds no receiver");
	expect_node(&ctx, "/a/b/c", 0, c, "the next lookup after a timeout works");

	expect_error(&ctx, "/badtype/z", 0, EPROTO, "an unknown retry type");
	expect_error(&ctx, "/noport/z", 0, EPROTO, "NORMAL with a name left and no port");
	expect_error(&ctx, "/magicport", 0, EPROTO, "MAGICAL with a port");
	expect_error(&ctx, "/tty", 0, ENOENT, "a magical name without a hook");

	mach_port_t hook_port = make_handle_port(find_node("y"), true);
	struct lookup_context with_hook = ctx;
	with_hook.magic = magic_hook;
	with_hook.magic_context = &hook_port;
	expect_node(&with_hook, "/tty", HURD_O_READ, find_node("y"),
	            "a magical name goes to the caller's hook");
	CHECK(magic_calls == 1 && strcmp(magic_seen, "tty") == 0, "the hook was given \"tty\"");

	struct lookup_context no_auth = ctx;
	no_auth.auth = MACH_PORT_NULL;
	expect_error(&no_auth, "/a/b/c", 0, EINVAL, "no auth port");

	CHECK(fake_client_send_rights() == 2 && fake_port_send_refs(root_port) == 1 &&
	          fake_port_send_refs(auth_port) == 1 && fake_client_receive_rights() == 0 &&
	          fake_kernel_misuse() == 0,
	      "at the end: only the root and auth rights the test holds, no misuse");
	return tap_finish();
}
