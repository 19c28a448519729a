# Host unit test of kernel/lib/chacha20.c and kernel/lib/calendar.c (included
# by tests/tests.mk), under ASan/UBSan.

HOST_TEST_BINARIES += $(HOST_TEST_DIR)/test_clock_lib

$(HOST_TEST_DIR)/test_clock_lib: tests/host/test_clock_lib.c kernel/lib/chacha20.c \
		kernel/lib/calendar.c kernel/lib/chacha20.h kernel/lib/calendar.h tests/host/tap.h | deps
	@mkdir -p $(dir $@)
	$(HOST_CC) $(HOST_TEST_CFLAGS) -o $@ $(filter %.c,$^)
