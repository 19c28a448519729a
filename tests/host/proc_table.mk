# Host unit test of the proc server's process table (included by tests/tests.mk),
# under ASan/UBSan.
HOST_TEST_BINARIES += $(HOST_TEST_DIR)/test_proc_table

$(HOST_TEST_DIR)/test_proc_table: tests/host/test_proc_table.c servers/proc/proc_table.c \
		servers/proc/proc_table.h tests/host/tap.h | deps
	@mkdir -p $(dir $@)
	$(HOST_CC) $(HOST_TEST_CFLAGS) -I servers/proc -o $@ $(filter %.c,$^)
