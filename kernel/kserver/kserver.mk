# The kernel's MIG server stubs (gnumach-dev's mach_port, mach, mach_host,
# gnumach, mach_debug, device and mach_i386 interfaces, KERNEL_SERVER flavour; notify for
# the no-senders notifications of kernel object ports) and the routines behind them.
# They see gnumach-dev's headers with KERNEL and MACH_KERNEL defined, through
# the shim headers in kernel/kserver/shim (see its README).

KSERVER_INTERFACES := mach_port mach mach_host gnumach mach_debug device notify mach_i386
KSERVER_STUB_SOURCES := $(patsubst %,$(MIG_DIR)/kernel-server/%_server.c,$(KSERVER_INTERFACES))
KSERVER_HEADERS := $(patsubst %,$(MIG_DIR)/kernel-server/%_server.h,$(KSERVER_INTERFACES))
KSERVER_CFLAGS := -I kernel/kserver/shim $(KERNEL_CFLAGS) -I $(MIG_DIR)/kernel-server -I $(MIG_DIR)/kernel-user -DKERNEL -DMACH_KERNEL -DNCPUS=64 -DMIG_EOPNOTSUPP=MIG_BAD_ID
# The kernel's own client stubs: notifications (kernel/ipc) and exceptions.
KERNEL_USER_INTERFACES := notify exc task_notify memory_object
KERNEL_USER_STUB_SOURCES := $(patsubst %,$(MIG_DIR)/kernel-user/%_user.c,$(KERNEL_USER_INTERFACES))
KSERVER_OBJECTS := $(patsubst %.c,$(BUILD)/%.o,$(wildcard kernel/kserver/*.c)) \
	$(patsubst $(MIG_DIR)/kernel-server/%.c,$(BUILD)/kserver-stubs/%.o,$(KSERVER_STUB_SOURCES)) \
	$(patsubst $(MIG_DIR)/kernel-user/%.c,$(BUILD)/kernel-user-stubs/%.o,$(KERNEL_USER_STUB_SOURCES))

# Named here so that make builds them through mk/mig.mk's pattern rules.
KERNEL_USER_HEADERS := $(patsubst %,$(MIG_DIR)/kernel-user/%.h,$(KERNEL_USER_INTERFACES))
$(KSERVER_HEADERS) $(KSERVER_STUB_SOURCES) $(KERNEL_USER_STUB_SOURCES) $(KERNEL_USER_HEADERS):

$(BUILD)/kernel/kserver/%.o: kernel/kserver/%.c $(KSERVER_HEADERS) $(KERNEL_USER_HEADERS) | deps
	@mkdir -p $(dir $@)
	$(HOST_CC) $(KSERVER_CFLAGS) -MMD -MP -c $< -o $@

# Generated code: its default routines leave parameters unused.
$(BUILD)/kserver-stubs/%.o: $(MIG_DIR)/kernel-server/%.c | deps
	@mkdir -p $(dir $@)
	$(HOST_CC) $(KSERVER_CFLAGS) -Wno-unused-parameter -Wno-sign-compare -MMD -MP -c $< -o $@

$(BUILD)/kernel-user-stubs/%.o: $(MIG_DIR)/kernel-user/%.c | deps
	@mkdir -p $(dir $@)
	$(HOST_CC) $(KSERVER_CFLAGS) -include ipc/ipc_kernel.h -Wno-unused-parameter -Wno-sign-compare \
		-MMD -MP -c $< -o $@

-include $(KSERVER_OBJECTS:.o=.d)
