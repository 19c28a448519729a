# Builds the in-guest IPC programs (conformance suite, hostile-message test and
# their child task) against the full libmach, and the runtime's thread module.
include libmach/libmach.mk

IPC_GUEST_PROGRAMS := ipc_conformance ipc_child ipc_hostile
IPC_GUEST_ELVES := $(patsubst %,$(GUEST_DIR)/%.elf,$(IPC_GUEST_PROGRAMS))
IPC_GUEST_CFLAGS := $(GUEST_CFLAGS) $(LIBMACH_CFLAGS)
# The helpers of each program: tests/guest/ipc_<program>_*.c and ipc_common_*.c.
IPC_COMMON_OBJECTS := $(patsubst tests/guest/%.c,$(GUEST_DIR)/%.o,\
	$(wildcard tests/guest/ipc_common_*.c))
ipc_helper_objects = $(patsubst tests/guest/%.c,$(GUEST_DIR)/%.o,\
	$(wildcard tests/guest/$(1)_*.c)) $(IPC_COMMON_OBJECTS)

$(GUEST_DIR)/ipc_%.o: tests/guest/ipc_%.c | deps $(LIBMACH_GENERATED_HEADERS)
	@mkdir -p $(dir $@)
	$(HOST_CC) $(IPC_GUEST_CFLAGS) -MMD -MP -c $< -o $@

$(GUEST_DIR)/rt/%.o: tests/guest/rt/%.c | deps
	@mkdir -p $(dir $@)
	$(HOST_CC) $(GUEST_CFLAGS) -I libmach/include -MMD -MP -c $< -o $@

# Every guest program gets the runtime's threads (tests/guest/rt/rt_thread.c).
GUEST_RT_THREAD_OBJECTS := $(GUEST_DIR)/rt/rt_thread.o $(GUEST_DIR)/rt/rt_thread_exit.o
$(GUEST_DIR)/rt/rt_thread_exit.o: tests/guest/rt/rt_thread_exit.S | deps
	@mkdir -p $(dir $@)
	$(HOST_CC) -I include -c $< -o $@
$(GUEST_ELVES): $(GUEST_RT_THREAD_OBJECTS)

define ipc_program_rule
$(GUEST_DIR)/$(1).elf: $(GUEST_DIR)/$(1).o $(call ipc_helper_objects,$(1)) $(GUEST_RT_OBJECTS) \
		$(GUEST_RT_THREAD_OBJECTS) $(LIBMACH_FULL)
	ld -static -nostdlib -z max-page-size=0x1000 -z noexecstack -e _start -o $$@ \
		$$(filter %.o,$$^) $(LIBMACH_FULL)
endef
$(foreach program,$(IPC_GUEST_PROGRAMS),$(eval $(call ipc_program_rule,$(program))))

.PHONY: ipc-guest
ipc-guest: $(IPC_GUEST_ELVES)
guest: ipc-guest
