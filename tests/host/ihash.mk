# Host unit test of lib/ihash (included by tests/tests.mk), under ASan/UBSan.
HOST_TEST_BINARIES += $(HOST_TEST_DIR)/test_ihash

$(HOST_TEST_DIR)/test_ihash: tests/host/test_ihash.c lib/ihash/ihash.c lib/ihash/ihash.h \
		tests/host/tap.h | deps
	@mkdir -p $(dir $@)
	$(HOST_CC) $(HOST_TEST_CFLAGS) -I lib/ihash -o $@ $(filter %.c,$^)
