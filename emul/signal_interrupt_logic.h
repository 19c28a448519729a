/* The pure rules of interrupting an RPC through its server (host-tested): the
 * mark a waiting thread publishes and when its poster asks the server again
 * or gives up (signal_interrupt_logic.c). */
#ifndef EMUL_SIGNAL_INTERRUPT_LOGIC_H
#define EMUL_SIGNAL_INTERRUPT_LOGIC_H

#include <stdint.h>

#define EMUL_RPC_REPEAT_NS   (50 * 1000000ll)   /* asked again after this, if still waiting */
#define EMUL_RPC_PATIENCE_NS (2000 * 1000000ll) /* then the server is taken as unable */

/* A waiting thread's mark: serial << 32 | the port's name (0: no RPC wait). */
static inline uint64_t emul_rpc_mark(uint32_t serial, uint32_t port)
{
	return (uint64_t)serial << 32 | port;
}

static inline uint32_t emul_rpc_port(uint64_t mark)
{
	return (uint32_t)mark;
}

/* The same wait with its port cleared: a look aborts it. */
static inline uint64_t emul_rpc_cleared(uint64_t mark)
{
	return mark & ~0xffffffffull;
}

/* What one poster remembers across its looks at one thread. */
struct emul_signal_rpc_kick {
	uint64_t rpc;      /* the wait being interrupted */
	int64_t first_ns;  /* when it was first asked */
	int64_t last_ns;   /* when it was last asked */
	uint64_t given_up; /* a wait left to end by itself */
};

enum emul_rpc_step {
	EMUL_RPC_ASK,     /* send interrupt_operation now */
	EMUL_RPC_WAIT,    /* asked lately: its answer may be on its way */
	EMUL_RPC_GIVE_UP, /* the server had its time: abort it or leave it */
	EMUL_RPC_LEFT,    /* given up and left alone: stop looking */
};

/* The step for the wait marked rpc (port not 0) seen at now_ns; updates kick
 * (an ASK is remembered as made at now_ns). */
enum emul_rpc_step emul_signal_rpc_step(struct emul_signal_rpc_kick *kick, uint64_t rpc,
                                        int64_t now_ns);

#endif
