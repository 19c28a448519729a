# Make fragment: `make iso` builds $(BUILD)/wildebeest.iso, a BIOS-bootable CD (GRUB, serial
# console) booting $(KERNEL) with $(ISO_KERNEL_ARGS) and the boot modules $(ISO_MODULES).

ISO := $(BUILD)/wildebeest.iso
ISO_MODULES ?= $(GUEST_DIR)/hello_bootstrap.elf $(GUEST_DIR)/hello_child.elf
ISO_KERNEL_ARGS ?=
ISO_SETTINGS := $(BUILD)/wildebeest.iso.settings

.PHONY: iso iso-settings-check
iso: $(ISO)

$(ISO): mk/mkiso.sh $(KERNEL) $(ISO_MODULES) $(ISO_SETTINGS) | deps
	mk/mkiso.sh -a '$(ISO_KERNEL_ARGS)' $@ $(KERNEL) $(ISO_MODULES)

# Rewritten only when the arguments or the module list change, so that changing either
# on the command line rebuilds the ISO.
$(ISO_SETTINGS): iso-settings-check
	@mkdir -p $(@D)
	@printf '%s\n' '$(ISO_KERNEL_ARGS)' '$(ISO_MODULES)' | cmp -s - $@ || \
		printf '%s\n' '$(ISO_KERNEL_ARGS)' '$(ISO_MODULES)' >$@
