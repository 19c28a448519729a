# Builds the in-guest gsync test (tests/guest/gsync_test*.c) against the full
# libmach, with the IPC programs' helpers for the kernel's object counts
# (tests/guest/ipc_common_*.c, built by ipc.mk). Included by tests/tests.mk.
include libmach/libmach.mk

GSYNC_GUEST_ELF := $(GUEST_DIR)/gsync_test.elf
GSYNC_GUEST_OBJECTS := $(patsubst tests/guest/%.c,$(GUEST_DIR)/%.o,$(wildcard tests/guest/gsync_*.c))

$(GUEST_DIR)/gsync_%.o: tests/guest/gsync_%.c | deps $(LIBMACH_GENERATED_HEADERS)
	@mkdir -p $(dir $@)
	$(HOST_CC) $(GUEST_CFLAGS) $(LIBMACH_CFLAGS) -MMD -MP -c $< -o $@

$(GSYNC_GUEST_ELF): $(GSYNC_GUEST_OBJECTS) $(IPC_COMMON_OBJECTS) $(GUEST_RT_OBJECTS) \
		$(GUEST_RT_THREAD_OBJECTS) $(LIBMACH_FULL)
	ld -static -nostdlib -z max-page-size=0x1000 -z noexecstack -e _start -o $@ \
		$(sort $(filter %.o,$^)) $(LIBMACH_FULL)

.PHONY: gsync-guest
gsync-guest: $(GSYNC_GUEST_ELF)
guest: gsync-guest
