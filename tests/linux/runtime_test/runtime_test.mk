# Builds the process-runtime test (tests/linux/runtime_test/*.c), an ordinary
# static glibc program of several files, with the host gcc: tests/system/
# linux_runtime.t runs it on the emulator, and `make runtime-test-on-host` runs
# it on this Linux machine, where it must pass too. Included by tests/tests.mk.
RUNTIME_TEST := $(BUILD)/linux/runtime_test
RUNTIME_TEST_SOURCES := $(wildcard tests/linux/runtime_test/*.c)

$(RUNTIME_TEST): $(RUNTIME_TEST_SOURCES) tests/linux/runtime_test/runtime_test.h \
		tests/linux/linux_tap.h tests/linux/linux_check.h | deps
	@mkdir -p $(dir $@)
	$(HOST_CC) -std=gnu11 -O2 -g -Wall -Wextra -static -pthread -o $@ $(RUNTIME_TEST_SOURCES)

.PHONY: runtime-test runtime-test-on-host
runtime-test: $(RUNTIME_TEST)
all: runtime-test
runtime-test-on-host: $(RUNTIME_TEST)
	$(RUNTIME_TEST)
