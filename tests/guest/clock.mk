# Builds the in-guest clock and entropy test (tests/guest/clock_test*.c) against
# the full libmach, with the IPC programs' helpers (tests/guest/ipc_common_*.c,
# built by ipc.mk). Included by tests/tests.mk.
include libmach/libmach.mk

CLOCK_GUEST_ELF := $(GUEST_DIR)/clock_test.elf
CLOCK_GUEST_OBJECTS := $(patsubst tests/guest/%.c,$(GUEST_DIR)/%.o,$(wildcard tests/guest/clock_*.c))

$(GUEST_DIR)/clock_%.o: tests/guest/clock_%.c | deps $(LIBMACH_GENERATED_HEADERS)
	@mkdir -p $(dir $@)
	$(HOST_CC) $(GUEST_CFLAGS) $(LIBMACH_CFLAGS) -MMD -MP -c $< -o $@

$(CLOCK_GUEST_ELF): $(CLOCK_GUEST_OBJECTS) $(IPC_COMMON_OBJECTS) $(GUEST_RT_OBJECTS) \
		$(GUEST_RT_THREAD_OBJECTS) $(LIBMACH_FULL)
	ld -static -nostdlib -z max-page-size=0x1000 -z noexecstack -e _start -o $@ \
		$(sort $(filter %.o,$^)) $(LIBMACH_FULL)

.PHONY: clock-guest
clock-guest: $(CLOCK_GUEST_ELF)
guest: clock-guest
