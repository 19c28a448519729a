# Host unit test of the exec server's pure logic (servers/exec/exec_logic.c),
# under ASan/UBSan. Included by tests/tests.mk.
HOST_TEST_BINARIES += $(HOST_TEST_DIR)/test_exec_logic

$(HOST_TEST_DIR)/test_exec_logic: tests/host/test_exec_logic.c servers/exec/exec_logic.c servers/exec/exec_script_logic.c \
		servers/exec/exec_logic.h tests/host/tap.h | deps
	@mkdir -p $(dir $@)
	$(HOST_CC) $(HOST_TEST_CFLAGS) -I servers/exec -o $@ $(filter %.c,$^)
