# Make fragment: the VM benchmarks' guest programs (bench/vm.sh), built by `make`, run by `make
# bench`; included by bench/bench.mk after bench/ipc_rpc.mk, whose MIG rules and stubs it reuses.

BENCH_VM_HEADERS := $(BENCH_RPC_HEADERS) $(BENCH_RPC_MIG_DIR)/bench_vm_ool.h \
	$(BENCH_RPC_MIG_DIR)/bench_vm_ool_server.h
# The helpers every program links: order statistics and error names.
BENCH_VM_COMMON := $(GUEST_DIR)/bench_vm_stats.o
# A client starts its server module; a server registers its port with the client.
BENCH_VM_CLIENT := $(BENCH_VM_COMMON) $(GUEST_DIR)/bench_vm_spawn.o \
	$(BENCH_RPC_STUB_DIR)/bench_rpc_rendezvous_server.o
BENCH_VM_SERVER := $(BENCH_VM_COMMON) $(GUEST_DIR)/bench_vm_register.o \
	$(BENCH_RPC_STUB_DIR)/bench_rpc_rendezvous_user.o

BENCH_VM_PROGRAMS := $(patsubst %,$(GUEST_DIR)/bench_vm_%.elf,zero_fill ool_client ool_server \
	pager_client pager)
bench: $(BENCH_VM_PROGRAMS)
guest: $(BENCH_VM_PROGRAMS)

$(GUEST_DIR)/bench_vm_%.o: tests/guest/bench_vm_%.c | deps
	@mkdir -p $(dir $@)
	$(HOST_CC) $(BENCH_RPC_CFLAGS) -MMD -MP -c $< -o $@
# Named here, not in the pattern, so that make prefers the pattern over tests.mk's.
$(patsubst %,$(GUEST_DIR)/bench_vm_%.o,stats spawn register zero_fill ool_client ool_server \
	pager_client pager): $(BENCH_VM_HEADERS)

$(GUEST_DIR)/bench_vm_zero_fill.elf: $(BENCH_VM_COMMON)
$(GUEST_DIR)/bench_vm_ool_client.elf: $(BENCH_VM_CLIENT) $(BENCH_RPC_STUB_DIR)/bench_vm_ool_user.o
$(GUEST_DIR)/bench_vm_ool_server.elf: $(BENCH_VM_SERVER) $(BENCH_RPC_STUB_DIR)/bench_vm_ool_server.o
$(GUEST_DIR)/bench_vm_pager_client.elf: $(BENCH_VM_CLIENT)
$(GUEST_DIR)/bench_vm_pager.elf: $(BENCH_VM_SERVER)
$(BENCH_VM_PROGRAMS): $(GUEST_DIR)/bench_vm_%.elf: $(GUEST_DIR)/bench_vm_%.o $(BENCH_RPC_RUNTIME)
	ld -static -nostdlib -z max-page-size=0x1000 -z noexecstack -e _start -o $@ \
		$(filter %.o,$^) $(LIBMACH_FULL)
