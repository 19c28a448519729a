/* Conformance: allocating, inspecting and releasing every right type (receive,
 * send, send-once, port set, dead name) with mach_port_allocate, _type, _names,
 * _get_refs, _mod_refs, _deallocate and _destroy. */
#include "ipc_conformance.h"

static bool names_contain(mach_port_t name, mach_port_type_t type)
{
	struct ipc_name_snapshot snapshot;
	if (ipc_snapshot_names(&snapshot) != KERN_SUCCESS)
		return false;
	for (unsigned i = 0; i < snapshot.count; i++) {
		if (snapshot.names[i] == name)
			return snapshot.types[i] == type;
	}
	return false;
}

static void receive_rights(void)
{
	mach_port_t self = mach_task_self();
	mach_port_t port = MACH_PORT_NULL;
	check(mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &port) == KERN_SUCCESS &&
	          MACH_PORT_VALID(port),
	      "mach_port_allocate(RECEIVE) gives a valid name");
	check(ipc_type_of(port) == MACH_PORT_TYPE_RECEIVE, "a new port's type is RECEIVE only");
	check(ipc_refs_of(port, MACH_PORT_RIGHT_RECEIVE) == 1, "a receive right has 1 reference");
	check(ipc_refs_of(port, MACH_PORT_RIGHT_SEND) == 0, "a new port has no send references");
	check(names_contain(port, MACH_PORT_TYPE_RECEIVE),
	      "mach_port_names lists the new port with type RECEIVE");
	check(mach_port_mod_refs(self, port, MACH_PORT_RIGHT_RECEIVE, 1) == KERN_INVALID_VALUE,
	      "a receive right cannot get a second reference (KERN_INVALID_VALUE)");

	check(mach_port_insert_right(self, port, port, MACH_MSG_TYPE_MAKE_SEND) == KERN_SUCCESS,
	      "mach_port_insert_right(MAKE_SEND) under the receive right's name");
	check(ipc_type_of(port) == (MACH_PORT_TYPE_RECEIVE | MACH_PORT_TYPE_SEND),
	      "the name then holds RECEIVE and SEND");
	check(mach_port_mod_refs(self, port, MACH_PORT_RIGHT_SEND, 2) == KERN_SUCCESS &&
	          ipc_refs_of(port, MACH_PORT_RIGHT_SEND) == 3,
	      "mach_port_mod_refs(SEND, +2) makes 3 send references");
	check(mach_port_deallocate(self, port) == KERN_SUCCESS &&
	          ipc_refs_of(port, MACH_PORT_RIGHT_SEND) == 2,
	      "mach_port_deallocate drops one send reference");
	check(mach_port_mod_refs(self, port, MACH_PORT_RIGHT_SEND, -2) == KERN_SUCCESS &&
	          ipc_type_of(port) == MACH_PORT_TYPE_RECEIVE,
	      "dropping the last send references leaves the receive right alone");
	check(mach_port_mod_refs(self, port, MACH_PORT_RIGHT_SEND, -1) == KERN_INVALID_RIGHT,
	      "dropping a send reference the name does not hold is KERN_INVALID_RIGHT");
	check(mach_port_mod_refs(self, port, MACH_PORT_RIGHT_RECEIVE, -1) == KERN_SUCCESS,
	      "mach_port_mod_refs(RECEIVE, -1) destroys the receive right");
	check(ipc_type_of(port) == MACH_PORT_TYPE_NONE &&
	          mach_port_deallocate(self, port) == KERN_INVALID_NAME,
	      "the destroyed port's name is gone (KERN_INVALID_NAME)");
	mach_port_type_t type;
	check(mach_port_type(self, 0x7ffff0, &type) == KERN_INVALID_NAME,
	      "mach_port_type of a name never allocated is KERN_INVALID_NAME");
	check(mach_port_allocate(self, MACH_PORT_RIGHT_SEND, &port) == KERN_INVALID_VALUE,
	      "mach_port_allocate(SEND) is refused with KERN_INVALID_VALUE");
	check(mach_port_allocate(self, 77, &port) == KERN_INVALID_VALUE,
	      "mach_port_allocate with an unknown right is refused");
}

