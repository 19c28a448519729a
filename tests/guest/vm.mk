# Builds the in-guest VM programs (conformance suite and hostile test): each
# program is tests/guest/vm_<program>.c with its parts vm_<program>_*.c, the
# VM helpers vm_common_*.c and the IPC programs' helpers ipc_common_*.c.
include libmach/libmach.mk

VM_GUEST_PROGRAMS := vm_conformance vm_hostile
VM_GUEST_ELVES := $(patsubst %,$(GUEST_DIR)/%.elf,$(VM_GUEST_PROGRAMS))
VM_GUEST_CFLAGS := $(GUEST_CFLAGS) $(LIBMACH_CFLAGS)
VM_COMMON_OBJECTS := $(patsubst tests/guest/%.c,$(GUEST_DIR)/%.o,\
	$(wildcard tests/guest/vm_common_*.c tests/guest/ipc_common_*.c))
vm_helper_objects = $(patsubst tests/guest/%.c,$(GUEST_DIR)/%.o,\
	$(wildcard tests/guest/$(1)_*.c)) $(VM_COMMON_OBJECTS)

$(GUEST_DIR)/vm_%.o: tests/guest/vm_%.c | deps $(LIBMACH_GENERATED_HEADERS)
	@mkdir -p $(dir $@)
	$(HOST_CC) $(VM_GUEST_CFLAGS) -MMD -MP -c $< -o $@

define vm_program_rule
$(GUEST_DIR)/$(1).elf: $(GUEST_DIR)/$(1).o $(call vm_helper_objects,$(1)) $(GUEST_RT_OBJECTS) \
		$(GUEST_RT_THREAD_OBJECTS) $(LIBMACH_FULL)
	ld -static -nostdlib -z max-page-size=0x1000 -z noexecstack -e _start -o $$@ \
		$$(filter %.o,$$^) $(LIBMACH_FULL)
endef
$(foreach program,$(VM_GUEST_PROGRAMS),$(eval $(call vm_program_rule,$(program))))

.PHONY: vm-guest
vm-guest: $(VM_GUEST_ELVES)
guest: vm-guest
