# Builds libmach, the freestanding in-guest test programs and the host unit
# tests (with AddressSanitizer and UBSan).

# --- libmach: trap stubs, mach_msg, MIG support and the kernel interfaces' stubs ---
include libmach/libmach.mk

# --- guest programs: static, freestanding, linked at the default 0x400000 ---
GUEST_CFLAGS := $(FREESTANDING_CFLAGS) -I kernel -I tests/guest -fno-pic -fno-pie -mno-red-zone
GUEST_RT_OBJECTS := $(GUEST_DIR)/rt/crt0.o $(GUEST_DIR)/rt/rt.o $(GUEST_DIR)/rt/format.o \
	$(GUEST_DIR)/rt/string.o $(GUEST_DIR)/rt/rt_thread.o $(GUEST_DIR)/rt/rt_thread_exit.o
GUEST_PROGRAMS := hello_bootstrap hello_child fault_bootstrap fault_child busy_worker bench_boot
GUEST_ELVES := $(patsubst %,$(GUEST_DIR)/%.elf,$(GUEST_PROGRAMS))

$(GUEST_DIR)/rt/crt0.o: tests/guest/rt/crt0.S | deps
	@mkdir -p $(dir $@)
	$(HOST_CC) -c $< -o $@
$(GUEST_DIR)/rt/rt.o: tests/guest/rt/rt.c | deps
	@mkdir -p $(dir $@)
	$(HOST_CC) $(GUEST_CFLAGS) -MMD -MP -c $< -o $@
$(GUEST_DIR)/rt/%.o: kernel/lib/%.c | deps
	@mkdir -p $(dir $@)
	$(HOST_CC) $(GUEST_CFLAGS) -MMD -MP -c $< -o $@
$(GUEST_DIR)/%.o: tests/guest/%.c | deps
	@mkdir -p $(dir $@)
	$(HOST_CC) $(GUEST_CFLAGS) -MMD -MP -c $< -o $@

$(GUEST_DIR)/hello_bootstrap.elf: $(GUEST_DIR)/cpu_spread.o
$(GUEST_DIR)/hello_child.elf: $(GUEST_DIR)/cpu_spread.o
$(GUEST_DIR)/%.elf: $(GUEST_DIR)/%.o $(GUEST_RT_OBJECTS) $(LIBMACH)
	ld -static -nostdlib -z max-page-size=0x1000 -z noexecstack -e _start -o $@ \
		$(filter %.o,$^) $(LIBMACH)

# A boot module that is not an executable, for the loader's error path.
$(GUEST_DIR)/not-an-elf.bin:
	@mkdir -p $(dir $@)
	printf 'this is not an ELF executable\n' > $@

.PHONY: guest
guest: $(GUEST_ELVES) $(GUEST_DIR)/not-an-elf.bin

-include $(wildcard $(GUEST_DIR)/*.d $(GUEST_DIR)/rt/*.d)

# --- host unit tests of the portable kernel code ---
HOST_TEST_DIR := $(BUILD)/host-tests
HOST_TEST_CFLAGS := -std=gnu11 -O1 -g $(COMMON_WARNINGS) -fsanitize=address,undefined \
	-fno-sanitize-recover=all -fno-omit-frame-pointer -I kernel -I tests/host
HOST_TESTS := page_frames zone runqueue elf_image arguments format loader_image loader_stack
HOST_TEST_BINARIES := $(patsubst %,$(HOST_TEST_DIR)/test_%,$(HOST_TESTS))

$(HOST_TEST_DIR)/test_page_frames: kernel/vm/page_frames.c
$(HOST_TEST_DIR)/test_zone: kernel/kern/zone.c tests/host/host_irq.c tests/host/host_pages.c
$(HOST_TEST_DIR)/test_runqueue: kernel/kern/runqueue.c
$(HOST_TEST_DIR)/test_elf_image: kernel/kern/elf_image.c
$(HOST_TEST_DIR)/test_arguments: kernel/kern/arguments.c
$(HOST_TEST_DIR)/test_format: kernel/lib/format.c
$(HOST_TEST_DIR)/test_loader_image: lib/loader/loader_image.c kernel/kern/elf_image.c
$(HOST_TEST_DIR)/test_loader_image: HOST_TEST_CFLAGS += -I include -I lib/loader
$(HOST_TEST_DIR)/test_loader_stack: lib/loader/loader_stack_layout.c
$(HOST_TEST_DIR)/test_loader_stack: HOST_TEST_CFLAGS += -I include -I lib/loader
$(HOST_TEST_DIR)/test_loader_image $(HOST_TEST_DIR)/test_loader_stack: tests/host/elf_test_image.h \
	lib/loader/loader_image.h lib/loader/loader_stack_layout.h include/wildebeest/emul_image.h
$(HOST_TEST_DIR)/test_%: tests/host/test_%.c tests/host/tap.h | deps
	@mkdir -p $(dir $@)
	$(HOST_CC) $(HOST_TEST_CFLAGS) -o $@ $(filter %.c,$^)


# Fragments of the IPC work: kernel IPC host tests, kernel services host tests,
# in-guest IPC programs; then gsync's host test and in-guest program.
-include tests/host/ipc.mk
-include tests/host/services.mk
-include tests/guest/ipc.mk
-include tests/guest/modules.mk
-include tests/guest/iodev.mk
-include tests/host/gsync.mk
-include tests/host/clock_lib.mk
-include tests/guest/gsync.mk
-include tests/guest/emulation.mk
-include tests/guest/clock.mk
-include tests/linux/runtime_test/runtime_test.mk
-include tests/guest/vm.mk
-include tests/guest/pager.mk
-include tests/host/ihash.mk
-include tests/host/auth_ids.mk
-include tests/host/trivfs_logic.mk
-include tests/host/proc_table.mk
-include tests/host/signal_logic.mk
-include tests/host/signal_interrupt_logic.mk
-include tests/host/exec_logic.mk
-include tests/host/hurd_stubs.mk
-include tests/host/lookup.mk
-include tests/host/utils_args.mk
-include tests/host/netfs_logic.mk
-include tests/host/procfs_format.mk

# After the fragments, which add to HOST_TEST_BINARIES.
.PHONY: host-tests
host-tests: $(HOST_TEST_BINARIES)
