# Host tests of the Hurd protocols' MIG stubs (included by tests/tests.mk): the
# client stubs and server demuxes of mk/hurd.mk, built with ASan/UBSan and
# linked through the loopback mach_msg of tests/host/mig_loopback.c.

HURD_STUB_TESTS := $(HOST_TEST_DIR)/test_hurd_files $(HOST_TEST_DIR)/test_hurd_services
HOST_TEST_BINARIES += $(HURD_STUB_TESTS)
HURD_TEST_STUB_DIR := $(HOST_TEST_DIR)/hurd-stubs
HURD_TEST_STUB_OBJECTS := $(patsubst %,$(HURD_TEST_STUB_DIR)/%_user.o,$(HURD_INTERFACES)) \
	$(patsubst %,$(HURD_TEST_STUB_DIR)/%_server.o,$(HURD_INTERFACES)) \
	$(patsubst %,$(HURD_TEST_STUB_DIR)/%_user.o,$(HURD_REPLY_INTERFACES)) \
	$(HURD_TEST_STUB_DIR)/hurd_test_servers.o
# The stubs and the test servers run without UBSan's alignment check: Debian's
# MIG packs message items at 4-byte boundaries, so a 64-bit out argument (an
# offset, a size) is a 4-aligned pointer into the message, which x86_64 allows.
HURD_TEST_STUB_CFLAGS := $(HOST_TEST_CFLAGS) $(HURD_STUBS_CFLAGS) -fno-sanitize=alignment \
	$(HURD_STUB_DEFINES) $(HURD_STUB_WAIVERS)

$(HURD_TEST_STUB_DIR)/%.o: $(MIG_DIR)/user/%.c $(HURD_GENERATED_HEADERS) | deps
	@mkdir -p $(dir $@)
	$(HOST_CC) $(HURD_TEST_STUB_CFLAGS) -c $< -o $@

$(HURD_TEST_STUB_DIR)/hurd_test_servers.o: tests/host/hurd_test_servers.c \
		tests/host/hurd_test_servers.h tests/host/mig_loopback.h $(HURD_GENERATED_HEADERS) | deps
	@mkdir -p $(dir $@)
	$(HOST_CC) $(HOST_TEST_CFLAGS) $(HURD_STUBS_CFLAGS) -fno-sanitize=alignment -c $< -o $@

$(HURD_STUB_TESTS): $(HOST_TEST_DIR)/test_%: tests/host/test_%.c tests/host/mig_loopback.c \
		tests/host/mig_loopback.h tests/host/hurd_test_servers.h tests/host/hurd_stub_checks.h \
		tests/host/tap.h $(HURD_TEST_STUB_OBJECTS) | deps
	@mkdir -p $(dir $@)
	$(HOST_CC) $(HOST_TEST_CFLAGS) $(HURD_STUBS_CFLAGS) -o $@ $(filter %.c,$^) \
		$(HURD_TEST_STUB_OBJECTS)

# The translation hooks of hurd_types.defs: fs server stubs generated with
# FILE_INTRAN, FILE_INTRAN_PAYLOAD and FILE_DESTRUCTOR, as a server that keeps
# its nodes behind protected payloads would.
HURD_PAYLOAD_DIR := $(HOST_TEST_DIR)/hurd-payload
HURD_PAYLOAD_HOOKS := '-DFILE_INTRAN=test_node_t test_file_to_node(file_t)' \
	'-DFILE_INTRAN_PAYLOAD=test_node_t test_payload_to_node' \
	'-DFILE_DESTRUCTOR=test_node_release(test_node_t)' \
	'-DHURD_SERVER_IMPORTS=import "hurd_payload_nodes.h";'
HURD_STUB_TESTS_PAYLOAD := $(HOST_TEST_DIR)/test_hurd_payloads
HOST_TEST_BINARIES += $(HURD_STUB_TESTS_PAYLOAD)

# One run of MIG makes both files: the header is made with the source.
$(HURD_PAYLOAD_DIR)/fs_server.h: $(HURD_PAYLOAD_DIR)/fs_server.c ;
$(HURD_PAYLOAD_DIR)/fs_server.c: hurd/fs.defs $(HURD_SHARED_DEFS) tests/host/hurd_stubs.mk | deps
	@mkdir -p $(HURD_PAYLOAD_DIR)
	$(MIG_CPP) $(HURD_PAYLOAD_HOOKS) hurd/fs.defs > $(HURD_PAYLOAD_DIR)/fs.defs.i
	cd $(HURD_PAYLOAD_DIR) && $(MIGCOM) -user /dev/null -header /dev/null -server fs_server.c \
		-sheader fs_server.h < fs.defs.i

$(HURD_PAYLOAD_DIR)/fs_server.o: $(HURD_PAYLOAD_DIR)/fs_server.c tests/host/hurd_payload_nodes.h \
		$(HURD_GENERATED_HEADERS) | deps
	$(HOST_CC) $(HURD_TEST_STUB_CFLAGS) -c $< -o $@

$(HURD_STUB_TESTS_PAYLOAD): tests/host/test_hurd_payloads.c tests/host/mig_loopback.c \
		tests/host/mig_loopback.h tests/host/hurd_payload_nodes.h tests/host/tap.h \
		$(HURD_PAYLOAD_DIR)/fs_server.o $(HURD_PAYLOAD_DIR)/fs_server.h \
		$(HURD_TEST_STUB_DIR)/fs_user.o | deps
	$(HOST_CC) $(HOST_TEST_CFLAGS) -I $(HURD_PAYLOAD_DIR) $(HURD_STUBS_CFLAGS) -o $@ \
		$(filter %.c,$^) $(filter %.o,$^)

# The library itself ($(HURD_STUBS_LIB), built as programs get it, without
# sanitizers): the fs, io and fsys round trips again, linked against it.
HURD_STUB_TESTS_LIBRARY := $(HOST_TEST_DIR)/test_hurd_library
HOST_TEST_BINARIES += $(HURD_STUB_TESTS_LIBRARY)

$(HURD_STUB_TESTS_LIBRARY): tests/host/test_hurd_files.c tests/host/mig_loopback.c \
		tests/host/mig_loopback.h tests/host/hurd_test_servers.h tests/host/hurd_stub_checks.h \
		tests/host/tap.h $(HURD_TEST_STUB_DIR)/hurd_test_servers.o $(HURD_STUBS_LIB) | deps
	@mkdir -p $(dir $@)
	$(HOST_CC) $(HOST_TEST_CFLAGS) $(HURD_STUBS_CFLAGS) -o $@ $(filter %.c,$^) \
		$(HURD_TEST_STUB_DIR)/hurd_test_servers.o $(HURD_STUBS_LIB)
