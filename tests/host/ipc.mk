# Host unit tests of kernel/ipc (included by tests/tests.mk): kernel/ipc with
# ipc_host_test.c under ASan/UBSan, and the KernelUser notification stubs of
# mk/mig.mk that kernel/ipc sends its notifications through.

IPC_HOST_TESTS := ipc ipc_fast_receive
IPC_HOST_TEST_BINARIES := $(patsubst %,$(HOST_TEST_DIR)/test_%,$(IPC_HOST_TESTS))
HOST_TEST_BINARIES += $(IPC_HOST_TEST_BINARIES)
IPC_HOST_SOURCES := $(wildcard kernel/ipc/*.c) tests/host/ipc_host_test.c \
	tests/host/ipc_test_support.c tests/host/host_irq.c
IPC_HOST_NOTIFY_OBJECT := $(HOST_TEST_DIR)/kernel-user/notify_user.o
IPC_HOST_STUB_CFLAGS := -I kernel/kserver/shim $(HOST_TEST_CFLAGS) -I include -idirafter $(MACH_INCLUDE) \
	-DKERNEL -DMACH_KERNEL -DNCPUS=64 -include ipc/ipc_kernel.h -Wno-unused-parameter

$(IPC_HOST_NOTIFY_OBJECT): $(MIG_DIR)/kernel-user/notify_user.c | deps
	@mkdir -p $(dir $@)
	$(HOST_CC) $(IPC_HOST_STUB_CFLAGS) -I $(MIG_DIR)/kernel-user -c $< -o $@

$(IPC_HOST_TEST_BINARIES): $(HOST_TEST_DIR)/test_%: tests/host/test_%.c $(IPC_HOST_SOURCES) \
		$(IPC_HOST_NOTIFY_OBJECT) tests/host/tap.h tests/host/ipc_host_test.h \
		tests/host/ipc_test_support.h $(wildcard kernel/ipc/*.h)
	@mkdir -p $(dir $@)
	$(HOST_CC) $(HOST_TEST_CFLAGS) -I include -idirafter $(MACH_INCLUDE) -pthread -o $@ \
		$(filter %.c,$^) $(IPC_HOST_NOTIFY_OBJECT)
