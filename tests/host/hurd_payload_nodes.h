/* The objects of the protected-payload host test: the C side of the FILE_*
 * translation hooks its fs server stubs are generated with (hurd_types.defs). */
#ifndef WB_TEST_HURD_PAYLOAD_NODES_H
#define WB_TEST_HURD_PAYLOAD_NODES_H

#include <mach/port.h>

struct test_node {
	const char *name;
	unsigned mode;
	int references; /* taken by a translation, dropped by the destructor */
};
typedef struct test_node *test_node_t;

/* FILE_INTRAN: the node a port name stands for, or NULL. */
test_node_t test_file_to_node(mach_port_t port);
/* FILE_INTRAN_PAYLOAD: the node a protected payload points at. */
test_node_t test_payload_to_node(unsigned long payload);
/* FILE_DESTRUCTOR: drops what the translation took. */
void test_node_release(test_node_t node);

#endif
