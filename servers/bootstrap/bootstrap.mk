# Builds the first bootstrap (servers/bootstrap) with the loader (lib/loader):
# a freestanding native program on libmach and the guest runtime
# (tests/guest/rt: start-up, print). Included by the top Makefile.
BOOTSTRAP_BUILD := $(BUILD)/bootstrap
BOOTSTRAP_ELF := $(BOOTSTRAP_BUILD)/bootstrap.elf
BOOTSTRAP_CFLAGS := $(GUEST_CFLAGS) $(LIBMACH_CFLAGS) -I lib -I servers/bootstrap \
	-I $(HURD_STUBS_INCLUDE)
# The herd mode's clients of the Hurd protocols: MIG's user stubs of fs (the
# init program's lookup), exec and proc, compiled freestanding on libmach.
BOOTSTRAP_HURD_CLIENTS := fs exec proc
BOOTSTRAP_OBJECTS := $(patsubst servers/bootstrap/%.c,$(BOOTSTRAP_BUILD)/%.o,$(wildcard servers/bootstrap/*.c)) \
	$(patsubst %,$(BOOTSTRAP_BUILD)/hurd/%_user.o,$(BOOTSTRAP_HURD_CLIENTS)) \
	$(patsubst lib/loader/%.c,$(BOOTSTRAP_BUILD)/loader/%.o,$(wildcard lib/loader/*.c)) \
	$(BOOTSTRAP_BUILD)/kern/elf_image.o $(BOOTSTRAP_BUILD)/kern/arguments.o

$(BOOTSTRAP_BUILD)/hurd/%_user.o: $(MIG_DIR)/user/%_user.c $(HURD_GENERATED_HEADERS) | deps
	@mkdir -p $(dir $@)
	$(HOST_CC) $(BOOTSTRAP_CFLAGS) -Wno-sign-compare -Wno-unused-parameter -c $< -o $@
$(BOOTSTRAP_BUILD)/%.o: servers/bootstrap/%.c | deps $(LIBMACH_GENERATED_HEADERS) $(HURD_GENERATED_HEADERS)
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
