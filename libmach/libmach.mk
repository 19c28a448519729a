# Builds libmach for freestanding user programs: the trap stubs, mach_msg, the
# server loop, MIG support, and the MIG-generated user stubs of the kernel's
# interfaces (mach, mach_port, mach_host, gnumach, mach_debug, device,
# mach_i386) plus
# the exc, notify and memory_object (for pagers) server demultiplexers.
# Programs compile with $(LIBMACH_CFLAGS) and link $(LIBMACH).
#
# Until tests/tests.mk's own libmach section (traps only) is gone, the full
# library is $(LIBMACH_FULL) beside it; without that section this fragment also
# defines LIBMACH and LIBMACH_OBJECTS.

ifndef LIBMACH_MK_INCLUDED
LIBMACH_MK_INCLUDED := 1

LIBMACH_BUILD := $(BUILD)/libmach
LIBMACH_FULL := $(LIBMACH_BUILD)/libmach-full.a

# Headers: <mach.h>, <mach_init.h>, <libmach/thread_data.h> from libmach/include;
# the generated interface headers under their conventional names
# (<mach/mach_interface.h>, <mach/mach_port.h>, ...) from the build tree;
# a minimal <sys/types.h> for freestanding code (gnumach-dev's mach_debug
# headers include it).
LIBMACH_GENERATED_INCLUDE := $(LIBMACH_BUILD)/include
LIBMACH_CFLAGS := -I libmach/include -I $(LIBMACH_GENERATED_INCLUDE) -I libmach/freestanding
LIBMACH_COMPILE_FLAGS := $(FREESTANDING_CFLAGS) $(LIBMACH_CFLAGS) -fno-pic -fno-pie -mno-red-zone

# generated header name in the build tree = MIG output it is copied from
LIBMACH_HEADER_SOURCES := mach_interface:mach mach_port:mach_port mach_host:mach_host \
	gnumach:gnumach mach_debug:mach_debug exc_server:exc_server notify_server:notify_server \
	memory_object_server:memory_object_server mach_i386:mach_i386
LIBMACH_GENERATED_HEADERS := $(foreach pair,$(LIBMACH_HEADER_SOURCES),\
	$(LIBMACH_GENERATED_INCLUDE)/mach/$(word 1,$(subst :, ,$(pair))).h)

define libmach_header_rule
$(LIBMACH_GENERATED_INCLUDE)/mach/$(1).h: $(MIG_DIR)/user/$(2).h
	@mkdir -p $$(dir $$@)
	cp $$< $$@
endef
$(foreach pair,$(LIBMACH_HEADER_SOURCES),$(eval $(call libmach_header_rule,$(word 1,$(subst :, ,$(pair))),$(word 2,$(subst :, ,$(pair))))))

# device.defs' client header, under its conventional name <device/device.h>.
LIBMACH_GENERATED_HEADERS += $(LIBMACH_GENERATED_INCLUDE)/device/device.h
$(LIBMACH_GENERATED_INCLUDE)/device/device.h: $(MIG_DIR)/user/device.h
	@mkdir -p $(dir $@)
	cp $< $@

