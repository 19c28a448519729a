# Host unit test of procfs's texts (translators/procfs/procfs_format.c;
# included by tests/tests.mk), under ASan/UBSan.
HOST_TEST_BINARIES += $(HOST_TEST_DIR)/test_procfs_format

$(HOST_TEST_DIR)/test_procfs_format: tests/host/test_procfs_format.c \
		translators/procfs/procfs_format.c translators/procfs/procfs_format.h tests/host/tap.h | deps
	@mkdir -p $(dir $@)
	$(HOST_CC) $(HOST_TEST_CFLAGS) -I translators/procfs -o $@ $(filter %.c,$^)
