# Builds procfs (translators/procfs), the read-only /proc on lib/netfs, as a
# static glibc program: $(PROCFS_TRANSLATOR). Its questions to proc go through
# timed stubs of proc.defs (lib/lookup's timed_stubs.awk: timed_proc_NAME with
# a timeout), and NODE is looked up with the utilities' lib/lookup session.
PROCFS_TRANSLATOR := $(BUILD)/translators/procfs
PROCFS_STUB_DIR := $(BUILD)/translators/procfs-stubs
PROCFS_SOURCES := $(wildcard translators/procfs/*.c) utils/utils_node.c
PROCFS_CFLAGS := -std=gnu11 -O2 -g $(COMMON_WARNINGS) -static $(NETFS_CFLAGS) $(LOOKUP_CFLAGS) \
	-I translators/procfs -I utils -I $(PROCFS_STUB_DIR)

$(PROCFS_STUB_DIR)/timed_proc.h: $(PROCFS_STUB_DIR)/timed_proc_user.c ;
$(PROCFS_STUB_DIR)/timed_proc_user.c: hurd/proc.defs $(HURD_SHARED_DEFS) lib/lookup/timed_stubs.awk | deps
	@mkdir -p $(PROCFS_STUB_DIR)
	$(MIG_CPP) $< | awk -f lib/lookup/timed_stubs.awk > $(PROCFS_STUB_DIR)/timed_proc.defs.i
	cd $(PROCFS_STUB_DIR) && $(MIGCOM) -user timed_proc_user.c -header timed_proc.h \
		-server /dev/null -sheader /dev/null < timed_proc.defs.i
$(PROCFS_STUB_DIR)/timed_proc_user.o: $(PROCFS_STUB_DIR)/timed_proc_user.c | deps $(HURD_GENERATED_HEADERS)
	$(HOST_CC) $(HURD_STUB_COMPILE_FLAGS) $(LIBMACH_GLIBC_CFLAGS) -c $< -o $@

$(PROCFS_TRANSLATOR): $(PROCFS_SOURCES) $(wildcard translators/procfs/*.h) \
		$(PROCFS_STUB_DIR)/timed_proc_user.o $(NETFS_PROGRAM_LIBS) $(LOOKUP_LIB) \
		| deps $(LOOKUP_TIMED_HEADERS)
	@mkdir -p $(dir $@)
	$(HOST_CC) $(PROCFS_CFLAGS) -o $@ $(filter %.c,$^) $(PROCFS_STUB_DIR)/timed_proc_user.o \
		$(NETFS_PROGRAM_LINK) $(LOOKUP_LIB) $(HURD_STUBS_LIB) $(LIBMACH_GLIBC)

.PHONY: procfs
procfs: $(PROCFS_TRANSLATOR)
translators: $(PROCFS_TRANSLATOR)
all: procfs
