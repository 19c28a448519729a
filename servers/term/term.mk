# Builds the term server (servers/term) as a static glibc program, $(TERM_SERVER):
# lib/ports, the Hurd stubs, and its own stubs of io_read with the reply port
# (term_io_late.defs) and of the late answer (term_io_late_reply.defs). Also
# the line discipline's host unit test and the system test's client.
TERM_SERVER := $(BUILD)/servers/term/term
TERM_BUILD := $(BUILD)/servers/term
TERM_CFLAGS := -std=gnu11 -O2 -g $(COMMON_WARNINGS) $(PORTS_CFLAGS) $(HURD_STUBS_CFLAGS) \
	-I servers/term -I $(TERM_BUILD)
TERM_STUB_OBJECTS := $(TERM_BUILD)/term_io_late_server.o $(TERM_BUILD)/term_io_late_reply_user.o
TERM_STUB_HEADERS := $(TERM_BUILD)/term_io_late_server.h $(TERM_BUILD)/term_io_late_reply.h

# Job control: proc and msg client stubs with a timeout on every call
# (lib/lookup/timed_stubs.awk: timed_NAME(port, timeout_ms, ...)), so that a
# dead or hung process never hangs term.
TERM_JOBS_STUBS := $(TERM_BUILD)/jobs
TERM_CFLAGS += -I $(TERM_JOBS_STUBS)
TERM_STUB_OBJECTS += $(TERM_JOBS_STUBS)/timed_proc_user.o $(TERM_JOBS_STUBS)/timed_msg_user.o
TERM_STUB_HEADERS += $(TERM_JOBS_STUBS)/timed_proc.h $(TERM_JOBS_STUBS)/timed_msg.h
$(TERM_JOBS_STUBS)/timed_%.h: $(TERM_JOBS_STUBS)/timed_%_user.c ;
$(TERM_JOBS_STUBS)/timed_%_user.c: hurd/%.defs $(HURD_SHARED_DEFS) lib/lookup/timed_stubs.awk | deps
	@mkdir -p $(TERM_JOBS_STUBS)
	$(MIG_CPP) $< | awk -f lib/lookup/timed_stubs.awk > $(TERM_JOBS_STUBS)/timed_$*.defs.i
	cd $(TERM_JOBS_STUBS) && $(MIGCOM) -user timed_$*_user.c -header timed_$*.h \
		-server /dev/null -sheader /dev/null < timed_$*.defs.i
$(TERM_JOBS_STUBS)/timed_%_user.o: $(TERM_JOBS_STUBS)/timed_%_user.c | deps $(HURD_GENERATED_HEADERS)
	$(HOST_CC) $(HURD_STUB_COMPILE_FLAGS) $(LIBMACH_GLIBC_CFLAGS) -c $< -o $@
.SECONDARY: $(TERM_JOBS_STUBS)/timed_proc_user.c $(TERM_JOBS_STUBS)/timed_msg_user.c

$(TERM_BUILD)/%_server.c $(TERM_BUILD)/%_server.h $(TERM_BUILD)/%_user.c $(TERM_BUILD)/%.h: \
		servers/term/%.defs $(HURD_SHARED_DEFS) | deps
	@mkdir -p $(TERM_BUILD)
	$(MIG_CPP) -I hurd servers/term/$*.defs > $(TERM_BUILD)/$*.defs.i
	cd $(TERM_BUILD) && $(MIGCOM) -user $*_user.c -header $*.h -server $*_server.c \
		-sheader $*_server.h < $*.defs.i
$(TERM_BUILD)/%.o: $(TERM_BUILD)/%.c $(TERM_STUB_HEADERS) $(HURD_GENERATED_HEADERS) | deps
	$(HOST_CC) $(HURD_STUB_COMPILE_FLAGS) -I $(TERM_BUILD) -c $< -o $@

$(TERM_SERVER): $(wildcard servers/term/*.c servers/term/*.h) include/wildebeest/serial.h \
		$(TERM_STUB_OBJECTS) $(TERM_STUB_HEADERS) $(PORTS_LIB) $(HURD_STUBS_LIB) $(IHASH_LIB) \
		$(LIBMACH_GLIBC) | deps
	@mkdir -p $(dir $@)
	$(HOST_CC) $(TERM_CFLAGS) -static -o $@ $(filter %.c,$^) $(TERM_STUB_OBJECTS) $(PORTS_LIB) \
		$(HURD_STUBS_LIB) $(IHASH_LIB) $(LIBMACH_GLIBC) -lpthread

.PHONY: term-server
term-server: $(TERM_SERVER)
all: term-server

# The line discipline's host unit test (ASan/UBSan).
$(HOST_TEST_DIR)/test_term_discipline: tests/host/test_term_discipline.c \
		servers/term/term_discipline.c servers/term/term_discipline.h tests/host/tap.h | deps
	@mkdir -p $(dir $@)
	$(HOST_CC) $(HOST_TEST_CFLAGS) -I include -I servers/term -o $@ $(filter %.c,$^)
host-tests: $(HOST_TEST_DIR)/test_term_discipline

# tests/linux/term_test: a client of the term server.
$(LINUX_TEST_DIR)/term_test: tests/linux/term_test.c tests/linux/linux_tap.h tests/linux/linux_check.h \
		include/wildebeest/bootstrap_registry_client.h $(HURD_STUBS_LIB) $(LIBMACH_GLIBC) | deps
	@mkdir -p $(dir $@)
	$(HOST_CC) $(LINUX_TEST_CFLAGS) $(LIBMACH_GLIBC_CFLAGS) $(HURD_STUBS_CFLAGS) -o $@ $< \
		$(HURD_STUBS_LIB) $(LIBMACH_GLIBC) -lpthread

# tests/linux/jobs_test: job control through term, proc and the emulator
# (tests/system/jobs.t).
$(LINUX_TEST_DIR)/jobs_test: tests/linux/jobs_test.c tests/linux/linux_tap.h tests/linux/linux_check.h tests/linux/linux_peer.h \
		include/wildebeest/bootstrap_registry_client.h $(HURD_STUBS_LIB) $(LIBMACH_GLIBC) | deps
	@mkdir -p $(dir $@)
	$(HOST_CC) $(LINUX_TEST_CFLAGS) $(LIBMACH_GLIBC_CFLAGS) $(HURD_STUBS_CFLAGS) -o $@ $< \
		$(HURD_STUBS_LIB) $(LIBMACH_GLIBC) -lpthread
