# Builds the test programs of tests/system/utils.t (static glibc, on
# lib/lookup and utils/utils_node.c): lookup_cat (reads files through
# lib/lookup) and run_as_user (runs a program through exec as another uid).
UTILS_TEST_PROGRAMS := $(LINUX_TEST_DIR)/lookup_cat $(LINUX_TEST_DIR)/run_as_user

$(UTILS_TEST_PROGRAMS): $(LINUX_TEST_DIR)/%: tests/linux/utils_test/%.c utils/utils_node.c \
		$(UTILS_HEADERS) $(LOOKUP_LIB) $(HURD_STUBS_LIB) $(LIBMACH_GLIBC) | deps \
		$(LIBMACH_GENERATED_HEADERS) $(HURD_GENERATED_HEADERS)
	@mkdir -p $(dir $@)
	$(HOST_CC) $(UTILS_CFLAGS) -static -o $@ $< utils/utils_node.c $(LOOKUP_LIB) \
		$(HURD_STUBS_LIB) $(LIBMACH_GLIBC)

linux-tests: $(UTILS_TEST_PROGRAMS)
