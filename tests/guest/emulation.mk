# Builds the in-guest emulation test (tests/guest/emulation_test*.c and its
# assembly) against the full libmach, with the IPC programs' helpers for the
# kernel's object counts (tests/guest/ipc_common_*.c, built by ipc.mk).
# Included by tests/tests.mk.
include libmach/libmach.mk

EMULATION_GUEST_ELF := $(GUEST_DIR)/emulation_test.elf
EMULATION_GUEST_OBJECTS := \
	$(patsubst tests/guest/%.c,$(GUEST_DIR)/%.o,$(wildcard tests/guest/emulation_test*.c)) \
	$(GUEST_DIR)/emulation_test_trampoline.o

$(GUEST_DIR)/emulation_%.o: tests/guest/emulation_%.c | deps $(LIBMACH_GENERATED_HEADERS)
	@mkdir -p $(dir $@)
	$(HOST_CC) $(GUEST_CFLAGS) $(LIBMACH_CFLAGS) -MMD -MP -c $< -o $@

$(GUEST_DIR)/emulation_test_trampoline.o: tests/guest/emulation_test_trampoline.S | deps
	@mkdir -p $(dir $@)
	$(HOST_CC) -c $< -o $@

$(EMULATION_GUEST_ELF): $(EMULATION_GUEST_OBJECTS) $(IPC_COMMON_OBJECTS) $(GUEST_RT_OBJECTS) \
		$(GUEST_RT_THREAD_OBJECTS) $(LIBMACH_FULL)
	ld -static -nostdlib -z max-page-size=0x1000 -z noexecstack -e _start -o $@ \
		$(sort $(filter %.o,$^)) $(LIBMACH_FULL)

.PHONY: emulation-guest
emulation-guest: $(EMULATION_GUEST_ELF)
guest: emulation-guest

# The emulated-null-syscall benchmark's module (bench/emulation.sh).
BENCH_EMULATION_ELF := $(GUEST_DIR)/bench_emulation.elf

$(GUEST_DIR)/bench_emulation.o: tests/guest/bench_emulation.c | deps $(LIBMACH_GENERATED_HEADERS)
	@mkdir -p $(dir $@)
	$(HOST_CC) $(GUEST_CFLAGS) $(LIBMACH_CFLAGS) -MMD -MP -c $< -o $@

$(GUEST_DIR)/bench_emulation_entry.o: tests/guest/bench_emulation_entry.S | deps
	@mkdir -p $(dir $@)
	$(HOST_CC) -c $< -o $@

$(BENCH_EMULATION_ELF): $(GUEST_DIR)/bench_emulation.o $(GUEST_DIR)/bench_emulation_entry.o \
		$(GUEST_RT_OBJECTS) $(GUEST_RT_THREAD_OBJECTS) $(LIBMACH_FULL)
	ld -static -nostdlib -z max-page-size=0x1000 -z noexecstack -e _start -o $@ \
		$(sort $(filter %.o,$^)) $(LIBMACH_FULL)

bench: $(BENCH_EMULATION_ELF)
