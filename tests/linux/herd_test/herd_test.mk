# Builds tests/system/herd.t's tree and init: $(HERD_TEST_ARCHIVE) (the
# system's tree of image/image.mk plus /sbin/herd_test and the test programs
# under /test) and herd_test itself. Included by the top Makefile after the
# servers, translators, utilities, test programs and image/image.mk.
HERD_BUILD := $(BUILD)/herd
HERD_TEST_ARCHIVE := $(HERD_BUILD)/test-root.tar
HERD_TEST := $(LINUX_TEST_DIR)/herd_test
# Programs named like servers for herd.t's failure boot: a term that never
# registers, a serial driver that dies of a fault at once.
HERD_BROKEN_TERM := $(HERD_BUILD)/broken/term
HERD_BROKEN_SERIAL := $(HERD_BUILD)/broken/serial

$(HERD_TEST): tests/linux/herd_test/herd_test.c utils/utils_node.c tests/linux/linux_tap.h tests/linux/linux_check.h \
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

HERD_TEST_PROGRAMS := $(HERD_TEST) $(TRANSLATOR_TEST) $(LINUX_TEST_DIR)/lookup_cat \
	$(LINUX_TEST_DIR)/auth_test
HERD_TEST_TRANSLATORS := $(IDS_TRANSLATOR) $(SILENT_TRANSLATOR)

# The system's tree (image/image.mk) plus /sbin/herd_test, the test programs
# under /test, two test translators under /hurd and /srv/herd-node (root's).
$(HERD_TEST_ARCHIVE): $(IMAGE_SERVER_PROGRAMS) $(IMAGE_UTILITY_PROGRAMS) $(IMAGE_HASH) \
		$(IMAGE_SOURCES) $(HERD_TEST_PROGRAMS) $(HERD_TEST_TRANSLATORS) \
		tests/linux/herd_test/herd_test.mk
	$(IMAGE_TREE_ENV) bash image/image_tree.sh tree $(HERD_BUILD)/test-root
	mkdir -p $(HERD_BUILD)/test-root/test $(HERD_BUILD)/test-root/srv
	for program in $(HERD_TEST_TRANSLATORS); do strip -o \
		$(HERD_BUILD)/test-root/hurd/$$(basename $$program) $$program || exit 1; done
	for program in $(HERD_TEST_PROGRAMS); do strip -o \
		$(HERD_BUILD)/test-root/test/$$(basename $$program) $$program || exit 1; done
	mv $(HERD_BUILD)/test-root/test/herd_test $(HERD_BUILD)/test-root/sbin/herd_test
	: > $(HERD_BUILD)/test-root/srv/herd-node
	chmod 0755 $(HERD_BUILD)/test-root/test $(HERD_BUILD)/test-root/test/* \
		$(HERD_BUILD)/test-root/sbin/herd_test $(HERD_BUILD)/test-root/hurd/* \
		$(HERD_BUILD)/test-root/srv
	chmod 0644 $(HERD_BUILD)/test-root/srv/herd-node
	bash image/image_tree.sh pack $(HERD_BUILD)/test-root $@

.PHONY: herd
herd: $(HERD_TEST_ARCHIVE) $(HERD_TEST) $(HERD_BROKEN_TERM) \
	$(HERD_BROKEN_SERIAL)
all: herd
