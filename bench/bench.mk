# Make fragment: `make bench` runs every benchmark (bench/run-all.sh), each printing its
# figure next to the same workload on the Linux guest in the same QEMU.

.PHONY: bench
bench: $(KERNEL) $(GUEST_DIR)/bench_boot.elf | deps
	WB_BUILD=$(BUILD) WB_KERNEL=$(KERNEL) WB_GUEST_DIR=$(GUEST_DIR) bench/run-all.sh
-include bench/ipc_rpc.mk
-include tests/guest/bench_vm.mk
