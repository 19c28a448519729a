# Builds the Linux system-call emulator: freestanding, position-independent
# code without SSE registers (it runs beneath the program's libc, between its
# instructions), linked as an ELF image at EMUL_IMAGE_BASE
# (include/wildebeest/emul_image.h) with the PIC variant of libmach.
# Included by the top Makefile.
include libmach/libmach.mk

EMUL_BUILD := $(BUILD)/emul
EMUL_ELF := $(EMUL_BUILD)/emul.elf
EMUL_IMAGE_BASE := 0x7ffe00000000
EMUL_CFLAGS := $(FREESTANDING_CFLAGS) $(LIBMACH_CFLAGS) -I kernel -I emul -I $(EMUL_BUILD) \
	-fpie -mgeneral-regs-only
# files: lib/lookup's emulator flavour and its timed fs/io/auth stubs.
EMUL_CFLAGS += -I lib/lookup -I $(LOOKUP_STUB_DIR) -I $(HURD_STUBS_INCLUDE) -I $(EMUL_BUILD)/stubs
EMUL_OBJECTS := $(patsubst emul/%.c,$(EMUL_BUILD)/%.o,$(wildcard emul/*.c)) \
	$(EMUL_BUILD)/entry.o $(EMUL_BUILD)/syscall_names.o \
	$(EMUL_BUILD)/signal_resume.o \
	$(EMUL_BUILD)/lib/format.o $(EMUL_BUILD)/lib/string.o

# files: pipe2's timed pipe_create and the terminal ioctls' timed term stubs,
# made from hurd/*.defs as lib/lookup makes its own (lib/lookup/timed_stubs.awk).
EMUL_TIMED_INTERFACES := pipe term
EMUL_TIMED_INTERFACES += startup # reboot.c's startup_reboot
# execve: exec_exec on the exec server (emul/execve.c).
EMUL_TIMED_INTERFACES += exec
# interrupt_operation: a signal's poster asks a server to end a kept request
# (emul/signal_interrupt.c).
EMUL_TIMED_INTERFACES += interrupt
EMUL_OBJECTS += $(patsubst %,$(EMUL_BUILD)/stubs/timed_%_user.o,$(EMUL_TIMED_INTERFACES))
EMUL_STUB_HEADERS := $(patsubst %,$(EMUL_BUILD)/stubs/timed_%.h,$(EMUL_TIMED_INTERFACES))
$(EMUL_BUILD)/stubs/timed_%.h: $(EMUL_BUILD)/stubs/timed_%_user.c ;
$(EMUL_BUILD)/stubs/timed_%_user.c: hurd/%.defs $(HURD_SHARED_DEFS) lib/lookup/timed_stubs.awk | deps
	@mkdir -p $(dir $@)
	$(MIG_CPP) $< | awk -f lib/lookup/timed_stubs.awk > $(EMUL_BUILD)/stubs/timed_$*.defs.i
	cd $(EMUL_BUILD)/stubs && $(MIGCOM) -user timed_$*_user.c -header timed_$*.h \
		-server /dev/null -sheader /dev/null < timed_$*.defs.i
$(EMUL_BUILD)/stubs/timed_%_user.o: $(EMUL_BUILD)/stubs/timed_%_user.c | deps \
		$(LIBMACH_GENERATED_HEADERS) $(HURD_GENERATED_HEADERS)
	$(HOST_CC) $(EMUL_CFLAGS) -DMIG_EOPNOTSUPP=95 $(HURD_STUB_WAIVERS) -c $< -o $@
.SECONDARY: $(patsubst %,$(EMUL_BUILD)/stubs/timed_%_user.c,$(EMUL_TIMED_INTERFACES)) \
	$(EMUL_STUB_HEADERS)

$(EMUL_BUILD)/syscall_names.c: emul/gen_syscall_names.sh | deps
	@mkdir -p $(dir $@)
	sh $< > $@
$(EMUL_BUILD)/syscall_names.o: $(EMUL_BUILD)/syscall_names.c
	$(HOST_CC) $(EMUL_CFLAGS) -c $< -o $@
$(EMUL_BUILD)/entry.o: emul/entry.S | deps
	@mkdir -p $(dir $@)
	$(HOST_CC) -c $< -o $@
$(EMUL_BUILD)/signal_resume.o: emul/signal_resume.S | deps
	@mkdir -p $(dir $@)
	$(HOST_CC) -c $< -o $@
$(EMUL_BUILD)/%.o: emul/%.c | deps $(LIBMACH_GENERATED_HEADERS) $(LOOKUP_TIMED_HEADERS) \
		$(HURD_GENERATED_HEADERS) $(EMUL_STUB_HEADERS)
	@mkdir -p $(dir $@)
	$(HOST_CC) $(EMUL_CFLAGS) -MMD -MP -c $< -o $@
$(EMUL_BUILD)/lib/string.o: EMUL_EXTRA_FLAGS := -fno-tree-loop-distribute-patterns
$(EMUL_BUILD)/lib/%.o: kernel/lib/%.c | deps
	@mkdir -p $(dir $@)
	$(HOST_CC) $(EMUL_CFLAGS) $(EMUL_EXTRA_FLAGS) -MMD -MP -c $< -o $@

# The ELF entry point is the image header (emul_image_header), not code.
$(EMUL_ELF): $(EMUL_OBJECTS) $(LOOKUP_EMUL_LIB) $(LIBMACH_PIC)
	ld -static -nostdlib -z max-page-size=0x1000 -z noexecstack -z norelro \
		-Ttext-segment=$(EMUL_IMAGE_BASE) -e emul_image_header -o $@ $(EMUL_OBJECTS) \
		$(LOOKUP_EMUL_LIB) $(LIBMACH_PIC)

.PHONY: emul
emul: $(EMUL_ELF)
all: emul

-include $(wildcard $(EMUL_BUILD)/*.d $(EMUL_BUILD)/lib/*.d)

# signals and process identity: proc and msg client stubs with a timeout on
# every call (lib/lookup/timed_stubs.awk: timed_NAME(port, timeout_ms, ...)),
# and the msg server demux, all compiled with the emulator's flags.
EMUL_SIGNAL_STUB_DIR := $(EMUL_BUILD)/stubs
EMUL_SIGNAL_STUB_HEADERS := $(EMUL_SIGNAL_STUB_DIR)/timed_proc.h $(EMUL_SIGNAL_STUB_DIR)/timed_msg.h
EMUL_OBJECTS += $(EMUL_SIGNAL_STUB_DIR)/timed_proc_user.o $(EMUL_SIGNAL_STUB_DIR)/timed_msg_user.o \
	$(EMUL_SIGNAL_STUB_DIR)/msg_server.o
EMUL_CFLAGS += -I $(EMUL_SIGNAL_STUB_DIR) -I $(HURD_STUBS_INCLUDE)
EMUL_SIGNAL_STUB_FLAGS := -Wno-sign-compare -Wno-unused-parameter -DMIG_EOPNOTSUPP=MIG_BAD_ID
$(EMUL_SIGNAL_STUB_DIR)/timed_%.h: $(EMUL_SIGNAL_STUB_DIR)/timed_%_user.c ;
$(EMUL_SIGNAL_STUB_DIR)/timed_%_user.c: hurd/%.defs $(HURD_SHARED_DEFS) lib/lookup/timed_stubs.awk | deps
	@mkdir -p $(dir $@)
	$(MIG_CPP) $< | awk -f lib/lookup/timed_stubs.awk > $(EMUL_SIGNAL_STUB_DIR)/timed_$*.defs.i
	cd $(EMUL_SIGNAL_STUB_DIR) && $(MIGCOM) -user timed_$*_user.c -header timed_$*.h \
		-server /dev/null -sheader /dev/null < timed_$*.defs.i
$(EMUL_SIGNAL_STUB_DIR)/%.o: $(EMUL_SIGNAL_STUB_DIR)/%.c | deps $(LIBMACH_GENERATED_HEADERS) \
		$(HURD_GENERATED_HEADERS)
	$(HOST_CC) $(EMUL_CFLAGS) $(EMUL_SIGNAL_STUB_FLAGS) -c $< -o $@
$(EMUL_SIGNAL_STUB_DIR)/msg_server.o: $(MIG_DIR)/user/msg_server.c | deps $(LIBMACH_GENERATED_HEADERS) \
		$(HURD_GENERATED_HEADERS)
	@mkdir -p $(dir $@)
	$(HOST_CC) $(EMUL_CFLAGS) $(EMUL_SIGNAL_STUB_FLAGS) -c $< -o $@
$(EMUL_BUILD)/signal_service.o $(EMUL_BUILD)/process_identity.o $(EMUL_BUILD)/msgport.o: \
	$(EMUL_SIGNAL_STUB_HEADERS) $(HURD_GENERATED_HEADERS)
$(EMUL_ELF): $(EMUL_SIGNAL_STUB_DIR)/timed_proc_user.o $(EMUL_SIGNAL_STUB_DIR)/timed_msg_user.o \
	$(EMUL_SIGNAL_STUB_DIR)/msg_server.o

# jobs: job control and interruptible waits. io.defs' timed stubs once more as
# intr_NAME, for the reads, writes and selects that may wait (pipes,
# terminals): a signal has their server answer them (interrupt_operation);
# only when it cannot does a thread_abort end the receive (MACH_RCV_INTERRUPT;
# MIG then destroys the reply port, so a late answer reaches nobody). Stop and
# ctty files use the proc and term stubs.
EMUL_INTR_STUB := $(EMUL_SIGNAL_STUB_DIR)/intr_io_user.c
EMUL_OBJECTS += $(EMUL_SIGNAL_STUB_DIR)/intr_io_user.o
$(EMUL_SIGNAL_STUB_DIR)/intr_io.h: $(EMUL_INTR_STUB) ;
$(EMUL_INTR_STUB): hurd/io.defs $(HURD_SHARED_DEFS) lib/lookup/timed_stubs.awk | deps
	@mkdir -p $(dir $@)
	$(MIG_CPP) $< | awk -f lib/lookup/timed_stubs.awk | \
		sed -e 's/^msgoption MACH_SEND_TIMEOUT;/msgoption EMUL_INTR_MSG_OPTIONS;/' \
		-e 's/timed_/intr_/g' > $(EMUL_SIGNAL_STUB_DIR)/intr_io.defs.i
	cd $(EMUL_SIGNAL_STUB_DIR) && $(MIGCOM) -user intr_io_user.c -header intr_io.h \
		-server /dev/null -sheader /dev/null < intr_io.defs.i
$(EMUL_SIGNAL_STUB_DIR)/intr_io_user.o: EMUL_SIGNAL_STUB_FLAGS += \
	'-DEMUL_INTR_MSG_OPTIONS=(MACH_SEND_TIMEOUT|MACH_RCV_INTERRUPT)'
$(EMUL_BUILD)/file_io.o $(EMUL_BUILD)/file_wait.o $(EMUL_BUILD)/signal_stop.o $(EMUL_BUILD)/ctty.o $(EMUL_BUILD)/ctty_background.o \
	$(EMUL_BUILD)/term_ctty_ioctl.o $(EMUL_BUILD)/term_ioctl.o: $(EMUL_SIGNAL_STUB_HEADERS) $(EMUL_SIGNAL_STUB_DIR)/intr_io.h
$(EMUL_ELF): $(EMUL_SIGNAL_STUB_DIR)/intr_io_user.o
