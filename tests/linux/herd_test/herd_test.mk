# Builds the herd's root trees and tests/system/herd.t's init: $(HERD_ROOT_ARCHIVE)
# (the system: servers and translators under /hurd, utilities under /bin, /etc,
# /srv, a sticky /tmp), $(HERD_TEST_ARCHIVE) (the same plus /sbin/herd_test and
# the test programs under /test) and herd_test itself. Included by the top
# Makefile after the servers, translators, utilities and test programs.
HERD_BUILD := $(BUILD)/herd
HERD_ROOT_ARCHIVE := $(HERD_BUILD)/root.tar
HERD_TEST_ARCHIVE := $(HERD_BUILD)/test-root.tar
HERD_TEST := $(LINUX_TEST_DIR)/herd_test
# Programs named like servers for herd.t's failure boot: a term that never
# registers, a serial driver that dies of a fault at once.
HERD_BROKEN_TERM := $(HERD_BUILD)/broken/term
HERD_BROKEN_SERIAL := $(HERD_BUILD)/broken/serial

$(HERD_TEST): tests/linux/herd_test/herd_test.c utils/utils_node.c tests/linux/linux_tap.h \
		$(UTILS_HEADERS) $(LOOKUP_LIB) $(HURD_STUBS_LIB) $(LIBMACH_GLIBC) | deps \
		$(LIBMACH_GENERATED_HEADERS) $(HURD_GENERATED_HEADERS)
	@mkdir -p $(dir $@)
	$(HOST_CC) $(UTILS_CFLAGS) -I tests/linux -static -o $@ $< utils/utils_node.c \
		$(LOOKUP_LIB) $(HURD_STUBS_LIB) $(LIBMACH_GLIBC)

$(HERD_BROKEN_TERM): $(SILENT_TRANSLATOR)
	@mkdir -p $(dir $@)
	cp $< $@
$(HERD_BROKEN_SERIAL): $(LINUX_TEST_DIR)/crash
	@mkdir -p $(dir $@)
	cp $< $@

HERD_SERVER_PROGRAMS := $(AUTH_SERVER) $(EXEC_SERVER) $(PROC_SERVER) $(TERM_SERVER) \
	$(SERIAL_DRIVER) $(TMPFS_SERVER) $(HELLO_TRANSLATOR) $(NULL_TRANSLATOR)
HERD_UTILITIES := $(SETTRANS) $(SHOWTRANS) $(FSYSOPTS)
HERD_TEST_PROGRAMS := $(HERD_TEST) $(TRANSLATOR_TEST) $(LINUX_TEST_DIR)/lookup_cat \
	$(LINUX_TEST_DIR)/auth_test
HERD_TEST_TRANSLATORS := $(IDS_TRANSLATOR) $(SILENT_TRANSLATOR)

# herd_tree DIRECTORY: the system's tree (programs stripped: the tree lives in RAM).
define herd_tree
	rm -rf $(1)
	mkdir -p $(1)/hurd $(1)/bin $(1)/sbin $(1)/etc $(1)/srv $(1)/tmp
	for program in $(HERD_SERVER_PROGRAMS); do \
		strip -o $(1)/hurd/$$(basename $$program) $$program || exit 1; done
	for program in $(HERD_UTILITIES); do \
		strip -o $(1)/bin/$$(basename $$program) $$program || exit 1; done
	printf 'Welcome to Wildebeest.\n' > $(1)/etc/motd
	printf 'wildebeest\n' > $(1)/etc/hostname
	: > $(1)/srv/herd-node
	chmod 0755 $(1) $(1)/hurd $(1)/bin $(1)/sbin $(1)/etc $(1)/srv $(1)/hurd/* $(1)/bin/*
	chmod 0644 $(1)/etc/motd $(1)/etc/hostname $(1)/srv/herd-node
	chmod 1777 $(1)/tmp
endef

# The system's tree also holds Debian's busybox-static (make run's init).
$(HERD_ROOT_ARCHIVE): $(HERD_SERVER_PROGRAMS) $(HERD_UTILITIES) tests/linux/herd_test/herd_test.mk
	$(call herd_tree,$(HERD_BUILD)/root)
	cp /bin/busybox $(HERD_BUILD)/root/bin/busybox
	chmod 0755 $(HERD_BUILD)/root/bin/busybox
	tar --format=ustar --owner=0 --group=0 --numeric-owner --sort=name \
		-cf $@.tmp -C $(HERD_BUILD)/root .
	mv $@.tmp $@

$(HERD_TEST_ARCHIVE): $(HERD_SERVER_PROGRAMS) $(HERD_UTILITIES) $(HERD_TEST_PROGRAMS) \
		$(HERD_TEST_TRANSLATORS) tests/linux/herd_test/herd_test.mk
	$(call herd_tree,$(HERD_BUILD)/test-root)
	mkdir -p $(HERD_BUILD)/test-root/test
	for program in $(HERD_TEST_TRANSLATORS); do strip -o \
		$(HERD_BUILD)/test-root/hurd/$$(basename $$program) $$program || exit 1; done
	for program in $(HERD_TEST_PROGRAMS); do strip -o \
		$(HERD_BUILD)/test-root/test/$$(basename $$program) $$program || exit 1; done
	mv $(HERD_BUILD)/test-root/test/herd_test $(HERD_BUILD)/test-root/sbin/herd_test
	chmod 0755 $(HERD_BUILD)/test-root/test $(HERD_BUILD)/test-root/test/* \
		$(HERD_BUILD)/test-root/sbin/herd_test $(HERD_BUILD)/test-root/hurd/*
	tar --format=ustar --owner=0 --group=0 --numeric-owner --sort=name \
		-cf $@.tmp -C $(HERD_BUILD)/test-root .
	mv $@.tmp $@

.PHONY: herd
herd: $(HERD_ROOT_ARCHIVE) $(HERD_TEST_ARCHIVE) $(HERD_TEST) $(HERD_BROKEN_TERM) \
	$(HERD_BROKEN_SERIAL)
all: herd
