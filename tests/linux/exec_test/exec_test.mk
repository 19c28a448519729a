# Builds tests/linux/exec_test (the exec server and lib/fshelp's translator
# start, seen by a client that serves the programs' files itself) and
# exec_child, the program it starts. Included by the top Makefile after the libraries it links.
EXEC_TEST := $(BUILD)/linux/exec_test
EXEC_CHILD := $(BUILD)/linux/exec_child
EXEC_TEST_CFLAGS := -std=gnu11 -O2 -g $(COMMON_WARNINGS) -static -I tests/linux/exec_test \
	-I servers/exec $(FSHELP_START_CFLAGS) $(PORTS_CFLAGS) $(HURD_STUBS_CFLAGS)

$(EXEC_TEST): tests/linux/exec_test/exec_test.c tests/linux/exec_test/exec_test_files.c \
		servers/exec/exec_module.c $(wildcard tests/linux/exec_test/*.h) tests/linux/linux_tap.h tests/linux/linux_check.h \
		$(FSHELP_START_LIB) $(PORTS_LIB) $(HURD_STUBS_LIB) $(IHASH_LIB) $(LIBMACH_GLIBC) | deps
	@mkdir -p $(dir $@)
	$(HOST_CC) $(EXEC_TEST_CFLAGS) -o $@ $(filter %.c,$^) $(FSHELP_START_LIB) $(PORTS_LIB) \
		$(HURD_STUBS_LIB) $(IHASH_LIB) $(LIBMACH_GLIBC)

$(EXEC_CHILD): tests/linux/exec_test/exec_child.c tests/linux/exec_test/exec_report.h \
		$(LIBMACH_GLIBC) | deps
	@mkdir -p $(dir $@)
	$(HOST_CC) $(EXEC_TEST_CFLAGS) -o $@ $< $(LIBMACH_GLIBC)

.PHONY: exec-test
exec-test: $(EXEC_TEST) $(EXEC_CHILD)
all: exec-test
