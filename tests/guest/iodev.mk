# Builds the in-guest I/O-port test: module 0 is given COM2's ports through
# the device master port (mach_i386.defs) and checks the kernel's accounting
# with the IPC programs' helpers (tests/guest/ipc_common_*.c, built by ipc.mk).
include libmach/libmach.mk

IODEV_GUEST_ELF := $(GUEST_DIR)/iodev_bootstrap.elf
IODEV_GUEST_OBJECTS := $(patsubst tests/guest/%.c,$(GUEST_DIR)/%.o,$(wildcard tests/guest/iodev_*.c))

$(GUEST_DIR)/iodev_%.o: tests/guest/iodev_%.c | deps $(LIBMACH_GENERATED_HEADERS)
	@mkdir -p $(dir $@)
	$(HOST_CC) $(GUEST_CFLAGS) $(LIBMACH_CFLAGS) -MMD -MP -c $< -o $@

$(IODEV_GUEST_ELF): $(IODEV_GUEST_OBJECTS) $(IPC_COMMON_OBJECTS) $(GUEST_RT_OBJECTS) \
		$(GUEST_RT_THREAD_OBJECTS) $(LIBMACH_FULL)
	ld -static -nostdlib -z max-page-size=0x1000 -z noexecstack -e _start -o $@ \
		$(sort $(filter %.o,$^)) $(LIBMACH_FULL)

.PHONY: iodev-guest
iodev-guest: $(IODEV_GUEST_ELF)
guest: iodev-guest
