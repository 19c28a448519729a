# Builds the exec server (servers/exec): its routines as a library,
# $(EXEC_SERVER_LIB), with the loader (lib/loader) compiled for glibc and two
# stub sets of its own with a timeout on every RPC (io.defs for the file
# server, mach.defs for probing the task port: MIG's userprefix exec_timed_,
# waittime exec_file_wait_ms and msgoption MACH_SEND_TIMEOUT added after the
# subsystem line), and the program $(EXEC_SERVER).
EXEC_BUILD := $(BUILD)/servers/exec
EXEC_SERVER_LIB := $(EXEC_BUILD)/libexec-server.a
EXEC_SERVER_CFLAGS := -I servers/exec -I lib -I kernel -I $(EXEC_BUILD)/mig $(PORTS_CFLAGS) \
	$(HURD_STUBS_CFLAGS) $(LOOKUP_CFLAGS)
EXEC_LOADER_SOURCES := $(wildcard lib/loader/*.c) kernel/kern/elf_image.c
EXEC_SERVER_OBJECTS := $(patsubst servers/exec/%.c,$(EXEC_BUILD)/%.o,$(wildcard servers/exec/*.c)) \
	$(patsubst lib/loader/%.c,$(EXEC_BUILD)/loader/%.o,$(wildcard lib/loader/*.c)) \
	$(EXEC_BUILD)/loader/elf_image.o $(EXEC_BUILD)/mig/io_timed_user.o $(EXEC_BUILD)/mig/mach_timed_user.o
EXEC_TIMED_STATEMENTS := userprefix exec_timed_;\nwaittime exec_file_wait_ms;\nmsgoption MACH_SEND_TIMEOUT;

$(EXEC_BUILD)/mig/io_timed.defs.i: hurd/io.defs $(HURD_SHARED_DEFS) servers/exec/exec.mk | deps
	@mkdir -p $(dir $@)
	sed '/^serverprefix/a $(EXEC_TIMED_STATEMENTS)' $< | $(MIG_CPP) -I hurd - > $@
$(EXEC_BUILD)/mig/mach_timed.defs.i: $(call mig_defs_path,mach) $(MIG_OVERLAY_DEFS) servers/exec/exec.mk | deps
	@mkdir -p $(dir $@)
	sed '0,/^#include <mach\/std_types.defs>/s//$(EXEC_TIMED_STATEMENTS)\n&/' $< | $(MIG_CPP) - > $@
$(EXEC_BUILD)/mig/%_timed_user.c $(EXEC_BUILD)/mig/%_timed.h: $(EXEC_BUILD)/mig/%_timed.defs.i
	cd $(EXEC_BUILD)/mig && $(MIGCOM) -user $*_timed_user.c -header $*_timed.h \
		-server /dev/null -sheader /dev/null < $*_timed.defs.i
$(EXEC_BUILD)/mig/%_timed_user.o: $(EXEC_BUILD)/mig/%_timed_user.c | $(HURD_GENERATED_HEADERS)
	$(HOST_CC) -std=gnu11 -O2 -g $(COMMON_WARNINGS) $(EXEC_SERVER_CFLAGS) -Wno-sign-compare \
		-Wno-unused-parameter -include servers/exec/exec_server.h -c $< -o $@

$(EXEC_BUILD)/%.o: servers/exec/%.c $(EXEC_BUILD)/mig/io_timed.h | deps $(LIBMACH_GENERATED_HEADERS) \
		$(HURD_GENERATED_HEADERS) $(LOOKUP_TIMED_HEADERS)
	@mkdir -p $(dir $@)
	$(HOST_CC) -std=gnu11 -O2 -g $(COMMON_WARNINGS) $(EXEC_SERVER_CFLAGS) -MMD -MP -c $< -o $@
$(EXEC_BUILD)/loader/%.o: lib/loader/%.c | deps $(LIBMACH_GENERATED_HEADERS)
	@mkdir -p $(dir $@)
	$(HOST_CC) -std=gnu11 -O2 -g $(COMMON_WARNINGS) $(EXEC_SERVER_CFLAGS) -MMD -MP -c $< -o $@
$(EXEC_BUILD)/loader/elf_image.o: kernel/kern/elf_image.c | deps
	@mkdir -p $(dir $@)
	$(HOST_CC) -std=gnu11 -O2 -g $(COMMON_WARNINGS) $(EXEC_SERVER_CFLAGS) -MMD -MP -c $< -o $@

$(EXEC_SERVER_LIB): $(EXEC_SERVER_OBJECTS)
	rm -f $@
	ar rcs $@ $^

# The program: the whole library, so that its S_* routines win over the
# stubs' weak defaults.
EXEC_SERVER := $(EXEC_BUILD)/exec
# "#!" interpreters are looked up with lib/lookup ($(LOOKUP_LIB)).
$(EXEC_SERVER): servers/exec/program/exec_main.c $(EXEC_SERVER_LIB) $(PORTS_LIB) $(HURD_STUBS_LIB) \
		$(IHASH_LIB) $(LOOKUP_LIB) $(LIBMACH_GLIBC) | deps
	@mkdir -p $(dir $@)
	$(HOST_CC) -std=gnu11 -O2 -g $(COMMON_WARNINGS) -static $(EXEC_SERVER_CFLAGS) -o $@ $< \
		-Wl,--whole-archive $(EXEC_SERVER_LIB) -Wl,--no-whole-archive $(PORTS_LIB) \
		$(LOOKUP_LIB) $(HURD_STUBS_LIB) $(IHASH_LIB) $(LIBMACH_GLIBC)

.PHONY: exec-server
exec-server: $(EXEC_SERVER_LIB) $(EXEC_SERVER)
all: exec-server

-include $(wildcard $(EXEC_BUILD)/*.d $(EXEC_BUILD)/loader/*.d)

# Generated through pattern rules, kept (not deleted as intermediates).
.SECONDARY: $(addprefix $(EXEC_BUILD)/mig/,io_timed.defs.i io_timed_user.c io_timed.h \
	mach_timed.defs.i mach_timed_user.c mach_timed.h)
