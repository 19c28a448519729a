# Host unit test of kern/gsync.c (included by tests/tests.mk): gsync.c with the
# pthread and host-memory stand-ins of tests/host/gsync_host.c, under ASan/UBSan.

HOST_TEST_BINARIES += $(HOST_TEST_DIR)/test_gsync

$(HOST_TEST_DIR)/test_gsync: tests/host/test_gsync.c kernel/kern/gsync.c tests/host/gsync_host.c \
		tests/host/host_irq.c tests/host/tap.h tests/host/gsync_host.h kernel/kern/gsync.h \
		kernel/kern/gsync_sleep.h kernel/vm/gsync_memory.h include/wildebeest/gsync.h | deps
	@mkdir -p $(dir $@)
	$(HOST_CC) $(HOST_TEST_CFLAGS) -I include -idirafter $(MACH_INCLUDE) -pthread -o $@ \
		$(filter %.c,$^)
