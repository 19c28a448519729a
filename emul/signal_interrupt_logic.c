/* When a signal's poster asks a server to end a thread's RPC: at once for a new
 * wait, again every EMUL_RPC_REPEAT_NS while the same wait lasts (the request
 * may reach the server after the first ask), never after giving up. */
#include "signal_interrupt_logic.h"

enum emul_rpc_step emul_signal_rpc_step(struct emul_signal_rpc_kick *kick, uint64_t rpc,
                                        int64_t now_ns)
{
	if (rpc == kick->given_up)
		return EMUL_RPC_LEFT;
	if (rpc != kick->rpc) {
		kick->rpc = rpc;
		kick->first_ns = now_ns;
	} else if (now_ns - kick->last_ns < EMUL_RPC_REPEAT_NS) {
		return EMUL_RPC_WAIT;
	} else if (now_ns - kick->first_ns > EMUL_RPC_PATIENCE_NS) {
		return EMUL_RPC_GIVE_UP;
	}
	kick->last_ns = now_ns;
	return EMUL_RPC_ASK;
}
