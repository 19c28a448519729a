/* Host test of hurd_types.defs' translation hooks: fs server stubs generated
 * with FILE_INTRAN, FILE_INTRAN_PAYLOAD and FILE_DESTRUCTOR hand the server
 * routines its own nodes, found by port name or by protected payload. */
#include "fs_server.h" /* the hooked server stubs' header (tests/host/hurd_stubs.mk) */
#include "hurd_payload_nodes.h"
#include "hurd_test_servers.h"
#include "mig_loopback.h"
#include "tap.h"

#include <hurd/fs.h>
#include <hurd/hurd_demux.h>
#include <string.h>

static struct test_node named_node = {.name = "by name"};
static struct test_node payload_node = {.name = "by payload"};

test_node_t test_file_to_node(mach_port_t port)
{
	if (port != TEST_FILE_PORT)
		return NULL;
	named_node.references++;
	return &named_node;
}

test_node_t test_payload_to_node(unsigned long payload)
{
	test_node_t node = (test_node_t)payload;
	node->references++;
	return node;
}

void test_node_release(test_node_t node)
{
	if (node != NULL)
		node->references--;
}

kern_return_t S_file_chmod(test_node_t file, hurd_mode_t mode)
{
	if (file == NULL)
		return EOPNOTSUPP; /* not one of this server's ports */
	file->mode = mode;
	return 0;
}

kern_return_t S_dir_lookup(test_node_t start_dir, const_path_t file_name, int flags,
                           hurd_mode_t mode, retry_type *do_retry, path_t retry_name,
                           mach_port_t *result, mach_msg_type_name_t *resultPoly)
{
	if (start_dir == NULL)
		return EOPNOTSUPP;
	if (strcmp(file_name, "name") != 0 || flags != HURD_O_READ || mode != 0)
		return TEST_BAD_ARGUMENTS;
	*do_retry = FS_RETRY_NORMAL;
	strcpy(retry_name, start_dir->name);
	*result = MACH_PORT_NULL;
	*resultPoly = MACH_MSG_TYPE_COPY_SEND;
	return 0;
}

int main(void)
{
	loopback_set_demux(fs_server);

	CHECK(file_chmod(TEST_FILE_PORT, 0755) == 0 && named_node.mode == 0755 &&
	          named_node.references == 0,
	      "FILE_INTRAN: the routine gets the node named by the port; the destructor ran");
	CHECK(file_chmod(TEST_DIR_PORT, 0755) == EOPNOTSUPP,
	      "FILE_INTRAN: a port the server does not know gives NULL, answered EOPNOTSUPP");

	loopback_set_protected_payload(TEST_OTHER_PORT, (unsigned long)&payload_node);
	CHECK(file_chmod(TEST_OTHER_PORT, 0700) == 0 && payload_node.mode == 0700 &&
	          payload_node.references == 0 && named_node.mode == 0755,
	      "FILE_INTRAN_PAYLOAD: a request carrying a protected payload reaches its node");

	retry_type retry = 0;
	path_t retry_name = "";
	mach_port_t result = TEST_RESULT_PORT;
	kern_return_t error =
	    dir_lookup(TEST_OTHER_PORT, "name", HURD_O_READ, 0, &retry, retry_name, &result);
	CHECK(error == 0 && strcmp(retry_name, "by payload") == 0 && result == MACH_PORT_NULL,
	      "dir_lookup through a payload: the start directory is the payload's node");
	error = dir_lookup(TEST_FILE_PORT, "name", HURD_O_READ, 0, &retry, retry_name, &result);
	CHECK(error == 0 && strcmp(retry_name, "by name") == 0,
	      "dir_lookup through a name: the start directory is the named node");

	mach_port_t node = MACH_PORT_NULL;
	CHECK(dir_mkfile(TEST_OTHER_PORT, HURD_O_RDWR, 0600, &node) == EOPNOTSUPP &&
	          payload_node.references == 0,
	      "a routine the server lacks answers EOPNOTSUPP and still releases the node");
	CHECK(loopback_misuse_count() == 0 && loopback_live_regions() == 0,
	      "no misuse, no region left");
	return tap_finish();
}
