# Make fragment of the null-RPC benchmark (bench/ipc_rpc.sh), included by bench/bench.mk:
# stubs of its own MIG interfaces (tests/guest/bench_rpc*.defs, `user` flavour, generated
# like mk/mig.mk's) and its two guest programs, built against libmach; `make bench` needs them.
include libmach/libmach.mk

BENCH_RPC_MIG_DIR := $(MIG_DIR)/bench
BENCH_RPC_STUB_DIR := $(GUEST_DIR)/mig_stubs
BENCH_RPC_CFLAGS := $(GUEST_CFLAGS) $(LIBMACH_CFLAGS) -I $(BENCH_RPC_MIG_DIR)
BENCH_RPC_HEADERS := $(LIBMACH_GENERATED_HEADERS) \
	$(BENCH_RPC_MIG_DIR)/bench_rpc.h $(BENCH_RPC_MIG_DIR)/bench_rpc_server.h \
	$(BENCH_RPC_MIG_DIR)/bench_rpc_rendezvous.h $(BENCH_RPC_MIG_DIR)/bench_rpc_rendezvous_server.h
BENCH_RPC_RUNTIME = $(GUEST_RT_OBJECTS) $(GUEST_RT_THREAD_OBJECTS) $(LIBMACH_FULL)

BENCH_GUEST_PROGRAMS += $(GUEST_DIR)/bench_rpc_client.elf $(GUEST_DIR)/bench_rpc_server.elf
bench: $(BENCH_GUEST_PROGRAMS)

$(BENCH_RPC_MIG_DIR)/%_user.c $(BENCH_RPC_MIG_DIR)/%.h $(BENCH_RPC_MIG_DIR)/%_server.c \
$(BENCH_RPC_MIG_DIR)/%_server.h: tests/guest/%.defs | deps
	@mkdir -p $(BENCH_RPC_MIG_DIR)
	$(MIG_CPP) $< -o $(BENCH_RPC_MIG_DIR)/$*.defs.i
	cd $(BENCH_RPC_MIG_DIR) && $(MIGCOM) -user $*_user.c -header $*.h -server $*_server.c \
		-sheader $*_server.h < $*.defs.i

# Generated code: its default routines leave parameters unused.
$(BENCH_RPC_STUB_DIR)/%.o: $(BENCH_RPC_MIG_DIR)/%.c $(BENCH_RPC_HEADERS) | deps
	@mkdir -p $(dir $@)
	$(HOST_CC) $(BENCH_RPC_CFLAGS) -Wno-unused-parameter -MMD -MP -c $< -o $@

$(GUEST_DIR)/bench_rpc_%.o: tests/guest/bench_rpc_%.c | deps
	@mkdir -p $(dir $@)
	$(HOST_CC) $(BENCH_RPC_CFLAGS) -MMD -MP -c $< -o $@
# Named here, not in the pattern, so that make prefers the pattern over tests.mk's.
$(patsubst %,$(GUEST_DIR)/bench_rpc_%.o,client server stats): $(BENCH_RPC_HEADERS)

$(GUEST_DIR)/bench_rpc_client.elf: $(GUEST_DIR)/bench_rpc_client.o $(GUEST_DIR)/bench_rpc_stats.o \
		$(BENCH_RPC_STUB_DIR)/bench_rpc_user.o \
		$(BENCH_RPC_STUB_DIR)/bench_rpc_rendezvous_server.o $(BENCH_RPC_RUNTIME)
	ld -static -nostdlib -z max-page-size=0x1000 -z noexecstack -e _start -o $@ \
		$(filter %.o,$^) $(LIBMACH_FULL)
$(GUEST_DIR)/bench_rpc_server.elf: $(GUEST_DIR)/bench_rpc_server.o \
		$(BENCH_RPC_STUB_DIR)/bench_rpc_server.o \
		$(BENCH_RPC_STUB_DIR)/bench_rpc_rendezvous_user.o $(BENCH_RPC_RUNTIME)
	ld -static -nostdlib -z max-page-size=0x1000 -z noexecstack -e _start -o $@ \
		$(filter %.o,$^) $(LIBMACH_FULL)

-include $(wildcard $(BENCH_RPC_STUB_DIR)/*.d)
