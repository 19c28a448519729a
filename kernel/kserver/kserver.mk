# The kernel's MIG server stubs (gnumach-dev's mach_port, mach, mach_host and
# gnumach interfaces, KERNEL_SERVER flavour) and the routines behind them.
# They see gnumach-dev's headers with KERNEL and MACH_KERNEL defined, through
# the shim headers in kernel/kserver/shim (see its README).

KSERVER_INTERFACES := mach_port mach mach_host gnumach
KSERVER_STUB_SOURCES := $(patsubst %,$(MIG_DIR)/kernel-server/%_server.c,$(KSERVER_INTERFACES))
KSERVER_HEADERS := $(patsubst %,$(MIG_DIR)/kernel-server/%_server.h,$(KSERVER_INTERFACES))
KSERVER_CFLAGS := $(filter-out -I include,$(KERNEL_CFLAGS)) -I kernel/kserver/shim -I include \
	-I $(MIG_DIR)/kernel-server -DKERNEL -DMACH_KERNEL -DNCPUS=64 -DMIG_EOPNOTSUPP=MIG_BAD_ID
KSERVER_OBJECTS := $(patsubst %.c,$(BUILD)/%.o,$(wildcard kernel/kserver/*.c)) \
	$(patsubst $(MIG_DIR)/kernel-server/%.c,$(BUILD)/kserver-stubs/%.o,$(KSERVER_STUB_SOURCES))

$(BUILD)/kernel/kserver/%.o: kernel/kserver/%.c $(KSERVER_HEADERS) | deps
	@mkdir -p $(dir $@)
	$(HOST_CC) $(KSERVER_CFLAGS) -MMD -MP -c $< -o $@

# Generated code: its default routines leave parameters unused.
$(BUILD)/kserver-stubs/%.o: $(MIG_DIR)/kernel-server/%.c | deps
	@mkdir -p $(dir $@)
	$(HOST_CC) $(KSERVER_CFLAGS) -Wno-unused-parameter -Wno-sign-compare -MMD -MP -c $< -o $@

-include $(KSERVER_OBJECTS:.o=.d)
