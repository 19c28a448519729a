# Host unit tests of lib/trivfs's pure logic and of the hello and null
# translators' options (included by tests/tests.mk), under ASan/UBSan.
HOST_TEST_BINARIES += $(HOST_TEST_DIR)/test_trivfs_logic $(HOST_TEST_DIR)/test_translator_options
TRIVFS_LOGIC_SOURCES := lib/trivfs/trivfs_access.c lib/trivfs/trivfs_offset.c lib/trivfs/trivfs_argz.c

$(HOST_TEST_DIR)/test_trivfs_logic: tests/host/test_trivfs_logic.c $(TRIVFS_LOGIC_SOURCES) \
		lib/trivfs/trivfs_logic.h tests/host/tap.h | deps
	@mkdir -p $(dir $@)
	$(HOST_CC) $(HOST_TEST_CFLAGS) -I lib/trivfs -o $@ $(filter %.c,$^)

$(HOST_TEST_DIR)/test_translator_options: tests/host/test_translator_options.c \
		translators/hello/hello_options.c translators/null/null_options.c \
		lib/trivfs/trivfs_argz.c $(wildcard translators/*/*_options.h) tests/host/tap.h | deps
	@mkdir -p $(dir $@)
	$(HOST_CC) $(HOST_TEST_CFLAGS) -I lib/trivfs -I translators/hello -I translators/null -o $@ \
		$(filter %.c,$^)
