# Host unit test of the emulator's signal rules and frame layouts (included by
# tests/tests.mk), under ASan/UBSan.
HOST_TEST_BINARIES += $(HOST_TEST_DIR)/test_signal_logic

$(HOST_TEST_DIR)/test_signal_logic: tests/host/test_signal_logic.c emul/signal_logic.c \
		emul/signal_logic.h emul/signal_abi.h emul/signal_thread.h tests/host/tap.h | deps
	@mkdir -p $(dir $@)
	$(HOST_CC) $(HOST_TEST_CFLAGS) -I emul -o $@ $(filter %.c,$^)
