# Builds the ordinary Linux test programs (tests/linux/*.c) with the host gcc
# and glibc, static, unmodified: the emulator's system tests run them.
LINUX_TEST_DIR := $(BUILD)/linux
LINUX_TEST_PROGRAMS := $(patsubst tests/linux/%.c,$(LINUX_TEST_DIR)/%,$(wildcard tests/linux/*.c))
LINUX_TEST_CFLAGS := -std=gnu11 -O2 -g -Wall -Wextra -static -I include

$(LINUX_TEST_DIR)/%: tests/linux/%.c | deps
	@mkdir -p $(dir $@)
	$(HOST_CC) $(LINUX_TEST_CFLAGS) -o $@ $<

.PHONY: linux-tests
linux-tests: $(LINUX_TEST_PROGRAMS)
all: linux-tests

# native_ports calls libmach's stubs from glibc (libmach-glibc.a), through the
# escape hatch.
$(LINUX_TEST_DIR)/native_ports: tests/linux/native_ports.c $(LIBMACH_GLIBC) | deps
	@mkdir -p $(dir $@)
	$(HOST_CC) $(LINUX_TEST_CFLAGS) $(LIBMACH_GLIBC_CFLAGS) -o $@ $< $(LIBMACH_GLIBC)

# Images the loader must refuse: a program linked where the emulator lives,
# and one cut short inside its program headers.
$(LINUX_TEST_DIR)/hello-at-emulator: $(LINUX_TEST_DIR)/hello tests/linux/move_first_segment.pl
	cp $< $@.tmp
	perl tests/linux/move_first_segment.pl $@.tmp 0x7ffe00000000
	mv $@.tmp $@
$(LINUX_TEST_DIR)/truncated: $(LINUX_TEST_DIR)/hello
	head -c 100 $< > $@
linux-tests: $(LINUX_TEST_DIR)/hello-at-emulator $(LINUX_TEST_DIR)/truncated

# syscall_checks has its register check in assembly.
$(LINUX_TEST_DIR)/syscall_checks: tests/linux/syscall_checks.c tests/linux/syscall_registers.S | deps
	@mkdir -p $(dir $@)
	$(HOST_CC) $(LINUX_TEST_CFLAGS) -o $@ $^

# ports_test serves RPCs with lib/ports, the Hurd stubs and libmach-glibc.
$(LINUX_TEST_DIR)/ports_test: tests/linux/ports_test.c tests/linux/linux_tap.h tests/linux/linux_check.h $(PORTS_LIB) \
		$(HURD_STUBS_LIB) $(IHASH_LIB) $(LIBMACH_GLIBC) | deps
	@mkdir -p $(dir $@)
	$(HOST_CC) $(LINUX_TEST_CFLAGS) $(PORTS_CFLAGS) $(HURD_STUBS_CFLAGS) -o $@ $< \
		$(PORTS_LIB) $(HURD_STUBS_LIB) $(IHASH_LIB) $(LIBMACH_GLIBC)

# auth_test runs the auth server's routines (servers/auth) in its own task.
$(LINUX_TEST_DIR)/auth_test: tests/linux/auth_test.c tests/linux/linux_tap.h tests/linux/linux_check.h include/wildebeest/bootstrap_registry_client.h $(AUTH_SERVER_LIB) \
		$(PORTS_LIB) $(HURD_STUBS_LIB) $(IHASH_LIB) $(LIBMACH_GLIBC) | deps
	@mkdir -p $(dir $@)
	$(HOST_CC) $(LINUX_TEST_CFLAGS) $(AUTH_SERVER_CFLAGS) -o $@ $< $(AUTH_SERVER_LIB) \
		$(PORTS_LIB) $(HURD_STUBS_LIB) $(IHASH_LIB) $(LIBMACH_GLIBC)

# trivfs_test is a client of the one-node translators (translators/); it also
# runs a hello of its own (lib/trivfs linked in, as a translator links it).
$(LINUX_TEST_DIR)/trivfs_test: tests/linux/trivfs_test.c tests/linux/linux_tap.h tests/linux/linux_check.h \
		include/wildebeest/bootstrap_registry_client.h $(HELLO_SOURCES) \
		$(wildcard translators/hello/*.h) $(TRIVFS_PROGRAM_LIBS) | deps
	@mkdir -p $(dir $@)
	$(HOST_CC) $(LINUX_TEST_CFLAGS) $(LIBMACH_GLIBC_CFLAGS) $(HURD_STUBS_CFLAGS) \
		$(TRIVFS_CFLAGS) -I translators/hello -o $@ $< $(HELLO_SOURCES) $(TRIVFS_PROGRAM_LINK)

# proc_test is a client of the proc program (servers/proc), booted before it.
$(LINUX_TEST_DIR)/proc_test: tests/linux/proc_test.c tests/linux/linux_tap.h tests/linux/linux_check.h \
		include/wildebeest/bootstrap_registry_client.h $(HURD_STUBS_LIB) $(LIBMACH_GLIBC) | deps
	@mkdir -p $(dir $@)
	$(HOST_CC) $(LINUX_TEST_CFLAGS) $(HURD_STUBS_CFLAGS) $(LIBMACH_GLIBC_CFLAGS) -o $@ $< \
		$(HURD_STUBS_LIB) $(LIBMACH_GLIBC)

# tmpfs_test is a client of tmpfs (translators/tmpfs), booted before it.
$(LINUX_TEST_DIR)/tmpfs_test: tests/linux/tmpfs_test.c tests/linux/linux_tap.h tests/linux/linux_check.h tests/linux/fs_client.h \
		include/wildebeest/bootstrap_registry_client.h $(HURD_STUBS_LIB) $(LIBMACH_GLIBC) | deps
	@mkdir -p $(dir $@)
	$(HOST_CC) $(LINUX_TEST_CFLAGS) $(HURD_STUBS_CFLAGS) $(LIBMACH_GLIBC_CFLAGS) -o $@ $< \
		$(HURD_STUBS_LIB) $(LIBMACH_GLIBC)

# files_test checks the emulator's file system calls on tmpfs; it makes a port
# of its own (libmach-glibc) for the dead-server check.
$(LINUX_TEST_DIR)/files_test: tests/linux/files_test.c tests/linux/linux_tap.h tests/linux/linux_check.h $(LIBMACH_GLIBC) | deps
	@mkdir -p $(dir $@)
	$(HOST_CC) $(LINUX_TEST_CFLAGS) $(LIBMACH_GLIBC_CFLAGS) -o $@ $< $(LIBMACH_GLIBC)

# signals_peer: two emulated processes signalling each other through proc and
# their message ports (hurd/msg.defs), booted after the proc program.
$(LINUX_TEST_DIR)/signals_peer: tests/linux/signals_peer.c tests/linux/linux_tap.h tests/linux/linux_check.h tests/linux/linux_peer.h \
		include/wildebeest/bootstrap_registry_client.h $(HURD_STUBS_LIB) $(LIBMACH_GLIBC) | deps
	@mkdir -p $(dir $@)
	$(HOST_CC) $(LINUX_TEST_CFLAGS) $(HURD_STUBS_CFLAGS) $(LIBMACH_GLIBC_CFLAGS) -o $@ $< \
		$(HURD_STUBS_LIB) $(LIBMACH_GLIBC)
