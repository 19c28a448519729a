# Builds lib/trivfs, the framework of one-node translators, for static glibc
# programs: $(TRIVFS_LIB), compiled with $(TRIVFS_CFLAGS); a program links it
# before $(IOHELP_LIB), $(PORTS_LIB), $(HURD_STUBS_LIB), $(IHASH_LIB) and
# $(LIBMACH_GLIBC) (lib/iohelp.mk is included first).
TRIVFS_LIB := $(BUILD)/lib/libtrivfs.a
TRIVFS_CFLAGS := -I lib/trivfs $(IOHELP_CFLAGS) $(PORTS_CFLAGS) $(HURD_STUBS_CFLAGS)
TRIVFS_OBJECTS := $(patsubst lib/trivfs/%.c,$(BUILD)/lib/trivfs/%.o,$(wildcard lib/trivfs/*.c))
# What a translator depends on, and links in order. The library goes in whole:
# its S_* routines replace MIG's weak EOPNOTSUPP defaults in $(HURD_STUBS_LIB),
# which would otherwise satisfy the linker without them.
TRIVFS_PROGRAM_LIBS := $(TRIVFS_LIB) $(IOHELP_LIB) $(PORTS_LIB) $(HURD_STUBS_LIB) $(IHASH_LIB) $(LIBMACH_GLIBC)
TRIVFS_PROGRAM_LINK := -Wl,--whole-archive $(TRIVFS_LIB) -Wl,--no-whole-archive \
	$(IOHELP_LIB) $(PORTS_LIB) $(HURD_STUBS_LIB) $(IHASH_LIB) $(LIBMACH_GLIBC)

$(BUILD)/lib/trivfs/%.o: lib/trivfs/%.c | deps $(LIBMACH_GENERATED_HEADERS) $(HURD_GENERATED_HEADERS)
	@mkdir -p $(dir $@)
	$(HOST_CC) -std=gnu11 -O2 -g $(COMMON_WARNINGS) $(TRIVFS_CFLAGS) -MMD -MP -c $< -o $@

$(TRIVFS_LIB): $(TRIVFS_OBJECTS)
	rm -f $@
	ar rcs $@ $^

.PHONY: trivfs
trivfs: $(TRIVFS_LIB)
all: trivfs

-include $(wildcard $(BUILD)/lib/trivfs/*.d)
