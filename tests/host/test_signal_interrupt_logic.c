/* Host unit test of emul/signal_interrupt_logic.c: the mark of a thread's RPC
 * wait and when a poster asks the server to end it, again, or gives up. */
#include <stdint.h>
#include "signal_interrupt_logic.h"
#include "tap.h"

#define MS (1000000ll)

int main(void)
{
	uint64_t mark = emul_rpc_mark(7, 0x1234);
	CHECK(emul_rpc_port(mark) == 0x1234, "a mark names its port");
	CHECK(emul_rpc_mark(8, 0x1234) != mark, "the next wait on the same port has another mark");
	CHECK(emul_rpc_port(emul_rpc_cleared(mark)) == 0 && emul_rpc_cleared(mark) != 0,
	      "a cleared mark names no port but is still a wait");
	CHECK(emul_rpc_mark(0xffffffffu, 1) >> 32 == 0xffffffffu, "the serial keeps 32 bits");

	struct emul_signal_rpc_kick kick = {0};
	int64_t t = 1000 * MS;
	CHECK(emul_signal_rpc_step(&kick, mark, t) == EMUL_RPC_ASK, "a new wait is asked at once");
	CHECK(emul_signal_rpc_step(&kick, mark, t + 2 * MS) == EMUL_RPC_WAIT,
	      "2 ms later the answer may be on its way: no second ask");
	CHECK(emul_signal_rpc_step(&kick, mark, t + EMUL_RPC_REPEAT_NS - 1) == EMUL_RPC_WAIT,
	      "not before the repeat interval");
	CHECK(emul_signal_rpc_step(&kick, mark, t + EMUL_RPC_REPEAT_NS) == EMUL_RPC_ASK,
	      "the same wait after the repeat interval is asked again (the request came late)");
	uint64_t other = emul_rpc_mark(8, 0x1234);
	CHECK(emul_signal_rpc_step(&kick, other, t + EMUL_RPC_REPEAT_NS + MS) == EMUL_RPC_ASK,
	      "a new wait (the thread moved on) is asked at once");
	int64_t start = t + EMUL_RPC_REPEAT_NS + MS;
	int asks = 1;
	enum emul_rpc_step step = EMUL_RPC_ASK;
	int64_t now = start;
	while (step != EMUL_RPC_GIVE_UP && now < start + 10 * EMUL_RPC_PATIENCE_NS) {
		now += 10 * MS;
		step = emul_signal_rpc_step(&kick, other, now);
		asks += step == EMUL_RPC_ASK;
	}
	CHECK(step == EMUL_RPC_GIVE_UP && now - start > EMUL_RPC_PATIENCE_NS &&
	          now - start <= EMUL_RPC_PATIENCE_NS + EMUL_RPC_REPEAT_NS + 10 * MS,
	      "a wait that lasts gives up after the patience (%lld ms)",
	      (long long)((now - start) / MS));
	CHECK(asks == (int)(EMUL_RPC_PATIENCE_NS / EMUL_RPC_REPEAT_NS) + 1,
	      "meanwhile asked once per repeat interval (%d asks)", asks);
	kick.given_up = other;
	CHECK(emul_signal_rpc_step(&kick, other, now + MS) == EMUL_RPC_LEFT,
	      "a wait left alone stays left alone");
	CHECK(emul_signal_rpc_step(&kick, emul_rpc_mark(9, 0x1234), now + MS) == EMUL_RPC_ASK,
	      "the thread's next wait is asked again");
	return tap_finish();
}
