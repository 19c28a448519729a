# Builds lib/lookup, the client's path resolution (file_name_lookup semantics),
# with its own timed MIG stubs of fs, io, auth and fsys (timed_stubs.awk:
# timed_NAME routines with a timeout on every call): $(LOOKUP_LIB) for static
# glibc programs (compile with $(LOOKUP_CFLAGS), link before $(HURD_STUBS_LIB)
# and $(LIBMACH_GLIBC)), and $(LOOKUP_EMUL_LIB), the same sources compiled with
# the emulator's flags (freestanding, -fpie -mgeneral-regs-only) for issue 7.
include libmach/libmach.mk

LOOKUP_BUILD := $(BUILD)/lib/lookup
LOOKUP_LIB := $(LOOKUP_BUILD)/liblookup.a
LOOKUP_EMUL_LIB := $(LOOKUP_BUILD)/emul/liblookup-emul.a
LOOKUP_STUB_DIR := $(LOOKUP_BUILD)/stubs
LOOKUP_TIMED_INTERFACES := fs io auth fsys
LOOKUP_TIMED_HEADERS := $(patsubst %,$(LOOKUP_STUB_DIR)/timed_%.h,$(LOOKUP_TIMED_INTERFACES))
LOOKUP_CFLAGS := -I lib/lookup -I $(LOOKUP_STUB_DIR) $(LIBMACH_GLIBC_CFLAGS) $(HURD_STUBS_CFLAGS)
LOOKUP_SOURCES := $(wildcard lib/lookup/*.c)
LOOKUP_STUB_CFLAGS := $(HURD_STUB_DEFINES) $(HURD_STUB_WAIVERS)

# One MIG run makes both the stubs and the header.
$(LOOKUP_STUB_DIR)/timed_%.h: $(LOOKUP_STUB_DIR)/timed_%_user.c ;
$(LOOKUP_STUB_DIR)/timed_%_user.c: hurd/%.defs $(HURD_SHARED_DEFS) lib/lookup/timed_stubs.awk \
		lib/lookup/lookup.mk | deps
	@mkdir -p $(LOOKUP_STUB_DIR)
	$(MIG_CPP) $< | awk -f lib/lookup/timed_stubs.awk > $(LOOKUP_STUB_DIR)/timed_$*.defs.i
	cd $(LOOKUP_STUB_DIR) && $(MIGCOM) -user timed_$*_user.c -header timed_$*.h \
		-server /dev/null -sheader /dev/null < timed_$*.defs.i

LOOKUP_OBJECTS := $(patsubst lib/lookup/%.c,$(LOOKUP_BUILD)/%.o,$(LOOKUP_SOURCES)) \
	$(patsubst %,$(LOOKUP_BUILD)/timed_%_user.o,$(LOOKUP_TIMED_INTERFACES))
$(LOOKUP_BUILD)/%.o: lib/lookup/%.c $(LOOKUP_TIMED_HEADERS) | deps $(LIBMACH_GENERATED_HEADERS) \
		$(HURD_GENERATED_HEADERS)
	@mkdir -p $(dir $@)
	$(HOST_CC) -std=gnu11 -O2 -g $(COMMON_WARNINGS) $(LOOKUP_CFLAGS) -MMD -MP -c $< -o $@
$(LOOKUP_BUILD)/timed_%_user.o: $(LOOKUP_STUB_DIR)/timed_%_user.c | deps $(HURD_GENERATED_HEADERS)
	$(HOST_CC) -std=gnu11 -O2 -g $(COMMON_WARNINGS) -Werror $(LOOKUP_CFLAGS) $(LOOKUP_STUB_CFLAGS) \
		-c $< -o $@
$(LOOKUP_LIB): $(LOOKUP_OBJECTS)
	rm -f $@
	ar rcs $@ $^

# The emulator's flavour: only string functions (kernel/lib/string.c in the
# emulator), no errno.h (lookup_errno.h gives Linux's numbers), no malloc.
LOOKUP_EMUL_CFLAGS := $(FREESTANDING_CFLAGS) $(LIBMACH_CFLAGS) -fpie -mgeneral-regs-only \
	-I lib/lookup -I $(LOOKUP_STUB_DIR) -I $(HURD_STUBS_INCLUDE) -Werror
LOOKUP_EMUL_OBJECTS := $(patsubst lib/lookup/%.c,$(LOOKUP_BUILD)/emul/%.o,$(LOOKUP_SOURCES)) \
	$(patsubst %,$(LOOKUP_BUILD)/emul/timed_%_user.o,$(LOOKUP_TIMED_INTERFACES))
$(LOOKUP_BUILD)/emul/%.o: lib/lookup/%.c $(LOOKUP_TIMED_HEADERS) | deps $(LIBMACH_GENERATED_HEADERS) \
		$(HURD_GENERATED_HEADERS)
	@mkdir -p $(dir $@)
	$(HOST_CC) $(LOOKUP_EMUL_CFLAGS) -MMD -MP -c $< -o $@
$(LOOKUP_BUILD)/emul/timed_%_user.o: $(LOOKUP_STUB_DIR)/timed_%_user.c | deps \
		$(LIBMACH_GENERATED_HEADERS) $(HURD_GENERATED_HEADERS)
	@mkdir -p $(dir $@)
	$(HOST_CC) $(LOOKUP_EMUL_CFLAGS) -DMIG_EOPNOTSUPP=95 $(HURD_STUB_WAIVERS) -c $< -o $@
$(LOOKUP_EMUL_LIB): $(LOOKUP_EMUL_OBJECTS)
	rm -f $@
	ar rcs $@ $^

# The emulator's flavour links with what the emulator links (libmach's PIC
# variant, kernel/lib/string.c) and nothing else: no symbol left undefined.
LOOKUP_EMUL_LINK_CHECK := $(LOOKUP_BUILD)/emul/link-check.elf
$(LOOKUP_EMUL_LINK_CHECK): $(LOOKUP_EMUL_LIB) $(BUILD)/emul/lib/string.o $(LIBMACH_PIC)
	ld -static -nostdlib -pie --no-dynamic-linker -e lookup_file -o $@ --whole-archive \
		$(LOOKUP_EMUL_LIB) --no-whole-archive $(BUILD)/emul/lib/string.o $(LIBMACH_PIC)

.PHONY: lookup
lookup: $(LOOKUP_LIB) $(LOOKUP_EMUL_LIB) $(LOOKUP_EMUL_LINK_CHECK)
all: lookup

-include $(wildcard $(LOOKUP_BUILD)/*.d $(LOOKUP_BUILD)/emul/*.d)

# Kept: MIG's output is an input of two flavours, not a passing intermediate.
.SECONDARY: $(patsubst %,$(LOOKUP_STUB_DIR)/timed_%_user.c,$(LOOKUP_TIMED_INTERFACES))
