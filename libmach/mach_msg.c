/* mach_msg: the mach_msg_trap with the interruption handling GNU Mach leaves to
 * libmach: unless the caller asked for MACH_SEND_INTERRUPT / MACH_RCV_INTERRUPT,
 * an interrupted send is restarted and an interrupted receive is resumed. */
#include <mach/message.h>

mach_msg_return_t mach_msg(mach_msg_header_t *message, mach_msg_option_t option,
                           mach_msg_size_t send_size, mach_msg_size_t receive_size,
                           mach_port_name_t receive_name, mach_msg_timeout_t timeout,
                           mach_port_name_t notify)
{
	mach_msg_return_t result =
	    mach_msg_trap(message, option, send_size, receive_size, receive_name, timeout, notify);
	/* An interrupted send delivered nothing: the whole call starts again. */
	if (!(option & MACH_SEND_INTERRUPT)) {
		while (result == MACH_SEND_INTERRUPTED)
			result = mach_msg_trap(message, option, send_size, receive_size,
			                       receive_name, timeout, notify);
	}
	/* An interrupted receive comes after a completed send: only the receive is
	 * repeated. */
	if (!(option & MACH_RCV_INTERRUPT)) {
		while (result == MACH_RCV_INTERRUPTED)
			result = mach_msg_trap(message, option & ~MACH_SEND_MSG, 0, receive_size,
			                       receive_name, timeout, notify);
	}
	return result;
}
