# Make fragment: `make bench` runs every benchmark (bench/run-all.sh), each printing its
# figure next to the same workload on the Linux guest in the same QEMU.

.PHONY: bench
bench: $(KERNEL) $(GUEST_DIR)/bench_boot.elf $(BUILD)/bench/syscall_getppid | deps
	WB_BUILD=$(BUILD) WB_KERNEL=$(KERNEL) WB_GUEST_DIR=$(GUEST_DIR) bench/run-all.sh
-include bench/ipc_rpc.mk
-include tests/guest/bench_vm.mk

# The Linux getppid loop, static glibc, run unmodified through the emulator
# (bench/emulation.sh) as on the Linux guest.
$(BUILD)/bench/syscall_getppid: bench/linux/syscall_getppid.c | deps
	@mkdir -p $(dir $@)
	$(HOST_CC) -std=gnu11 -static -O2 -Wall -Wextra -o $@ $<
bench: $(EMUL_ELF) $(BOOTSTRAP_ELF)

# bench/shell.sh: bench/linux/shell_bench (static glibc) as init of the herd, in the
# system's tree with /bench/shell_bench added.
$(BUILD)/bench/shell_bench: bench/linux/shell_bench.c | deps
	@mkdir -p $(dir $@)
	$(HOST_CC) -std=gnu11 -static -O2 -Wall -Wextra -o $@ $<
$(BUILD)/bench/shell-root.tar: $(BUILD)/bench/shell_bench $(SHELL_BASE_ARCHIVE) bench/bench.mk
	rm -rf $(BUILD)/bench/shell-add
	mkdir -p $(BUILD)/bench/shell-add/bench
	strip -o $(BUILD)/bench/shell-add/bench/shell_bench $<
	chmod 0755 $(BUILD)/bench/shell-add/bench $(BUILD)/bench/shell-add/bench/shell_bench
	cp $(SHELL_BASE_ARCHIVE) $@.tmp
	tar --warning=no-unknown-keyword --format=ustar --owner=0 --group=0 --numeric-owner \
		--sort=name -rf $@.tmp \
		-C $(BUILD)/bench/shell-add ./bench
	mv $@.tmp $@
bench: $(BUILD)/bench/shell-root.tar $(PROC_SERVER) $(AUTH_SERVER) $(EXEC_SERVER) $(TMPFS_SERVER) \
	$(PIPE_SERVER)
