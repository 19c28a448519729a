# Host tests of lib/lookup (included by tests/tests.mk): the library and its
# timed stubs built with ASan/UBSan, against fake servers over the fake
# kernel of tests/host/lookup_fake_kernel.c (MIG's server demuxes of fs, io
# and auth from hurd_stubs.mk's test objects).
LOOKUP_TEST := $(HOST_TEST_DIR)/test_lookup
HOST_TEST_BINARIES += $(LOOKUP_TEST)
LOOKUP_TEST_DIR := $(HOST_TEST_DIR)/lookup
LOOKUP_TEST_CFLAGS := $(HOST_TEST_CFLAGS) -I lib/lookup -I $(LOOKUP_STUB_DIR) \
	$(LIBMACH_GLIBC_CFLAGS) $(HURD_STUBS_CFLAGS)
LOOKUP_TEST_OBJECTS := $(patsubst lib/lookup/%.c,$(LOOKUP_TEST_DIR)/%.o,$(LOOKUP_SOURCES)) \
	$(patsubst %,$(LOOKUP_TEST_DIR)/timed_%_user.o,$(LOOKUP_TIMED_INTERFACES)) \
	$(patsubst %,$(HURD_TEST_STUB_DIR)/%_server.o,fs io auth)

$(LOOKUP_TEST_DIR)/%.o: lib/lookup/%.c $(wildcard lib/lookup/*.h) $(LOOKUP_TIMED_HEADERS) | deps \
		$(LIBMACH_GENERATED_HEADERS) $(HURD_GENERATED_HEADERS)
	@mkdir -p $(dir $@)
	$(HOST_CC) $(LOOKUP_TEST_CFLAGS) -c $< -o $@
# MIG packs 64-bit items at 4-byte boundaries (see hurd_stubs.mk).
$(LOOKUP_TEST_DIR)/timed_%_user.o: $(LOOKUP_STUB_DIR)/timed_%_user.c | deps $(HURD_GENERATED_HEADERS)
	@mkdir -p $(dir $@)
	$(HOST_CC) $(LOOKUP_TEST_CFLAGS) -fno-sanitize=alignment $(HURD_STUB_DEFINES) \
		$(HURD_STUB_WAIVERS) -c $< -o $@

$(LOOKUP_TEST): tests/host/test_lookup.c tests/host/lookup_fake_kernel.c \
		tests/host/lookup_fake_kernel.h tests/host/tap.h $(LOOKUP_TEST_OBJECTS) | deps
	@mkdir -p $(dir $@)
	$(HOST_CC) $(LOOKUP_TEST_CFLAGS) -fno-sanitize=alignment -o $@ $(filter %.c,$^) \
		$(LOOKUP_TEST_OBJECTS)
