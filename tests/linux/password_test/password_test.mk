# Builds what tests/system/password.t boots besides the servers: the client
# (password_test, static glibc on the Hurd stubs) and the root file system
# for tmpfs, a ustar archive of /etc/passwd, /etc/shadow and /etc/group whose
# hashes make_test_tree (a host program on libxcrypt) makes from known passwords.
PASSWORD_TEST_DIR := $(BUILD)/password-test
PASSWORD_TEST_ARCHIVE := $(PASSWORD_TEST_DIR)/root.tar
PASSWORD_TEST_TREE := $(PASSWORD_TEST_DIR)/root

$(LINUX_TEST_DIR)/password_test: tests/linux/password_test/password_test.c tests/linux/linux_tap.h tests/linux/linux_check.h \
		include/wildebeest/bootstrap_registry_client.h $(HURD_STUBS_LIB) $(LIBMACH_GLIBC) | deps
	@mkdir -p $(dir $@)
	$(HOST_CC) $(LINUX_TEST_CFLAGS) $(LIBMACH_GLIBC_CFLAGS) $(HURD_STUBS_CFLAGS) -o $@ $< \
		$(HURD_STUBS_LIB) $(LIBMACH_GLIBC) -lpthread

$(PASSWORD_TEST_DIR)/make_test_tree: tests/linux/password_test/make_test_tree.c | deps
	@mkdir -p $(dir $@)
	$(HOST_CC) -std=gnu11 -O2 -g $(COMMON_WARNINGS) -o $@ $< -lcrypt

$(PASSWORD_TEST_ARCHIVE): $(PASSWORD_TEST_DIR)/make_test_tree tests/linux/password_test/password_test.mk
	rm -rf $(PASSWORD_TEST_TREE)
	mkdir -p $(PASSWORD_TEST_TREE)/etc
	$(PASSWORD_TEST_DIR)/make_test_tree $(PASSWORD_TEST_TREE)/etc
	chmod 0755 $(PASSWORD_TEST_TREE) $(PASSWORD_TEST_TREE)/etc
	chmod 0644 $(PASSWORD_TEST_TREE)/etc/passwd $(PASSWORD_TEST_TREE)/etc/group
	chmod 0600 $(PASSWORD_TEST_TREE)/etc/shadow
	tar --format=ustar --owner=0 --group=0 --numeric-owner --no-recursion --mtime=@0 -cf $@.tmp \
		-C $(PASSWORD_TEST_TREE) ./ ./etc ./etc/passwd ./etc/shadow ./etc/group
	mv $@.tmp $@

linux-tests: $(LINUX_TEST_DIR)/password_test $(PASSWORD_TEST_ARCHIVE)
