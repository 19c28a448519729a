/* io_stat on the terminal port, so that /dev/tty and /dev/console (the nodes
 * the bootstrap attaches term to) answer ls -l and stat: a character device,
 * readable and writable by everyone, as Linux's /dev/tty (5, 0). */
#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <hurd/io_server.h>
#include "term.h"

#define TERM_FSID 0x7465726d /* "term": the file system id io_stat shows */

kern_return_t S_io_stat(io_t stat_object, io_statbuf_t *stat_info)
{
	(void)stat_object;
	if (term.object == NULL || ports_rpc_object() != term.object)
		return EOPNOTSUPP;
	memset(stat_info, 0, sizeof(*stat_info));
	stat_info->fsid = TERM_FSID;
	stat_info->ino = 1;
	stat_info->mode = S_IFCHR | 0666;
	stat_info->nlink = 1;
	stat_info->rdev = (5 << 8) | 0;
	return 0;
}
