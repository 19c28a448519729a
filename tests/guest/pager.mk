# Builds the in-guest tests of the external pager protocol: the suite (module 0
# of its boot), its helper task and the memory-pressure program. The pager side
# of memory_object.defs is libmach's MIG server demux (<mach/memory_object_server.h>).
include libmach/libmach.mk

PAGER_GUEST_PROGRAMS := pager_tests pager_child pager_pressure
PAGER_GUEST_ELVES := $(patsubst %,$(GUEST_DIR)/%.elf,$(PAGER_GUEST_PROGRAMS))

$(GUEST_DIR)/pager_%.o: tests/guest/pager_%.c | deps $(LIBMACH_GENERATED_HEADERS)
	@mkdir -p $(dir $@)
	$(HOST_CC) $(GUEST_CFLAGS) $(LIBMACH_CFLAGS) -MMD -MP -c $< -o $@

# Each program: its own tests/guest/<program>_*.c, the pager library
# (pager_common_*.c), the IPC programs' helpers (child start, kernel counts).
PAGER_COMMON_OBJECTS := $(patsubst tests/guest/%.c,$(GUEST_DIR)/%.o,\
	$(wildcard tests/guest/pager_common_*.c)) $(IPC_COMMON_OBJECTS)
pager_helper_objects = $(patsubst tests/guest/%.c,$(GUEST_DIR)/%.o,\
	$(wildcard tests/guest/$(1)_*.c)) $(PAGER_COMMON_OBJECTS)

define pager_program_rule
$(GUEST_DIR)/$(1).elf: $(GUEST_DIR)/$(1).o $(call pager_helper_objects,$(1)) $(GUEST_RT_OBJECTS) \
		$(GUEST_RT_THREAD_OBJECTS) $(LIBMACH_FULL)
	ld -static -nostdlib -z max-page-size=0x1000 -z noexecstack -e _start -o $$@ \
		$$(sort $$(filter %.o,$$^)) $(LIBMACH_FULL)
endef
$(foreach program,$(PAGER_GUEST_PROGRAMS),$(eval $(call pager_program_rule,$(program))))

.PHONY: pager-guest
pager-guest: $(PAGER_GUEST_ELVES)
guest: pager-guest
