# The root tree of tests/system/execve.t: Debian's busybox-static as
# /bin/busybox (the "#!" interpreter), /test/execve_child (what execve_test
# execs) and a sticky /tmp where execve_test writes its scripts.
EXECVE_TEST_ARCHIVE := $(BUILD)/execve-test/root.tar
EXECVE_TEST_TREE := $(BUILD)/execve-test/root
$(EXECVE_TEST_ARCHIVE): $(LINUX_TEST_DIR)/execve_child tests/linux/execve_test.mk
	rm -rf $(EXECVE_TEST_TREE)
	mkdir -p $(EXECVE_TEST_TREE)/bin $(EXECVE_TEST_TREE)/test $(EXECVE_TEST_TREE)/tmp
	cp /bin/busybox $(EXECVE_TEST_TREE)/bin/busybox
	strip -o $(EXECVE_TEST_TREE)/test/execve_child $(LINUX_TEST_DIR)/execve_child
	chmod 0755 $(EXECVE_TEST_TREE) $(EXECVE_TEST_TREE)/bin $(EXECVE_TEST_TREE)/test \
		$(EXECVE_TEST_TREE)/bin/busybox $(EXECVE_TEST_TREE)/test/execve_child
	chmod 1777 $(EXECVE_TEST_TREE)/tmp
	tar --format=ustar --owner=0 --group=0 --numeric-owner --sort=name \
		-cf $@.tmp -C $(EXECVE_TEST_TREE) .
	mv $@.tmp $@
linux-tests: $(EXECVE_TEST_ARCHIVE)
