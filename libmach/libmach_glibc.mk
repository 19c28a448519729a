# Builds libmach for ordinary static glibc programs on the emulator (servers,
# tests/linux): $(LIBMACH_GLIBC). The same sources as the freestanding library
# compiled against glibc, less its string functions; mach_init takes the
# bootstrap port from the escape hatch and the per-thread block lives in TLS
# (libmach/glibc/). Programs compile with $(LIBMACH_GLIBC_CFLAGS).

LIBMACH_GLIBC := $(LIBMACH_BUILD)/glibc/libmach-glibc.a
LIBMACH_GLIBC_CFLAGS := -I include -I libmach/include -I $(LIBMACH_GENERATED_INCLUDE) \
	-idirafter $(MACH_INCLUDE)
LIBMACH_GLIBC_FLAGS := -std=gnu11 -O2 -g $(COMMON_WARNINGS) $(LIBMACH_GLIBC_CFLAGS)

# Replaced for glibc: string.c (glibc's), mach_init.c and thread_data.c (glibc/).
LIBMACH_GLIBC_SHARED_C := $(filter-out libmach/string.c libmach/mach_init.c libmach/thread_data.c,\
	$(LIBMACH_C_SOURCES))
LIBMACH_GLIBC_OBJECTS := $(patsubst libmach/%.S,$(LIBMACH_BUILD)/glibc/%.o,$(LIBMACH_S_SOURCES)) \
	$(patsubst libmach/%.c,$(LIBMACH_BUILD)/glibc/%.o,$(LIBMACH_GLIBC_SHARED_C)) \
	$(patsubst libmach/glibc/%.c,$(LIBMACH_BUILD)/glibc/own/%.o,$(wildcard libmach/glibc/*.c)) \
	$(patsubst %,$(LIBMACH_BUILD)/glibc/mig/%_user.o,$(LIBMACH_USER_STUBS)) \
	$(patsubst %,$(LIBMACH_BUILD)/glibc/mig/%_server.o,$(LIBMACH_SERVER_STUBS))

$(LIBMACH_BUILD)/glibc/%.o: libmach/%.S | deps
	@mkdir -p $(dir $@)
	$(HOST_CC) -I include -idirafter $(MACH_INCLUDE) -c $< -o $@
$(LIBMACH_BUILD)/glibc/%.o: libmach/%.c | deps $(LIBMACH_GENERATED_HEADERS)
	@mkdir -p $(dir $@)
	$(HOST_CC) $(LIBMACH_GLIBC_FLAGS) -MMD -MP -c $< -o $@
$(LIBMACH_BUILD)/glibc/own/%.o: libmach/glibc/%.c | deps $(LIBMACH_GENERATED_HEADERS)
	@mkdir -p $(dir $@)
	$(HOST_CC) $(LIBMACH_GLIBC_FLAGS) -MMD -MP -c $< -o $@
$(LIBMACH_BUILD)/glibc/mig/%.o: $(MIG_DIR)/user/%.c | deps
	@mkdir -p $(dir $@)
	$(HOST_CC) $(LIBMACH_GLIBC_FLAGS) -I $(MIG_DIR)/user -Wno-sign-compare -Wno-unused-parameter \
		-DMIG_EOPNOTSUPP=MIG_BAD_ID -MMD -MP -c $< -o $@

$(LIBMACH_GLIBC): $(LIBMACH_GLIBC_OBJECTS)
	rm -f $@
	ar rcs $@ $^

libmach: $(LIBMACH_GLIBC)
all: $(LIBMACH_GLIBC)

-include $(wildcard $(LIBMACH_BUILD)/glibc/*.d $(LIBMACH_BUILD)/glibc/own/*.d $(LIBMACH_BUILD)/glibc/mig/*.d)
