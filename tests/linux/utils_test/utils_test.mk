# Builds the test programs of tests/system/utils.t (static glibc, on
# lib/lookup and utils/utils_node.c): lookup_cat (reads files through
# lib/lookup), run_as_user (runs a program through exec as another uid) and
# lookup_timeout (a directory port nobody answers).
UTILS_TEST_PROGRAMS := $(LINUX_TEST_DIR)/lookup_cat $(LINUX_TEST_DIR)/run_as_user \
	$(LINUX_TEST_DIR)/lookup_timeout

$(UTILS_TEST_PROGRAMS): $(LINUX_TEST_DIR)/%: tests/linux/utils_test/%.c utils/utils_node.c \
		$(UTILS_HEADERS) $(LOOKUP_LIB) $(HURD_STUBS_LIB) $(LIBMACH_GLIBC) | deps \
		$(LIBMACH_GENERATED_HEADERS) $(HURD_GENERATED_HEADERS)
	@mkdir -p $(dir $@)
	$(HOST_CC) $(UTILS_CFLAGS) -static -o $@ $< utils/utils_node.c $(LOOKUP_LIB) \
		$(HURD_STUBS_LIB) $(LIBMACH_GLIBC)

linux-tests: $(UTILS_TEST_PROGRAMS)

# The root file system of utils.t's second boot (once tmpfs exists): /hurd/hello,
# /bin/settrans, root's /srv with two empty nodes and an absolute symbolic link
# to one of them, and /home/user owned by
# uid 1000 with a node of its own (appended with that owner).
UTILS_TEST_ARCHIVE := $(BUILD)/utils-test/root.tar
UTILS_TEST_TREE := $(BUILD)/utils-test/root
$(UTILS_TEST_ARCHIVE): $(HELLO_TRANSLATOR) $(SETTRANS) tests/linux/utils_test/utils_test.mk
	rm -rf $(UTILS_TEST_TREE)
	mkdir -p $(UTILS_TEST_TREE)/hurd $(UTILS_TEST_TREE)/bin $(UTILS_TEST_TREE)/srv \
		$(UTILS_TEST_TREE)/home/user $(UTILS_TEST_TREE)/tmp
	cp $(HELLO_TRANSLATOR) $(UTILS_TEST_TREE)/hurd/hello
	cp $(SETTRANS) $(UTILS_TEST_TREE)/bin/settrans
	: > $(UTILS_TEST_TREE)/srv/hello-node
	: > $(UTILS_TEST_TREE)/srv/passive-node
	: > $(UTILS_TEST_TREE)/home/user/node
	ln -s /srv/hello-node $(UTILS_TEST_TREE)/srv/link
	chmod 0755 $(UTILS_TEST_TREE) $(UTILS_TEST_TREE)/hurd $(UTILS_TEST_TREE)/bin \
		$(UTILS_TEST_TREE)/srv $(UTILS_TEST_TREE)/home $(UTILS_TEST_TREE)/home/user
	chmod 0644 $(UTILS_TEST_TREE)/srv/hello-node $(UTILS_TEST_TREE)/srv/passive-node \
		$(UTILS_TEST_TREE)/home/user/node
	chmod 1777 $(UTILS_TEST_TREE)/tmp
	chmod 0755 $(UTILS_TEST_TREE)/hurd/hello $(UTILS_TEST_TREE)/bin/settrans
	tar --format=ustar --owner=0 --group=0 --numeric-owner --no-recursion -cf $@.tmp \
		-C $(UTILS_TEST_TREE) ./ ./bin ./bin/settrans ./hurd ./hurd/hello ./srv \
		./srv/hello-node ./srv/link ./srv/passive-node ./tmp ./home
	tar --format=ustar --owner=1000 --group=1000 --numeric-owner --no-recursion -rf $@.tmp \
		-C $(UTILS_TEST_TREE) ./home/user ./home/user/node
	mv $@.tmp $@
linux-tests: $(UTILS_TEST_ARCHIVE)
