/* What the test servers of tests/host/hurd_test_servers.c expect and answer:
 * shared by the servers and the client side of the Hurd stubs' host test. */
#ifndef WB_TEST_HURD_TEST_SERVERS_H
#define WB_TEST_HURD_TEST_SERVERS_H

#include <errno.h>
#include <hurd/hurd_types.h>

/* Port names (plain integers under the loopback). */
#define TEST_DIR_PORT     ((mach_port_t)0x100)
#define TEST_FILE_PORT    ((mach_port_t)0x101)
#define TEST_RESULT_PORT  ((mach_port_t)0x102)
#define TEST_OTHER_PORT   ((mach_port_t)0x103)
#define TEST_TASK_PORT    ((mach_port_t)0x104)
#define TEST_AUTH_PORT    ((mach_port_t)0x105)
#define TEST_PROC_PORT    ((mach_port_t)0x106)
#define TEST_TERM_PORT    ((mach_port_t)0x107)
#define TEST_FSYS_PORT    ((mach_port_t)0x108)
#define TEST_EXEC_PORT    ((mach_port_t)0x109)
#define TEST_STARTUP_PORT ((mach_port_t)0x10a)
#define TEST_HOST_PRIV    ((mach_port_t)0x10b)
#define TEST_FD_PORT_BASE ((mach_port_t)0x200)

/* A server routine whose arguments differ from what the client sent answers
 * this (a value no routine returns otherwise). */
#define TEST_BAD_ARGUMENTS EBADMSG

#define TEST_READ_SIZE          (100 * 1024)
#define TEST_LONG_PATH_SIZE     4000
#define TEST_MANY_IDS           600
#define TEST_PASSIVE_TRANSLATOR "/hurd/hello\0--contents=hi there\0"
#define TEST_FS_OPTIONS         "/hurd/tmpfs\0--size=64M\0--readonly\0"

/* The byte at offset of a test file's contents. */
static inline char test_content_byte(uint64_t offset)
{
	return (char)('a' + (offset * 7 + offset / 251) % 26);
}

/* Requests the test servers answer later (MIG_NO_REPLY, then a reply stub
 * from test_server_answer_later): proc_wait of this pid, io_select of
 * SELECT_URG, auth_server_authenticate of this rendezvous port, term_drain. */
#define TEST_LATE_PID        7
#define TEST_LATE_RENDEZVOUS ((mach_port_t)0x10c)
void test_server_answer_later(void);

/* Calls each test server routine has answered. */
extern unsigned test_server_calls;
/* The reply port the last routine with sreplyport received. */
extern mach_port_t test_server_reply_port;
/* The server demux for every interface, for the loopback. */
boolean_t test_hurd_demux(mach_msg_header_t *request, mach_msg_header_t *reply);

#endif
