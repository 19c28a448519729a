/* lib/lookup's RPC helpers: errors of timed MIG calls as errno values, the
 * release of owned rights, and the auth rendezvous that reauthenticates a port. */
#include "lookup.h"
#include "lookup_environment.h"

#include <mach.h>
#include <timed_auth.h>
#include <timed_io.h>

/* Server answers are errno values, which are small; Mach's and MIG's errors
 * are either negative (MIG) or large (mach_msg's 0x1000xxxx). */
#define LOOKUP_LARGEST_ERRNO 4095

int lookup_rpc_error(kern_return_t result)
{
	switch (result) {
	case KERN_SUCCESS:
		return 0;
	case MACH_SEND_TIMED_OUT:
	case MACH_RCV_TIMED_OUT:
		return ETIMEDOUT;
	case MACH_SEND_INTERRUPTED:
	case MACH_RCV_INTERRUPTED:
		return EINTR;
	case MIG_TYPE_ERROR:
	case MIG_REPLY_MISMATCH:
	case MIG_REMOTE_ERROR:
	case MIG_BAD_ARGUMENTS:
	case MIG_ARRAY_TOO_LARGE:
		return EPROTO;
	case MIG_BAD_ID:
		return EOPNOTSUPP;
	case MACH_SEND_INVALID_DEST:
	case MACH_RCV_PORT_DIED:
	case MIG_SERVER_DIED:
		return EIO;
	default:
		if (result > 0 && result <= LOOKUP_LARGEST_ERRNO)
			return (int)result;
		return EIO;
	}
}

void lookup_release(mach_port_t port)
{
	if (MACH_PORT_VALID(port))
		(void)mach_port_deallocate(mach_task_self(), port);
}

int lookup_reauthenticate(mach_port_t port, mach_port_t auth, unsigned timeout_ms,
                          mach_port_t *new_port)
{
	*new_port = MACH_PORT_NULL;
	if (timeout_ms == 0)
		timeout_ms = LOOKUP_DEFAULT_TIMEOUT_MS;
	if (!MACH_PORT_VALID(port) || !MACH_PORT_VALID(auth))
		return EINVAL;
	mach_port_t rendezvous = MACH_PORT_NULL;
	kern_return_t kr =
	    mach_port_allocate(mach_task_self(), MACH_PORT_RIGHT_RECEIVE, &rendezvous);
	if (kr != KERN_SUCCESS)
		return kr == KERN_RESOURCE_SHORTAGE || kr == KERN_NO_SPACE ? ENOMEM : EIO;
	/* Both halves get a send right made from our receive right; the auth
	 * server matches them by the port. */
	kr = timed_io_reauthenticate(port, timeout_ms, rendezvous, MACH_MSG_TYPE_MAKE_SEND);
	if (kr == KERN_SUCCESS)
		kr = timed_auth_user_authenticate(auth, timeout_ms, rendezvous,
		                                  MACH_MSG_TYPE_MAKE_SEND, new_port);
	/* Destroying the receive right tells a half still waiting at the auth
	 * server that we have gone. */
	(void)mach_port_mod_refs(mach_task_self(), rendezvous, MACH_PORT_RIGHT_RECEIVE, -1);
	if (kr != KERN_SUCCESS) {
		*new_port = MACH_PORT_NULL;
		return lookup_rpc_error(kr);
	}
	if (!MACH_PORT_VALID(*new_port)) {
		*new_port = MACH_PORT_NULL;
		return EPROTO;
	}
	return 0;
}