LIBMACH_C_SOURCES := $(wildcard libmach/*.c)
LIBMACH_S_SOURCES := $(wildcard libmach/*.S)
LIBMACH_USER_STUBS := mach mach_port mach_host gnumach mach_debug device mach_i386
LIBMACH_SERVER_STUBS := exc notify memory_object
LIBMACH_FULL_OBJECTS := $(patsubst libmach/%.S,$(LIBMACH_BUILD)/%.o,$(LIBMACH_S_SOURCES)) \
	$(patsubst libmach/%.c,$(LIBMACH_BUILD)/%.o,$(LIBMACH_C_SOURCES)) \
	$(patsubst %,$(LIBMACH_BUILD)/mig/%_user.o,$(LIBMACH_USER_STUBS)) \
	$(patsubst %,$(LIBMACH_BUILD)/mig/%_server.o,$(LIBMACH_SERVER_STUBS))

$(LIBMACH_BUILD)/%.o: libmach/%.S | deps
	@mkdir -p $(dir $@)
	$(HOST_CC) -I include -idirafter $(MACH_INCLUDE) -c $< -o $@

# string.c must not have its loops turned back into calls to itself.
$(LIBMACH_BUILD)/string.o: LIBMACH_EXTRA_FLAGS := -fno-tree-loop-distribute-patterns
$(LIBMACH_BUILD)/%.o: libmach/%.c | deps $(LIBMACH_GENERATED_HEADERS)
	@mkdir -p $(dir $@)
	$(HOST_CC) $(LIBMACH_COMPILE_FLAGS) $(LIBMACH_EXTRA_FLAGS) -MMD -MP -c $< -o $@

# Generated code compares MIG's bit-field counts (int after promotion) with
# natural_t; the default server routines exist only with MIG_EOPNOTSUPP and
# leave their parameters unused.
LIBMACH_STUB_FLAGS := $(LIBMACH_COMPILE_FLAGS) -I $(MIG_DIR)/user -Wno-sign-compare -Wno-unused-parameter \
	-DMIG_EOPNOTSUPP=MIG_BAD_ID
$(LIBMACH_BUILD)/mig/%.o: $(MIG_DIR)/user/%.c | deps
	@mkdir -p $(dir $@)
	$(HOST_CC) $(LIBMACH_STUB_FLAGS) -MMD -MP -c $< -o $@

$(LIBMACH_FULL): $(LIBMACH_FULL_OBJECTS)
	rm -f $@
	ar rcs $@ $^

# The same library position-independent and without SSE registers, for code
# that runs at an address of its own choosing beneath another program (the
# system-call emulator, emul/): $(LIBMACH_PIC).
LIBMACH_PIC := $(LIBMACH_BUILD)/pic/libmach.a
LIBMACH_PIC_FLAGS := $(FREESTANDING_CFLAGS) $(LIBMACH_CFLAGS) -fpie -mgeneral-regs-only
LIBMACH_PIC_OBJECTS := $(patsubst $(LIBMACH_BUILD)/%,$(LIBMACH_BUILD)/pic/%,$(LIBMACH_FULL_OBJECTS))

$(LIBMACH_BUILD)/pic/%.o: libmach/%.S | deps
	@mkdir -p $(dir $@)
	$(HOST_CC) -I include -idirafter $(MACH_INCLUDE) -c $< -o $@
$(LIBMACH_BUILD)/pic/string.o: LIBMACH_EXTRA_FLAGS := -fno-tree-loop-distribute-patterns
$(LIBMACH_BUILD)/pic/%.o: libmach/%.c | deps $(LIBMACH_GENERATED_HEADERS)
	@mkdir -p $(dir $@)
	$(HOST_CC) $(LIBMACH_PIC_FLAGS) $(LIBMACH_EXTRA_FLAGS) -MMD -MP -c $< -o $@
$(LIBMACH_BUILD)/pic/mig/%.o: $(MIG_DIR)/user/%.c | deps
	@mkdir -p $(dir $@)
	$(HOST_CC) $(LIBMACH_PIC_FLAGS) -I $(MIG_DIR)/user -Wno-sign-compare -Wno-unused-parameter \
		-DMIG_EOPNOTSUPP=MIG_BAD_ID -MMD -MP -c $< -o $@

$(LIBMACH_PIC): $(LIBMACH_PIC_OBJECTS)
	rm -f $@
	ar rcs $@ $^

.PHONY: libmach
libmach: $(LIBMACH_FULL) $(LIBMACH_PIC)

include libmach/libmach_glibc.mk

ifeq ($(origin LIBMACH),undefined)
LIBMACH := $(LIBMACH_FULL)
LIBMACH_OBJECTS := $(LIBMACH_FULL_OBJECTS)
endif

-include $(wildcard $(LIBMACH_BUILD)/*.d $(LIBMACH_BUILD)/mig/*.d $(LIBMACH_BUILD)/pic/*.d $(LIBMACH_BUILD)/pic/mig/*.d)
endif
