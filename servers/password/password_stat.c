/* io_stat on the password server's port, so that /servers/password (the
 * node the bootstrap attaches it to) answers ls and stat; every other io
 * call is MIG's EOPNOTSUPP default. */
#include "password_server.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <hurd/io_server.h>

#define PASSWORD_FSID 0x70617373 /* "pass": the file system id io_stat shows */

extern const struct ports_class password_server_class;

kern_return_t S_io_stat(io_t stat_object, io_statbuf_t *stat_info)
{
	(void)stat_object;
	struct ports_object *object = ports_rpc_object();
	if (!object || object->class != &password_server_class)
		return EOPNOTSUPP;
	memset(stat_info, 0, sizeof(*stat_info));
	stat_info->fsid = PASSWORD_FSID;
	stat_info->ino = 1;
	stat_info->mode = S_IFSOCK | 0666;
	stat_info->nlink = 1;
	return 0;
}
