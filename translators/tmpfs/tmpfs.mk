# Builds tmpfs (translators/tmpfs), the in-memory file system on lib/netfs,
# as a static glibc program: $(TMPFS_SERVER); and its initial tree
# $(TMPFS_ROOT_ARCHIVE), an uncompressed ustar archive of build outputs
# (/hurd/hello, /hurd/null, ...) that a boot passes as a module.
TMPFS_SERVER := $(BUILD)/translators/tmpfs
TMPFS_SOURCES := $(wildcard translators/tmpfs/*.c)
TMPFS_CFLAGS := -std=gnu11 -O2 -g $(COMMON_WARNINGS) -static $(NETFS_CFLAGS) -I translators/tmpfs

$(TMPFS_SERVER): $(TMPFS_SOURCES) $(wildcard translators/tmpfs/*.h) $(NETFS_PROGRAM_LIBS) | deps
	@mkdir -p $(dir $@)
	$(HOST_CC) $(TMPFS_CFLAGS) -o $@ $(filter %.c,$^) $(NETFS_PROGRAM_LINK)

# The initial tree: translators under /hurd, a few files to look at, /tmp.
TMPFS_ROOT_ARCHIVE := $(BUILD)/tmpfs/root.tar
TMPFS_ROOT_TREE := $(BUILD)/tmpfs/root
TMPFS_ROOT_PROGRAMS := $(HELLO_TRANSLATOR) $(NULL_TRANSLATOR)
$(TMPFS_ROOT_ARCHIVE): $(TMPFS_ROOT_PROGRAMS) translators/tmpfs/tmpfs.mk
	rm -rf $(TMPFS_ROOT_TREE)
	mkdir -p $(TMPFS_ROOT_TREE)/hurd $(TMPFS_ROOT_TREE)/etc $(TMPFS_ROOT_TREE)/tmp
	cp $(TMPFS_ROOT_PROGRAMS) $(TMPFS_ROOT_TREE)/hurd/
	printf 'Welcome to Wildebeest.\n' > $(TMPFS_ROOT_TREE)/etc/motd
	printf 'wildebeest\n' > $(TMPFS_ROOT_TREE)/etc/hostname
	ln -s motd $(TMPFS_ROOT_TREE)/etc/motd-link
	chmod 0755 $(TMPFS_ROOT_TREE) $(TMPFS_ROOT_TREE)/hurd $(TMPFS_ROOT_TREE)/etc
	chmod 0644 $(TMPFS_ROOT_TREE)/etc/motd $(TMPFS_ROOT_TREE)/etc/hostname
	chmod 1777 $(TMPFS_ROOT_TREE)/tmp
	tar --format=ustar --owner=0 --group=0 --numeric-owner --sort=name \
		-cf $@.tmp -C $(TMPFS_ROOT_TREE) .
	mv $@.tmp $@

.PHONY: tmpfs
tmpfs: $(TMPFS_SERVER) $(TMPFS_ROOT_ARCHIVE)
all: tmpfs
