# Host unit test of the auth server's id sets (included by tests/tests.mk),
# under ASan/UBSan.
HOST_TEST_BINARIES += $(HOST_TEST_DIR)/test_auth_ids

$(HOST_TEST_DIR)/test_auth_ids: tests/host/test_auth_ids.c servers/auth/auth_ids.c \
		servers/auth/auth_ids.h tests/host/tap.h | deps
	@mkdir -p $(dir $@)
	$(HOST_CC) $(HOST_TEST_CFLAGS) -I servers/auth -o $@ $(filter %.c,$^)
