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
EMUL_OBJECTS := $(patsubst emul/%.c,$(EMUL_BUILD)/%.o,$(wildcard emul/*.c)) \
	$(EMUL_BUILD)/entry.o $(EMUL_BUILD)/syscall_names.o \
	$(EMUL_BUILD)/signal_resume.o \
	$(EMUL_BUILD)/lib/format.o $(EMUL_BUILD)/lib/string.o

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
$(EMUL_BUILD)/%.o: emul/%.c | deps $(LIBMACH_GENERATED_HEADERS)
	@mkdir -p $(dir $@)
	$(HOST_CC) $(EMUL_CFLAGS) -MMD -MP -c $< -o $@
$(EMUL_BUILD)/lib/string.o: EMUL_EXTRA_FLAGS := -fno-tree-loop-distribute-patterns
$(EMUL_BUILD)/lib/%.o: kernel/lib/%.c | deps
	@mkdir -p $(dir $@)
	$(HOST_CC) $(EMUL_CFLAGS) $(EMUL_EXTRA_FLAGS) -MMD -MP -c $< -o $@

# The ELF entry point is the image header (emul_image_header), not code.
$(EMUL_ELF): $(EMUL_OBJECTS) $(LIBMACH_PIC)
	ld -static -nostdlib -z max-page-size=0x1000 -z noexecstack -z norelro \
		-Ttext-segment=$(EMUL_IMAGE_BASE) -e emul_image_header -o $@ $(EMUL_OBJECTS) $(LIBMACH_PIC)

.PHONY: emul
emul: $(EMUL_ELF)
all: emul

-include $(wildcard $(EMUL_BUILD)/*.d $(EMUL_BUILD)/lib/*.d)
