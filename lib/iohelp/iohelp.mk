# Builds lib/iohelp (identities, the server half of io_reauthenticate) for
# static glibc programs: $(IOHELP_LIB), compiled with $(IOHELP_CFLAGS); linked
# before $(HURD_STUBS_LIB) and $(LIBMACH_GLIBC).
IOHELP_LIB := $(BUILD)/lib/libiohelp.a
IOHELP_CFLAGS := -I lib/iohelp $(LIBMACH_GLIBC_CFLAGS) $(HURD_STUBS_CFLAGS)
IOHELP_OBJECTS := $(patsubst lib/iohelp/%.c,$(BUILD)/lib/iohelp/%.o,$(wildcard lib/iohelp/*.c))

$(BUILD)/lib/iohelp/%.o: lib/iohelp/%.c | deps $(LIBMACH_GENERATED_HEADERS) $(HURD_GENERATED_HEADERS)
	@mkdir -p $(dir $@)
	$(HOST_CC) -std=gnu11 -O2 -g $(COMMON_WARNINGS) $(IOHELP_CFLAGS) -MMD -MP -c $< -o $@

$(IOHELP_LIB): $(IOHELP_OBJECTS)
	rm -f $@
	ar rcs $@ $^

.PHONY: iohelp
iohelp: $(IOHELP_LIB)
all: iohelp

-include $(wildcard $(BUILD)/lib/iohelp/*.d)
