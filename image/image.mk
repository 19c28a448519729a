# Builds the system image: $(IMAGE_ARCHIVE), the root tree tmpfs serves at
# boot (image/image_tree.sh: servers and translators under /hurd, Debian's
# busybox-static and its applet links, our utilities, /sbin/init, /etc with
# two users, /dev, /servers, /tmp, /home/user, /root). Included by the top
# Makefile after the servers, translators and utilities; herd_test.mk builds
# its test tree on top of the same recipe.
IMAGE_BUILD := $(BUILD)/image
IMAGE_ARCHIVE := $(IMAGE_BUILD)/root.tar
IMAGE_TREE := $(IMAGE_BUILD)/root
IMAGE_HASH := $(IMAGE_BUILD)/image_hash
# The passwords of the image's two users (README.md).
IMAGE_ROOT_PASSWORD := root
IMAGE_USER_PASSWORD := user
IMAGE_SERVER_PROGRAMS := $(AUTH_SERVER) $(EXEC_SERVER) $(PROC_SERVER) $(TERM_SERVER) \
	$(SERIAL_DRIVER) $(TMPFS_SERVER) $(PIPE_SERVER) $(PASSWORD_SERVER) $(HELLO_TRANSLATOR) \
	$(NULL_TRANSLATOR)
# /hurd/procfs: init attaches it to /proc (image/init.sh).
IMAGE_SERVER_PROGRAMS += $(PROCFS_TRANSLATOR)
IMAGE_UTILITY_PROGRAMS := $(SETTRANS) $(SHOWTRANS) $(FSYSOPTS) $(IMAGE_USER_PROGRAMS)
IMAGE_SOURCES := image/image_tree.sh image/init.sh image/profile image/image.mk
# image_tree_env: the environment image_tree.sh reads.
IMAGE_TREE_ENV := IMAGE_SERVERS="$(IMAGE_SERVER_PROGRAMS)" \
	IMAGE_UTILITIES="$(IMAGE_UTILITY_PROGRAMS)" IMAGE_HASH=$(IMAGE_HASH) \
	IMAGE_ROOT_PASSWORD=$(IMAGE_ROOT_PASSWORD) IMAGE_USER_PASSWORD=$(IMAGE_USER_PASSWORD)

$(IMAGE_HASH): image/image_hash.c | deps
	@mkdir -p $(dir $@)
	$(HOST_CC) -std=gnu11 -O2 -g $(COMMON_WARNINGS) -o $@ $< -lcrypt

$(IMAGE_ARCHIVE): $(IMAGE_SERVER_PROGRAMS) $(IMAGE_UTILITY_PROGRAMS) $(IMAGE_HASH) $(IMAGE_SOURCES)
	$(IMAGE_TREE_ENV) bash image/image_tree.sh tree $(IMAGE_TREE)
	bash image/image_tree.sh pack $(IMAGE_TREE) $@

.PHONY: image
image: $(IMAGE_ARCHIVE)
all: image

# tests/system/image.t's tree: the image plus /test/image_test (its init);
# tests/system/procfs.t boots the same tree with /test/procfs_test.sh, which
# runs /test/prctl_test.
IMAGE_PROCFS_TEST_FILES := $(LINUX_TEST_DIR)/prctl_test tests/linux/procfs_test.sh
IMAGE_TEST := $(LINUX_TEST_DIR)/image_test
IMAGE_TEST_ARCHIVE := $(IMAGE_BUILD)/test-root.tar
$(IMAGE_TEST): tests/linux/image_test/image_test.c tests/linux/linux_tap.h tests/linux/linux_check.h | deps
	@mkdir -p $(dir $@)
	$(HOST_CC) $(LINUX_TEST_CFLAGS) -I tests/linux -o $@ $<
$(IMAGE_TEST_ARCHIVE): $(IMAGE_SERVER_PROGRAMS) $(IMAGE_UTILITY_PROGRAMS) $(IMAGE_HASH) \
		$(IMAGE_SOURCES) $(IMAGE_TEST) $(IMAGE_PROCFS_TEST_FILES)
	$(IMAGE_TREE_ENV) bash image/image_tree.sh tree $(IMAGE_BUILD)/test-root
	mkdir -p $(IMAGE_BUILD)/test-root/test
	strip -o $(IMAGE_BUILD)/test-root/test/image_test $(IMAGE_TEST)
	strip -o $(IMAGE_BUILD)/test-root/test/prctl_test $(LINUX_TEST_DIR)/prctl_test
	install -m 0755 tests/linux/procfs_test.sh $(IMAGE_BUILD)/test-root/test/procfs_test.sh
	chmod 0755 $(IMAGE_BUILD)/test-root/test/prctl_test
	chmod 0755 $(IMAGE_BUILD)/test-root/test $(IMAGE_BUILD)/test-root/test/image_test
	bash image/image_tree.sh pack $(IMAGE_BUILD)/test-root $@
image: $(IMAGE_TEST_ARCHIVE)
