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

$(FSHELP_LIB): $(FSHELP_OBJECTS)
	rm -f $@
	ar rcs $@ $^

.PHONY: fshelp
fshelp: $(FSHELP_LIB)
all: fshelp

-include $(wildcard $(BUILD)/lib/fshelp/*.d)
