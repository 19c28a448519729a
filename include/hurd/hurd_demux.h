/* The MIG demultiplexers of the Hurd protocols' server stubs (MIG's server
 * headers do not declare them): each handles its interface's requests. */
#ifndef WB_HURD_HURD_DEMUX_H
#define WB_HURD_HURD_DEMUX_H

#include <mach/message.h>

/* Each returns FALSE, with a MIG_BAD_ID reply, for a message id outside its
 * interface; otherwise it calls the S_* routine and fills reply. */
boolean_t fs_server(mach_msg_header_t *request, mach_msg_header_t *reply);
boolean_t io_server(mach_msg_header_t *request, mach_msg_header_t *reply);
boolean_t fsys_server(mach_msg_header_t *request, mach_msg_header_t *reply);
boolean_t auth_server(mach_msg_header_t *request, mach_msg_header_t *reply);
boolean_t proc_server(mach_msg_header_t *request, mach_msg_header_t *reply);
boolean_t exec_server(mach_msg_header_t *request, mach_msg_header_t *reply);
boolean_t term_server(mach_msg_header_t *request, mach_msg_header_t *reply);
boolean_t startup_server(mach_msg_header_t *request, mach_msg_header_t *reply);
boolean_t pipe_server(mach_msg_header_t *request, mach_msg_header_t *reply);
boolean_t password_server(mach_msg_header_t *request, mach_msg_header_t *reply);
boolean_t interrupt_server(mach_msg_header_t *request, mach_msg_header_t *reply);

#endif
