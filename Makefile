# Wildebeest's build: `make` builds everything, `make run` boots it in QEMU,
# `make check` runs every test, `make bench` the benchmarks, `make deps` installs
# what is missing from Debian's packages. Fragments live beside the code they build.

BUILD      := build
KERNEL     := $(BUILD)/kernel/wildebeest
GUEST_DIR  := $(BUILD)/guest
HOST_CC    := gcc
GCC_INCLUDE := $(shell $(HOST_CC) -print-file-name=include)
MACH_INCLUDE := /usr/include/x86_64-linux-gnu

COMMON_WARNINGS := -Wall -Wextra -Werror=implicit-function-declaration
# Freestanding code: the kernel and native guest programs. The project's include/
# overlay comes before gnumach-dev's headers (see include/README).
FREESTANDING_CFLAGS := -std=gnu11 -O2 -g $(COMMON_WARNINGS) -ffreestanding -fno-stack-protector \
	-fno-builtin -nostdinc -isystem $(GCC_INCLUDE) -I include -idirafter $(MACH_INCLUDE) \
	-fno-asynchronous-unwind-tables -fcf-protection=none

.PHONY: all deps run check check-host check-system bench clean iso
all: $(KERNEL) guest

deps:
	@bash mk/deps.sh

include mk/mig.mk
include mk/hurd.mk
include lib/ihash/ihash.mk
include kernel/kernel.mk
include lib/lookup/lookup.mk
include tests/tests.mk
include emul/emul.mk
include servers/bootstrap/bootstrap.mk
include lib/ports/ports.mk
include servers/auth/auth.mk
include lib/iohelp/iohelp.mk
include lib/trivfs/trivfs.mk
include lib/fshelp/fshelp.mk
include lib/netfs/netfs.mk
include translators/translators.mk
include translators/tmpfs/tmpfs.mk
include servers/proc/proc.mk
include servers/exec/exec.mk
include lib/fshelp/fshelp_start.mk
include utils/utils.mk
include utils/login.mk
include tests/linux/exec_test/exec_test.mk
include tests/linux/translator_test/translator_test.mk
include tests/linux/linux.mk
include drivers/serial/serial.mk
include servers/term/term.mk
include servers/pipe/pipe.mk
include servers/password/password.mk
include tests/linux/password_test/password_test.mk
include tests/linux/utils_test/utils_test.mk
include image/image.mk
include tests/linux/herd_test/herd_test.mk
include tests/shell/shell.mk
include tests/linux/execve_test.mk
-include mk/iso.mk
-include bench/bench.mk

# make run: the image (image/image.mk) on the herd, quiet: the kernel's
# `quiet` word and the bootstrap's --quiet keep the boot lines off the
# terminal, the serial driver takes COM1 (--console) and term serves it, so
# this terminal is the system's one serial line: a banner, then the shell of
# /sbin/init's `login -f user`. exit (or poweroff, as root) powers off and
# QEMU exits. RUN_INIT replaces init for a scripted boot, e.g.
#   make run RUN_INIT="/bin/busybox sh -c 'echo hi; id'"
RUN_INIT ?= /sbin/init
RUN_MODULES ?= "$(BOOTSTRAP_ELF) --herd --quiet init=$(RUN_INIT)" $(EMUL_ELF) \
	"$(AUTH_SERVER)" "$(EXEC_SERVER)" "$(TMPFS_SERVER) --archive=$(IMAGE_ARCHIVE)" \
	$(IMAGE_ARCHIVE) "$(PROC_SERVER)" "$(PIPE_SERVER)" "$(PASSWORD_SERVER)" \
	"$(SERIAL_DRIVER) --console" "$(TERM_SERVER)"
run: $(KERNEL) guest bootstrap emul image | deps
	@WB_APPEND=quiet WB_QEMU_ARGS="-bios /usr/share/qemu/qboot.rom -chardev stdio,mux=on,id=com,signal=off -serial chardev:com -mon chardev=com" bash tests/lib/run.sh $(KERNEL) $(RUN_MODULES)

check: | deps
	@$(MAKE) --no-print-directory all host-tests
	prove -v $(PROVE_FLAGS) tests/host/*.t tests/system/*.t

clean:
	rm -rf $(BUILD)
