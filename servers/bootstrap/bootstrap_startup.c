/* The bootstrap as the Hurd's startup (pid 1): startup_reboot from a task it
 * started (or one of its descendants, through the bootstrap port exec passes
 * on) halts or powers off the machine when the credential is an auth handle
 * with uid 0 among its effective ids. */
#include <hurd/hurd_types.h>
#include <timed_auth.h>
#include "bootstrap_herd.h"
#include "startup_server.h"
#include "rt/rt.h"

#define IDS_MAX 64
/* The bootstrap serves no one else meanwhile: a short bound. */
#define CREDENTIAL_TIMEOUT_MS 5000

int herd_reboot_code = -1;

/* Whether the handle's effective uids hold 0, asked of the handle's server. */
static bool credential_is_root(mach_port_t credential)
{
	hurd_uid_t euid_space[IDS_MAX], auid_space[IDS_MAX], egid_space[IDS_MAX],
	    agid_space[IDS_MAX];
	hurd_uid_t *euids = euid_space, *auids = auid_space, *egids = egid_space,
	           *agids = agid_space;
	mach_msg_type_number_t euid_count = IDS_MAX, auid_count = IDS_MAX, egid_count = IDS_MAX,
	                       agid_count = IDS_MAX;
	if (timed_auth_getids(credential, CREDENTIAL_TIMEOUT_MS, &euids, &euid_count, &auids,
	                      &auid_count, &egids, &egid_count, &agids,
	                      &agid_count) != KERN_SUCCESS)
		return false;
	bool root = false;
	for (mach_msg_type_number_t i = 0; i < euid_count; i++)
		root |= euids[i] == 0;
	hurd_uid_t *arrays[4] = {euids, auids, egids, agids};
	hurd_uid_t *spaces[4] = {euid_space, auid_space, egid_space, agid_space};
	mach_msg_type_number_t counts[4] = {euid_count, auid_count, egid_count, agid_count};
	for (int i = 0; i < 4; i++) /* arrays too large came out of line */
		if (arrays[i] != spaces[i])
			(void)vm_deallocate(mach_task_self(), (vm_address_t)arrays[i],
			                    counts[i] * sizeof(hurd_uid_t));
	return root;
}

kern_return_t S_startup_reboot(startup_t server, mach_port_t credential, int code)
{
	(void)server;
	if (code != STARTUP_REBOOT_HALT && code != STARTUP_REBOOT_POWEROFF &&
	    code != STARTUP_REBOOT_RESTART)
		return 22; /* EINVAL */
	bool allowed = MACH_PORT_VALID(credential) && credential_is_root(credential);
	if (!allowed)
		return 1; /* EPERM; the credential stays the message's, destroyed with it */
	(void)mach_port_deallocate(mach_task_self(), credential);
	herd_reboot_code = code;
	return KERN_SUCCESS;
}
