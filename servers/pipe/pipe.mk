# Builds the pipe server (servers/pipe) as a static glibc program, $(PIPE_SERVER):
# lib/ports, the Hurd stubs (pipe.defs, io.defs) and its own sending stubs of
# the late io_read/io_write answers (pipe_io_reply.defs); the host unit test of
# its buffer; and tests/linux/pipe_test, the system test's client.
PIPE_SERVER := $(BUILD)/servers/pipe/pipe
PIPE_BUILD := $(BUILD)/servers/pipe
PIPE_CFLAGS := -std=gnu11 -O2 -g $(COMMON_WARNINGS) $(PORTS_CFLAGS) $(HURD_STUBS_CFLAGS) \
	-I servers/pipe -I $(PIPE_BUILD)

$(PIPE_BUILD)/pipe_io_reply_user.c $(PIPE_BUILD)/pipe_io_reply.h: servers/pipe/pipe_io_reply.defs \
		$(HURD_SHARED_DEFS) | deps
	@mkdir -p $(PIPE_BUILD)
	$(MIG_CPP) -I hurd servers/pipe/pipe_io_reply.defs > $(PIPE_BUILD)/pipe_io_reply.defs.i
	cd $(PIPE_BUILD) && $(MIGCOM) -user pipe_io_reply_user.c -header pipe_io_reply.h \
		-server /dev/null -sheader /dev/null < pipe_io_reply.defs.i
$(PIPE_BUILD)/pipe_io_reply_user.o: $(PIPE_BUILD)/pipe_io_reply_user.c $(HURD_GENERATED_HEADERS) | deps
	$(HOST_CC) $(HURD_STUB_COMPILE_FLAGS) -I $(PIPE_BUILD) -c $< -o $@

$(PIPE_SERVER): $(wildcard servers/pipe/*.c servers/pipe/*.h) servers/pipe/program/pipe_main.c \
		$(PIPE_BUILD)/pipe_io_reply_user.o $(PIPE_BUILD)/pipe_io_reply.h $(PORTS_LIB) \
		$(HURD_STUBS_LIB) $(IHASH_LIB) $(LIBMACH_GLIBC) include/wildebeest/bootstrap_registry_client.h | deps
	@mkdir -p $(dir $@)
	$(HOST_CC) $(PIPE_CFLAGS) -static -o $@ $(filter %.c,$^) $(PIPE_BUILD)/pipe_io_reply_user.o \
		$(PORTS_LIB) $(HURD_STUBS_LIB) $(IHASH_LIB) $(LIBMACH_GLIBC) -lpthread

.PHONY: pipe-server
pipe-server: $(PIPE_SERVER)
all: pipe-server

# The buffer's host unit test (ASan/UBSan).
$(HOST_TEST_DIR)/test_pipe_buffer: tests/host/test_pipe_buffer.c servers/pipe/pipe_buffer.c \
		servers/pipe/pipe_buffer.h tests/host/tap.h | deps
	@mkdir -p $(dir $@)
	$(HOST_CC) $(HOST_TEST_CFLAGS) -I servers/pipe -o $@ $(filter %.c,$^)
host-tests: $(HOST_TEST_DIR)/test_pipe_buffer

# tests/linux/pipe_test: a client of the pipe server, with threads.
$(LINUX_TEST_DIR)/pipe_test: tests/linux/pipe_test.c tests/linux/linux_tap.h tests/linux/linux_check.h \
		include/wildebeest/bootstrap_registry_client.h $(HURD_STUBS_LIB) $(LIBMACH_GLIBC) | deps
	@mkdir -p $(dir $@)
	$(HOST_CC) $(LINUX_TEST_CFLAGS) $(LIBMACH_GLIBC_CFLAGS) $(HURD_STUBS_CFLAGS) -o $@ $< \
		$(HURD_STUBS_LIB) $(LIBMACH_GLIBC) -lpthread
