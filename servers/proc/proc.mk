# Builds the proc server's routines (servers/proc) as a library for glibc
# programs: $(PROC_SERVER_LIB), with $(PROC_SERVER_CFLAGS). It is linked before
# $(PORTS_LIB), $(HURD_STUBS_LIB), $(IHASH_LIB) and $(LIBMACH_GLIBC).
PROC_SERVER_LIB := $(BUILD)/servers/proc/libproc-server.a
PROC_SERVER_CFLAGS := -I servers/proc $(PORTS_CFLAGS) $(HURD_STUBS_CFLAGS)
PROC_SERVER_OBJECTS := $(patsubst servers/proc/%.c,$(BUILD)/servers/proc/%.o,$(wildcard servers/proc/*.c))

# SIGCHLD goes out through msg_sig_post with a timeout: msg.defs' timed stub
# (lib/lookup/timed_stubs.awk: timed_msg_sig_post(port, timeout_ms, ...)).
PROC_STUB_DIR := $(BUILD)/servers/proc/stubs
PROC_SERVER_CFLAGS += -I $(PROC_STUB_DIR)
PROC_SERVER_OBJECTS += $(PROC_STUB_DIR)/timed_msg_user.o
$(PROC_STUB_DIR)/timed_msg.h: $(PROC_STUB_DIR)/timed_msg_user.c ;
$(PROC_STUB_DIR)/timed_msg_user.c: hurd/msg.defs $(HURD_SHARED_DEFS) lib/lookup/timed_stubs.awk | deps
	@mkdir -p $(PROC_STUB_DIR)
	$(MIG_CPP) $< | awk -f lib/lookup/timed_stubs.awk > $(PROC_STUB_DIR)/timed_msg.defs.i
	cd $(PROC_STUB_DIR) && $(MIGCOM) -user timed_msg_user.c -header timed_msg.h \
		-server /dev/null -sheader /dev/null < timed_msg.defs.i
$(PROC_STUB_DIR)/timed_msg_user.o: $(PROC_STUB_DIR)/timed_msg_user.c | deps $(HURD_GENERATED_HEADERS)
	$(HOST_CC) $(HURD_STUB_COMPILE_FLAGS) $(LIBMACH_GLIBC_CFLAGS) -c $< -o $@
$(BUILD)/servers/proc/proc_sigchld.o: $(PROC_STUB_DIR)/timed_msg.h

$(BUILD)/servers/proc/%.o: servers/proc/%.c | deps $(LIBMACH_GENERATED_HEADERS) $(HURD_GENERATED_HEADERS)
	@mkdir -p $(dir $@)
	$(HOST_CC) -std=gnu11 -O2 -g $(COMMON_WARNINGS) $(PROC_SERVER_CFLAGS) -MMD -MP -c $< -o $@

$(PROC_SERVER_LIB): $(PROC_SERVER_OBJECTS)
	rm -f $@
	ar rcs $@ $^

.PHONY: proc-server
proc-server: $(PROC_SERVER_LIB)
all: proc-server

-include $(wildcard $(BUILD)/servers/proc/*.d)

# The server as a program of its own (servers/proc/program): $(PROC_SERVER).
# The whole library: its S_* routines must win over the stubs' weak defaults.
PROC_SERVER := $(BUILD)/servers/proc/proc
$(PROC_SERVER): servers/proc/program/proc_main.c $(PROC_SERVER_LIB) $(PORTS_LIB) $(HURD_STUBS_LIB) \
		$(IHASH_LIB) $(LIBMACH_GLIBC) | deps
	@mkdir -p $(dir $@)
	$(HOST_CC) -std=gnu11 -O2 -g $(COMMON_WARNINGS) -static $(PROC_SERVER_CFLAGS) -o $@ $< \
		-Wl,--whole-archive $(PROC_SERVER_LIB) -Wl,--no-whole-archive $(PORTS_LIB) $(HURD_STUBS_LIB) $(IHASH_LIB) $(LIBMACH_GLIBC)
proc-server: $(PROC_SERVER)
