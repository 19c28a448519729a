# Builds lib/fshelp (translators on a file system's nodes) for static glibc
# programs: $(FSHELP_LIB), compiled with $(FSHELP_CFLAGS); linked before
# $(HURD_STUBS_LIB) and $(LIBMACH_GLIBC). fshelp_start.c (starting a
# translator) comes from the exec server's branch and joins once merged.
FSHELP_LIB := $(BUILD)/lib/libfshelp.a
FSHELP_CFLAGS := -I lib/fshelp $(LIBMACH_GLIBC_CFLAGS) $(HURD_STUBS_CFLAGS)
FSHELP_OBJECTS := $(patsubst lib/fshelp/%.c,$(BUILD)/lib/fshelp/%.o,$(wildcard lib/fshelp/*.c))

$(BUILD)/lib/fshelp/%.o: lib/fshelp/%.c | deps $(LIBMACH_GENERATED_HEADERS) $(HURD_GENERATED_HEADERS)
	@mkdir -p $(dir $@)
	$(HOST_CC) -std=gnu11 -O2 -g $(COMMON_WARNINGS) $(FSHELP_CFLAGS) -MMD -MP -c $< -o $@

# fsys_getroot and fsys_goaway with a wait, for talking to translators:
# hurd/fsys.defs with userprefix fshelp_timed_, waittime
# fshelp_translator_wait_ms and MACH_SEND_TIMEOUT (fshelp_translator_wait.h).
FSHELP_TIMED_MIG := $(BUILD)/lib/fshelp/timed
FSHELP_TIMED_OBJECT := $(FSHELP_TIMED_MIG)/fshelp_fsys_timed_user.o
$(FSHELP_TIMED_MIG)/fshelp_fsys_timed.defs.i: hurd/fsys.defs $(HURD_SHARED_DEFS) lib/fshelp/fshelp.mk | deps
	@mkdir -p $(dir $@)
	sed '/^serverprefix/a userprefix fshelp_timed_;\nwaittime fshelp_translator_wait_ms;\nmsgoption MACH_SEND_TIMEOUT;' $< | \
		$(MIG_CPP) -I hurd - > $@
$(FSHELP_TIMED_MIG)/fshelp_fsys_timed_user.c $(FSHELP_TIMED_MIG)/fshelp_fsys_timed.h: \
		$(FSHELP_TIMED_MIG)/fshelp_fsys_timed.defs.i
	cd $(FSHELP_TIMED_MIG) && $(MIGCOM) -user fshelp_fsys_timed_user.c -header fshelp_fsys_timed.h \
		-server /dev/null -sheader /dev/null < fshelp_fsys_timed.defs.i
.PRECIOUS: $(FSHELP_TIMED_MIG)/fshelp_fsys_timed_user.c $(FSHELP_TIMED_MIG)/fshelp_fsys_timed.h
# Generated code: MIG's waivers (mk/hurd.mk).
$(FSHELP_TIMED_OBJECT): $(FSHELP_TIMED_MIG)/fshelp_fsys_timed_user.c lib/fshelp/fshelp_translator_wait.h \
		| deps $(LIBMACH_GENERATED_HEADERS) $(HURD_GENERATED_HEADERS)
	$(HOST_CC) -std=gnu11 -O2 -g $(COMMON_WARNINGS) $(FSHELP_CFLAGS) $(HURD_STUB_DEFINES) \
		$(HURD_STUB_WAIVERS) -include lib/fshelp/fshelp_translator_wait.h -c $< -o $@
$(BUILD)/lib/fshelp/fshelp_translator.o: $(FSHELP_TIMED_MIG)/fshelp_fsys_timed.h
$(BUILD)/lib/fshelp/fshelp_translator.o: FSHELP_CFLAGS += -I $(FSHELP_TIMED_MIG)

$(FSHELP_LIB): $(FSHELP_OBJECTS) $(FSHELP_TIMED_OBJECT)
	rm -f $@
	ar rcs $@ $^

.PHONY: fshelp
fshelp: $(FSHELP_LIB)
all: fshelp

-include $(wildcard $(BUILD)/lib/fshelp/*.d)
