# Builds the password server (servers/password) as a static glibc program,
# $(PASSWORD_SERVER): lib/ports, lib/lookup (reading the files), the Hurd stubs
# and libxcrypt's static libcrypt (Debian's libcrypt-dev); and the host unit
# test of its parsing and hashing.
PASSWORD_SERVER := $(BUILD)/servers/password/password
PASSWORD_CFLAGS := -std=gnu11 -O2 -g $(COMMON_WARNINGS) $(PORTS_CFLAGS) $(LOOKUP_CFLAGS) \
	-I servers/password

$(PASSWORD_SERVER): $(wildcard servers/password/*.c servers/password/*.h) \
		servers/password/program/password_main.c $(PORTS_LIB) $(LOOKUP_LIB) $(HURD_STUBS_LIB) \
		$(IHASH_LIB) $(LIBMACH_GLIBC) include/wildebeest/bootstrap_registry_client.h | deps \
		$(LIBMACH_GENERATED_HEADERS) $(HURD_GENERATED_HEADERS)
	@mkdir -p $(dir $@)
	$(HOST_CC) $(PASSWORD_CFLAGS) -static -o $@ $(filter %.c,$^) $(PORTS_LIB) $(LOOKUP_LIB) \
		$(HURD_STUBS_LIB) $(IHASH_LIB) $(LIBMACH_GLIBC) -lcrypt -lpthread

.PHONY: password-server
password-server: $(PASSWORD_SERVER)
all: password-server

# The parsing and hashing host unit test (ASan/UBSan).
$(HOST_TEST_DIR)/test_password_files: tests/host/test_password_files.c \
		servers/password/password_files.c servers/password/password_verify.c \
		servers/password/password_files.h servers/password/password_verify.h tests/host/tap.h | deps
	@mkdir -p $(dir $@)
	$(HOST_CC) $(HOST_TEST_CFLAGS) -I servers/password -o $@ $(filter %.c,$^) -lcrypt
host-tests: $(HOST_TEST_DIR)/test_password_files
