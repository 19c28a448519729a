# Host unit tests of lib/netfs's and lib/iohelp's pure logic and of tmpfs's
# store, ustar reader and options (included by tests/tests.mk), under ASan/UBSan.
HOST_TEST_BINARIES += $(HOST_TEST_DIR)/test_netfs_logic $(HOST_TEST_DIR)/test_tmpfs_store
NETFS_LOGIC_HOST_CFLAGS := -I lib/netfs -I lib/iohelp -I include -idirafter $(MACH_INCLUDE)

$(HOST_TEST_DIR)/test_netfs_logic: tests/host/test_netfs_logic.c lib/netfs/netfs_logic.c \
		lib/iohelp/iohelp_identity.c lib/netfs/netfs_logic.h lib/iohelp/iohelp.h \
		tests/host/tap.h | deps
	@mkdir -p $(dir $@)
	$(HOST_CC) $(HOST_TEST_CFLAGS) $(NETFS_LOGIC_HOST_CFLAGS) -o $@ $(filter %.c,$^)

$(HOST_TEST_DIR)/test_tmpfs_store: tests/host/test_tmpfs_store.c translators/tmpfs/tmpfs_store.c \
		translators/tmpfs/tmpfs_tar.c translators/tmpfs/tmpfs_pax.c translators/tmpfs/tmpfs_options.c lib/netfs/netfs_logic.c \
		$(wildcard translators/tmpfs/tmpfs_*.h) tests/host/tap.h | deps
	@mkdir -p $(dir $@)
	$(HOST_CC) $(HOST_TEST_CFLAGS) $(NETFS_LOGIC_HOST_CFLAGS) -I translators/tmpfs -o $@ \
		$(filter %.c,$^)