static void dead_names_and_destroy(void)
{
	mach_port_t self = mach_task_self();
	mach_port_t dead = MACH_PORT_NULL;
	check(mach_port_allocate(self, MACH_PORT_RIGHT_DEAD_NAME, &dead) == KERN_SUCCESS &&
	          ipc_type_of(dead) == MACH_PORT_TYPE_DEAD_NAME,
	      "mach_port_allocate(DEAD_NAME) makes a dead name");
	check(ipc_refs_of(dead, MACH_PORT_RIGHT_DEAD_NAME) == 1, "a new dead name has 1 reference");
	check(mach_port_mod_refs(self, dead, MACH_PORT_RIGHT_DEAD_NAME, 4) == KERN_SUCCESS &&
	          ipc_refs_of(dead, MACH_PORT_RIGHT_DEAD_NAME) == 5,
	      "dead-name references can be added");
	check(mach_port_deallocate(self, dead) == KERN_SUCCESS &&
	          ipc_refs_of(dead, MACH_PORT_RIGHT_DEAD_NAME) == 4,
	      "mach_port_deallocate drops one dead-name reference");
	check(mach_port_destroy(self, dead) == KERN_SUCCESS &&
	          ipc_type_of(dead) == MACH_PORT_TYPE_NONE,
	      "mach_port_destroy removes a dead name with all its references");

	/* A send right whose receive right is destroyed becomes a dead name. */
	mach_port_t port = ipc_new_receive();
	(void)mach_port_insert_right(self, port, port, MACH_MSG_TYPE_MAKE_SEND);
	(void)mach_port_mod_refs(self, port, MACH_PORT_RIGHT_SEND, 1);
	check(mach_port_mod_refs(self, port, MACH_PORT_RIGHT_RECEIVE, -1) == KERN_SUCCESS &&
	          ipc_type_of(port) == MACH_PORT_TYPE_DEAD_NAME,
	      "destroying a receive right turns the name's send rights into a dead name");
	check(ipc_refs_of(port, MACH_PORT_RIGHT_DEAD_NAME) == 2,
	      "the dead name keeps the 2 send references as dead-name references");
	check(ipc_send_simple(port, MACH_MSG_TYPE_COPY_SEND, MACH_PORT_NULL, 0, 1, 0, 0, 0) ==
	          MACH_SEND_INVALID_DEST,
	      "sending to a dead name fails with MACH_SEND_INVALID_DEST");
	check(mach_port_mod_refs(self, port, MACH_PORT_RIGHT_DEAD_NAME, -2) == KERN_SUCCESS &&
	          ipc_type_of(port) == MACH_PORT_TYPE_NONE,
	      "releasing every dead-name reference frees the name");

	port = ipc_new_receive();
	(void)mach_port_insert_right(self, port, port, MACH_MSG_TYPE_MAKE_SEND);
	check(mach_port_destroy(self, port) == KERN_SUCCESS &&
	          ipc_type_of(port) == MACH_PORT_TYPE_NONE,
	      "mach_port_destroy removes receive and send rights under one name");
}

static void send_once_rights(void)
{
	mach_port_t self = mach_task_self();
	mach_port_t port = ipc_new_receive();
	mach_port_t once = MACH_PORT_NULL;
	mach_msg_type_name_t once_type = 0;
	check(mach_port_extract_right(self, port, MACH_MSG_TYPE_MAKE_SEND_ONCE, &once,
	                              &once_type) == KERN_SUCCESS &&
	          once_type == MACH_MSG_TYPE_PORT_SEND_ONCE,
	      "mach_port_extract_right(MAKE_SEND_ONCE) gives a send-once right");
	check(once != port && ipc_type_of(once) == MACH_PORT_TYPE_SEND_ONCE,
	      "a send-once right has a name of its own, type SEND_ONCE");
	check(ipc_refs_of(once, MACH_PORT_RIGHT_SEND_ONCE) == 1,
	      "a send-once right has 1 reference");
	check(mach_port_mod_refs(self, once, MACH_PORT_RIGHT_SEND_ONCE, 1) == KERN_INVALID_VALUE,
	      "a send-once right cannot get a second reference");
	mach_port_status_t status;
	check(mach_port_get_receive_status(self, port, &status) == KERN_SUCCESS &&
	          status.mps_sorights == 1,
	      "the port counts 1 send-once right");
	check(mach_port_deallocate(self, once) == KERN_SUCCESS &&
	          ipc_type_of(once) == MACH_PORT_TYPE_NONE,
	      "mach_port_deallocate releases a send-once right and its name");
	check(ipc_receive(port, MACH_RCV_TIMEOUT, 1000) == MACH_MSG_SUCCESS &&
	          ipc_received.header.msgh_id == MACH_NOTIFY_SEND_ONCE,
	      "releasing an unused send-once right sends a send-once notification to its port");
	(void)mach_port_destroy(self, port);
}

static void port_set_rights(void)
{
	mach_port_t self = mach_task_self();
	mach_port_t set = MACH_PORT_NULL;
	check(mach_port_allocate(self, MACH_PORT_RIGHT_PORT_SET, &set) == KERN_SUCCESS &&
	          ipc_type_of(set) == MACH_PORT_TYPE_PORT_SET,
	      "mach_port_allocate(PORT_SET) makes a port set");
	check(ipc_refs_of(set, MACH_PORT_RIGHT_PORT_SET) == 1, "a port set has 1 reference");
	check(mach_port_deallocate(self, set) == KERN_INVALID_RIGHT,
	      "mach_port_deallocate does not apply to a port set (KERN_INVALID_RIGHT)");
	check(mach_port_mod_refs(self, set, MACH_PORT_RIGHT_PORT_SET, -1) == KERN_SUCCESS &&
	          ipc_type_of(set) == MACH_PORT_TYPE_NONE,
	      "mach_port_mod_refs(PORT_SET, -1) destroys the set");
	check(mach_port_allocate_name(self, MACH_PORT_RIGHT_RECEIVE, 0x4321) == KERN_SUCCESS &&
	          ipc_type_of(0x4321) == MACH_PORT_TYPE_RECEIVE,
	      "mach_port_allocate_name makes a receive right under the chosen name");
	check(mach_port_allocate_name(self, MACH_PORT_RIGHT_RECEIVE, 0x4321) == KERN_NAME_EXISTS,
	      "mach_port_allocate_name of a name in use is KERN_NAME_EXISTS");
	(void)mach_port_destroy(self, 0x4321);
}

void conformance_rights(void)
{
	receive_rights();
	dead_names_and_destroy();
	send_once_rights();
	port_set_rights();
}
