# Host unit tests of the kernel services the IPC work uses: the general
# allocator (included by tests/tests.mk).
HOST_TEST_BINARIES += $(HOST_TEST_DIR)/test_kalloc

$(HOST_TEST_DIR)/test_kalloc: kernel/kern/kalloc.c kernel/kern/zone.c tests/host/host_irq.c \
	tests/host/host_pages.c
