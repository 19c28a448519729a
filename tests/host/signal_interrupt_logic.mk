# Host unit test of the emulator's rules for interrupting an RPC through its
# server (emul/signal_interrupt_logic.c; included by tests/tests.mk), under
# ASan/UBSan.
HOST_TEST_BINARIES += $(HOST_TEST_DIR)/test_signal_interrupt_logic

$(HOST_TEST_DIR)/test_signal_interrupt_logic: tests/host/test_signal_interrupt_logic.c \
		emul/signal_interrupt_logic.c emul/signal_interrupt_logic.h tests/host/tap.h | deps
	@mkdir -p $(dir $@)
	$(HOST_CC) $(HOST_TEST_CFLAGS) -I emul -o $@ $(filter %.c,$^)
