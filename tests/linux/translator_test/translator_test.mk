# Builds tests/linux/translator_test/ (translators on tmpfs's nodes, seen by
# a client), the two test translators it sets (ids_translator on lib/trivfs,
# silent_translator) and the initial tree its boot gives tmpfs,
# $(TRANSLATOR_TEST_ARCHIVE). Included by the top Makefile after the libraries.
TRANSLATOR_TEST_DIR := $(BUILD)/linux/translator_test
TRANSLATOR_TEST := $(TRANSLATOR_TEST_DIR)/translator_test
IDS_TRANSLATOR := $(TRANSLATOR_TEST_DIR)/ids_translator
SILENT_TRANSLATOR := $(TRANSLATOR_TEST_DIR)/silent_translator
TRANSLATOR_TEST_ARCHIVE := $(TRANSLATOR_TEST_DIR)/root.tar
TRANSLATOR_TEST_CFLAGS := -std=gnu11 -O2 -g $(COMMON_WARNINGS) -static -I tests/linux \
	$(FSHELP_START_CFLAGS) $(HURD_STUBS_CFLAGS)

$(TRANSLATOR_TEST): tests/linux/translator_test/translator_test.c tests/linux/fs_client.h \
		tests/linux/linux_tap.h tests/linux/linux_check.h $(FSHELP_START_LIB) $(HURD_STUBS_LIB) $(LIBMACH_GLIBC) | deps
	@mkdir -p $(dir $@)
	$(HOST_CC) $(TRANSLATOR_TEST_CFLAGS) -o $@ $< $(FSHELP_START_LIB) $(HURD_STUBS_LIB) \
		$(LIBMACH_GLIBC)

$(IDS_TRANSLATOR): tests/linux/translator_test/ids_translator.c $(TRIVFS_PROGRAM_LIBS) | deps
	@mkdir -p $(dir $@)
	$(HOST_CC) $(TRANSLATOR_CFLAGS) -o $@ $< $(TRIVFS_PROGRAM_LINK)

$(SILENT_TRANSLATOR): tests/linux/translator_test/silent_translator.c | deps
	@mkdir -p $(dir $@)
	$(HOST_CC) $(LINUX_TEST_CFLAGS) -o $@ $<

# tmpfs's tree for the test: hello, tmpfs and the two test translators under
# /hurd, a sticky /tmp.
$(TRANSLATOR_TEST_ARCHIVE): $(HELLO_TRANSLATOR) $(IDS_TRANSLATOR) $(SILENT_TRANSLATOR) $(TMPFS_SERVER) \
		tests/linux/translator_test/translator_test.mk
	rm -rf $(TRANSLATOR_TEST_DIR)/root
	mkdir -p $(TRANSLATOR_TEST_DIR)/root/hurd $(TRANSLATOR_TEST_DIR)/root/tmp
	cp $(HELLO_TRANSLATOR) $(IDS_TRANSLATOR) $(SILENT_TRANSLATOR) $(TMPFS_SERVER) \
		$(TRANSLATOR_TEST_DIR)/root/hurd/
	chmod 0755 $(TRANSLATOR_TEST_DIR)/root $(TRANSLATOR_TEST_DIR)/root/hurd
	chmod 1777 $(TRANSLATOR_TEST_DIR)/root/tmp
	tar --format=ustar --owner=0 --group=0 --numeric-owner --sort=name \
		-cf $@.tmp -C $(TRANSLATOR_TEST_DIR)/root .
	mv $@.tmp $@

.PHONY: translator-test
translator-test: $(TRANSLATOR_TEST) $(TRANSLATOR_TEST_ARCHIVE)
all: translator-test
