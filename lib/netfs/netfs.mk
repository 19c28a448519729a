# Builds lib/netfs, the framework of tree servers, for static glibc programs:
# $(NETFS_LIB), compiled with $(NETFS_CFLAGS). A server links it whole (its
# S_* routines replace MIG's weak defaults): $(NETFS_PROGRAM_LINK).
NETFS_LIB := $(BUILD)/lib/libnetfs.a
NETFS_CFLAGS := -I lib/netfs $(FSHELP_CFLAGS) $(IOHELP_CFLAGS) $(PORTS_CFLAGS) $(HURD_STUBS_CFLAGS)
NETFS_OBJECTS := $(patsubst lib/netfs/%.c,$(BUILD)/lib/netfs/%.o,$(wildcard lib/netfs/*.c))
NETFS_PROGRAM_LIBS := $(NETFS_LIB) $(FSHELP_LIB) $(IOHELP_LIB) $(PORTS_LIB) $(HURD_STUBS_LIB) \
	$(IHASH_LIB) $(LIBMACH_GLIBC)
NETFS_PROGRAM_LINK := -Wl,--whole-archive $(NETFS_LIB) -Wl,--no-whole-archive $(FSHELP_LIB) \
	$(IOHELP_LIB) $(PORTS_LIB) $(HURD_STUBS_LIB) $(IHASH_LIB) $(LIBMACH_GLIBC)

$(BUILD)/lib/netfs/%.o: lib/netfs/%.c | deps $(LIBMACH_GENERATED_HEADERS) $(HURD_GENERATED_HEADERS)
	@mkdir -p $(dir $@)
	$(HOST_CC) -std=gnu11 -O2 -g $(COMMON_WARNINGS) $(NETFS_CFLAGS) -MMD -MP -c $< -o $@

$(NETFS_LIB): $(NETFS_OBJECTS)
	rm -f $@
	ar rcs $@ $^

.PHONY: netfs
netfs: $(NETFS_LIB)
all: netfs

-include $(wildcard $(BUILD)/lib/netfs/*.d)
