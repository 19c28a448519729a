# Builds the kernel: freestanding C and assembly, linked in the top 2 GiB.

KERNEL_CFLAGS := $(FREESTANDING_CFLAGS) -I kernel -mcmodel=kernel -mno-red-zone -mno-sse -mno-mmx \
	-mno-avx -mgeneral-regs-only -fno-pic -fno-pie -DWILDEBEEST_KERNEL
KERNEL_ASFLAGS := -I include -I kernel/arch/x86_64 -D__ASSEMBLY__

KERNEL_C_SOURCES := $(wildcard kernel/kern/*.c kernel/vm/*.c kernel/dev/*.c kernel/lib/*.c \
	kernel/ipc/*.c kernel/arch/x86_64/*.c)
KERNEL_S_SOURCES := $(wildcard kernel/arch/x86_64/*.S)
KERNEL_OBJECTS := $(patsubst %.c,$(BUILD)/%.o,$(KERNEL_C_SOURCES)) \
	$(patsubst %.S,$(BUILD)/%.o,$(KERNEL_S_SOURCES))

$(BUILD)/kernel/%.o: kernel/%.c | deps
	@mkdir -p $(dir $@)
	$(HOST_CC) $(KERNEL_CFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/kernel/%.o: kernel/%.S | deps
	@mkdir -p $(dir $@)
	$(HOST_CC) $(KERNEL_ASFLAGS) -MMD -MP -c $< -o $@

include kernel/kserver/kserver.mk
KERNEL_OBJECTS += $(KSERVER_OBJECTS)

$(KERNEL): $(KERNEL_OBJECTS) kernel/arch/x86_64/kernel.ld
	@mkdir -p $(dir $@)
	ld -nostdlib -z max-page-size=0x1000 -z noexecstack --no-warn-rwx-segments \
		-T kernel/arch/x86_64/kernel.ld -o $@ $(KERNEL_OBJECTS)

-include $(KERNEL_OBJECTS:.o=.d)
