# Host test of utils/utils_args.c (included by tests/tests.mk): option
# parsing of settrans, showtrans, fsysopts and argz formatting, with ASan/UBSan.
UTILS_ARGS_TEST := $(HOST_TEST_DIR)/test_utils_args
HOST_TEST_BINARIES += $(UTILS_ARGS_TEST)

$(UTILS_ARGS_TEST): tests/host/test_utils_args.c utils/utils_args.c utils/utils_args.h \
		tests/host/tap.h | deps
	@mkdir -p $(dir $@)
	$(HOST_CC) $(HOST_TEST_CFLAGS) -I utils -o $@ $(filter %.c,$^)
