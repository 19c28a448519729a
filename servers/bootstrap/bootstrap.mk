# Builds the first bootstrap (servers/bootstrap) with the loader (lib/loader):
# a freestanding native program on libmach and the guest runtime
# (tests/guest/rt: start-up, print). Included by the top Makefile.
BOOTSTRAP_BUILD := $(BUILD)/bootstrap
BOOTSTRAP_ELF := $(BOOTSTRAP_BUILD)/bootstrap.elf
BOOTSTRAP_CFLAGS := $(GUEST_CFLAGS) $(LIBMACH_CFLAGS) -I lib -I servers/bootstrap \
	-I $(HURD_STUBS_INCLUDE)
# The herd mode's clients of the Hurd protocols: timed MIG user stubs of fs
# (init's lookup), exec and proc (timed_NAME with a timeout on every call, made
# by lib/lookup's timed_stubs.awk), compiled freestanding on libmach.
BOOTSTRAP_HURD_CLIENTS := fs exec proc auth
# Its servers: fsys (the nodes it attaches servers to: fsys_getroot) and
# startup (startup_reboot), MIG's server stubs with EOPNOTSUPP defaults.
BOOTSTRAP_HURD_SERVERS := fsys startup
BOOTSTRAP_STUB_DIR := $(BOOTSTRAP_BUILD)/stubs
BOOTSTRAP_STUB_HEADERS := $(patsubst %,$(BOOTSTRAP_STUB_DIR)/timed_%.h,$(BOOTSTRAP_HURD_CLIENTS)) \
	$(patsubst %,$(BOOTSTRAP_STUB_DIR)/%_server.h,$(BOOTSTRAP_HURD_SERVERS))
