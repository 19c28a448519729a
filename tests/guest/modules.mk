# Builds the in-guest boot-module test: module 0 reads modules 1 and 2 through
# the device master port (device.defs) and checks the kernel's accounting with
# the IPC programs' helpers (tests/guest/ipc_common_*.c, built by ipc.mk).
include libmach/libmach.mk

MODULES_GUEST_ELF := $(GUEST_DIR)/modules_bootstrap.elf
MODULES_GUEST_OBJECTS := $(patsubst tests/guest/%.c,$(GUEST_DIR)/%.o,$(wildcard tests/guest/modules_*.c))

$(GUEST_DIR)/modules_%.o: tests/guest/modules_%.c | deps $(LIBMACH_GENERATED_HEADERS)
	@mkdir -p $(dir $@)
	$(HOST_CC) $(GUEST_CFLAGS) $(LIBMACH_CFLAGS) -MMD -MP -c $< -o $@

$(MODULES_GUEST_ELF): $(MODULES_GUEST_OBJECTS) $(IPC_COMMON_OBJECTS) $(GUEST_RT_OBJECTS) \
		$(GUEST_RT_THREAD_OBJECTS) $(LIBMACH_FULL)
	ld -static -nostdlib -z max-page-size=0x1000 -z noexecstack -e _start -o $@ \
		$(sort $(filter %.o,$^)) $(LIBMACH_FULL)

.PHONY: modules-guest
modules-guest: $(MODULES_GUEST_ELF)
guest: modules-guest
