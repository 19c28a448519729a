# Builds tests/system/shell.t's pieces: run_as (a static glibc program that
# runs a command as another uid and gid) and the test tree
# $(SHELL_TEST_ARCHIVE): the image (image/image.mk) plus /test/shell (the scripts,
# run_as). Included by the top Makefile after the herd's trees.
SHELL_TEST_BUILD := $(BUILD)/shell
SHELL_RUN_AS := $(SHELL_TEST_BUILD)/run_as
SHELL_TEST_ARCHIVE := $(SHELL_TEST_BUILD)/test-root.tar
SHELL_BASE_ARCHIVE ?= $(IMAGE_ARCHIVE)
SHELL_SCRIPTS := $(wildcard tests/shell/*.sh)

$(SHELL_RUN_AS): tests/shell/run_as.c | deps
	@mkdir -p $(dir $@)
	$(HOST_CC) -std=gnu11 -O2 -Wall -Wextra -static -o $@ $<

# The base tree's archive with test/shell appended (owned by root).
$(SHELL_TEST_ARCHIVE): $(SHELL_BASE_ARCHIVE) $(SHELL_SCRIPTS) $(SHELL_RUN_AS) tests/shell/shell.mk
	rm -rf $(SHELL_TEST_BUILD)/add
	mkdir -p $(SHELL_TEST_BUILD)/add/test/shell
	cp $(SHELL_SCRIPTS) $(SHELL_TEST_BUILD)/add/test/shell/
	strip -o $(SHELL_TEST_BUILD)/add/test/shell/run_as $(SHELL_RUN_AS)
	chmod 0755 $(SHELL_TEST_BUILD)/add/test $(SHELL_TEST_BUILD)/add/test/shell \
		$(SHELL_TEST_BUILD)/add/test/shell/run_as
	chmod 0644 $(SHELL_TEST_BUILD)/add/test/shell/*.sh
	cp $(SHELL_BASE_ARCHIVE) $@.tmp
	tar --warning=no-unknown-keyword --format=ustar --owner=0 --group=0 --numeric-owner --sort=name -rf $@.tmp \
		-C $(SHELL_TEST_BUILD)/add ./test
	mv $@.tmp $@

.PHONY: shell-tests
shell-tests: $(SHELL_RUN_AS) $(SHELL_TEST_ARCHIVE)
all: shell-tests