BOOTSTRAP_CFLAGS += -I $(BOOTSTRAP_STUB_DIR)
BOOTSTRAP_OBJECTS := $(patsubst servers/bootstrap/%.c,$(BOOTSTRAP_BUILD)/%.o,$(wildcard servers/bootstrap/*.c)) \
	$(patsubst %,$(BOOTSTRAP_BUILD)/hurd/timed_%_user.o,$(BOOTSTRAP_HURD_CLIENTS)) \
	$(patsubst %,$(BOOTSTRAP_BUILD)/hurd/%_server.o,$(BOOTSTRAP_HURD_SERVERS)) \
	$(patsubst lib/loader/%.c,$(BOOTSTRAP_BUILD)/loader/%.o,$(wildcard lib/loader/*.c)) \
	$(BOOTSTRAP_BUILD)/kern/elf_image.o $(BOOTSTRAP_BUILD)/kern/arguments.o

$(BOOTSTRAP_STUB_DIR)/timed_%.h: $(BOOTSTRAP_STUB_DIR)/timed_%_user.c ;
$(BOOTSTRAP_STUB_DIR)/timed_%_user.c: hurd/%.defs $(HURD_SHARED_DEFS) lib/lookup/timed_stubs.awk \
		servers/bootstrap/bootstrap.mk | deps
	@mkdir -p $(BOOTSTRAP_STUB_DIR)
	$(MIG_CPP) $< | awk -f lib/lookup/timed_stubs.awk > $(BOOTSTRAP_STUB_DIR)/timed_$*.defs.i
	cd $(BOOTSTRAP_STUB_DIR) && $(MIGCOM) -user timed_$*_user.c -header timed_$*.h \
		-server /dev/null -sheader /dev/null < timed_$*.defs.i
$(BOOTSTRAP_STUB_DIR)/%_server.h: $(BOOTSTRAP_STUB_DIR)/%_server.c ;
$(BOOTSTRAP_STUB_DIR)/%_server.c: hurd/%.defs $(HURD_SHARED_DEFS) servers/bootstrap/bootstrap.mk | deps
	@mkdir -p $(BOOTSTRAP_STUB_DIR)
	$(MIG_CPP) $< > $(BOOTSTRAP_STUB_DIR)/$*.defs.i
	cd $(BOOTSTRAP_STUB_DIR) && $(MIGCOM) -user /dev/null -header /dev/null \
		-server $*_server.c -sheader $*_server.h < $*.defs.i
$(BOOTSTRAP_BUILD)/hurd/%_server.o: $(BOOTSTRAP_STUB_DIR)/%_server.c $(HURD_GENERATED_HEADERS) | deps
	@mkdir -p $(dir $@)
	$(HOST_CC) $(BOOTSTRAP_CFLAGS) -DMIG_EOPNOTSUPP=95 -Wno-sign-compare -Wno-unused-parameter \
		-c $< -o $@
$(BOOTSTRAP_BUILD)/hurd/timed_%_user.o: $(BOOTSTRAP_STUB_DIR)/timed_%_user.c $(HURD_GENERATED_HEADERS) | deps
	@mkdir -p $(dir $@)
	$(HOST_CC) $(BOOTSTRAP_CFLAGS) -Wno-sign-compare -Wno-unused-parameter -c $< -o $@
$(BOOTSTRAP_BUILD)/%.o: servers/bootstrap/%.c | deps $(LIBMACH_GENERATED_HEADERS) \
		$(HURD_GENERATED_HEADERS) $(BOOTSTRAP_STUB_HEADERS)
	@mkdir -p $(dir $@)
	$(HOST_CC) $(BOOTSTRAP_CFLAGS) -MMD -MP -c $< -o $@
$(BOOTSTRAP_BUILD)/loader/%.o: lib/loader/%.c | deps $(LIBMACH_GENERATED_HEADERS)
	@mkdir -p $(dir $@)
	$(HOST_CC) $(BOOTSTRAP_CFLAGS) -MMD -MP -c $< -o $@
$(BOOTSTRAP_BUILD)/kern/%.o: kernel/kern/%.c | deps
	@mkdir -p $(dir $@)
	$(HOST_CC) $(BOOTSTRAP_CFLAGS) -MMD -MP -c $< -o $@

$(BOOTSTRAP_ELF): $(BOOTSTRAP_OBJECTS) $(GUEST_RT_OBJECTS) $(GUEST_RT_THREAD_OBJECTS) $(LIBMACH_FULL)
	ld -static -nostdlib -z max-page-size=0x1000 -z noexecstack -e _start -o $@ \
		$(sort $(filter %.o,$^)) $(LIBMACH_FULL)

.PHONY: bootstrap
bootstrap: $(BOOTSTRAP_ELF)
all: bootstrap

-include $(wildcard $(BOOTSTRAP_BUILD)/*.d $(BOOTSTRAP_BUILD)/*/*.d)

# The test build: the same runner with accounting hooks (tests/system/linux.t).
BOOTSTRAP_ACCOUNTING_ELF := $(GUEST_DIR)/bootstrap_accounting.elf
$(GUEST_DIR)/bootstrap_accounting.o: tests/guest/bootstrap_accounting.c | deps $(LIBMACH_GENERATED_HEADERS)
	@mkdir -p $(dir $@)
	$(HOST_CC) $(BOOTSTRAP_CFLAGS) -MMD -MP -c $< -o $@
$(BOOTSTRAP_ACCOUNTING_ELF): $(GUEST_DIR)/bootstrap_accounting.o $(BOOTSTRAP_OBJECTS) \
		$(IPC_COMMON_OBJECTS) $(GUEST_RT_OBJECTS) $(GUEST_RT_THREAD_OBJECTS) $(LIBMACH_FULL)
	ld -static -nostdlib -z max-page-size=0x1000 -z noexecstack -e _start -o $@ \
		$(sort $(filter %.o,$^)) $(LIBMACH_FULL)
bootstrap: $(BOOTSTRAP_ACCOUNTING_ELF)
.SECONDARY: $(patsubst %,$(BOOTSTRAP_STUB_DIR)/%_server.c,$(BOOTSTRAP_HURD_SERVERS)) \
	$(patsubst %,$(BOOTSTRAP_STUB_DIR)/%_server.h,$(BOOTSTRAP_HURD_SERVERS))
