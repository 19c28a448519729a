/* Conformance: new-task notifications (gnumach.defs register_new_task_notification,
 * task_notify.defs mach_notify_new_task), through the host-privileged port the
 * kernel gives module 0 on its command line (--host-priv-port=N). */
#include "ipc_conformance.h"

#define NEW_TASK_NOTIFICATION_ID 4400 /* task_notify.defs: subsystem 4400, routine 0 */

/* The name after "--host-priv-port=" in argv, MACH_PORT_NULL if none. */
static mach_port_t host_priv_from(int argc, char **argv)
{
	const char *prefix = "--host-priv-port=";
	for (int i = 1; i < argc; i++) {
		const char *word = argv[i];
		unsigned p = 0;
		while (prefix[p] && word[p] == prefix[p])
			p++;
		if (prefix[p])
			continue;
		mach_port_t name = 0;
		for (word += p; *word >= '0' && *word <= '9'; word++)
			name = name * 10 + (mach_port_t)(*word - '0');
		return name;
	}
	return MACH_PORT_NULL;
}

void conformance_new_task_notifications(int argc, char **argv)
{
	mach_port_t self = mach_task_self();
	mach_port_t host_priv = host_priv_from(argc, argv);
	check(ipc_type_of(host_priv) == MACH_PORT_TYPE_SEND,
	      "module 0 holds a send right to the host-privileged port (0x%x)", host_priv);
	mach_port_t listener = ipc_new_receive();
	check(register_new_task_notification(self, listener, MACH_MSG_TYPE_MAKE_SEND) ==
	          KERN_INVALID_HOST,
	      "register_new_task_notification through a task port is refused");
	check(register_new_task_notification(host_priv, listener, MACH_MSG_TYPE_MAKE_SEND) ==
	          KERN_SUCCESS,
	      "register_new_task_notification through the host-privileged port succeeds");
	mach_port_t child = MACH_PORT_NULL;
	check(task_create(self, FALSE, &child) == KERN_SUCCESS, "a task is created");
	bool arrived = ipc_receive(listener, MACH_RCV_TIMEOUT, 1000) == MACH_MSG_SUCCESS;
	check(arrived && ipc_received.header.msgh_id == NEW_TASK_NOTIFICATION_ID,
	      "mach_notify_new_task arrives for it (id %d)",
	      arrived ? ipc_received.header.msgh_id : -1);
	if (arrived) {
		const struct {
			mach_msg_header_t header;
			mach_msg_type_t task_type;
			mach_port_t task;
			mach_msg_type_t parent_type;
			mach_port_t parent;
		} *notification = (const void *)&ipc_received;
		check(notification->task == child && notification->parent == self,
		      "it names the new task and us, its parent");
		mach_msg_destroy(&ipc_received.header);
	}
	(void)task_terminate(child);
	(void)mach_port_deallocate(self, child);
	(void)mach_port_destroy(self, listener);
}
