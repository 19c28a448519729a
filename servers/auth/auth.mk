# Builds the auth server's routines (servers/auth) as a library for glibc
# programs: $(AUTH_SERVER_LIB), with $(AUTH_SERVER_CFLAGS). It is linked before
# $(PORTS_LIB), $(HURD_STUBS_LIB), $(IHASH_LIB) and $(LIBMACH_GLIBC).
AUTH_SERVER_LIB := $(BUILD)/servers/auth/libauth-server.a
AUTH_SERVER_CFLAGS := -I servers/auth $(PORTS_CFLAGS) $(HURD_STUBS_CFLAGS)
AUTH_SERVER_OBJECTS := $(patsubst servers/auth/%.c,$(BUILD)/servers/auth/%.o,$(wildcard servers/auth/*.c))

$(BUILD)/servers/auth/%.o: servers/auth/%.c | deps $(LIBMACH_GENERATED_HEADERS) $(HURD_GENERATED_HEADERS)
	@mkdir -p $(dir $@)
	$(HOST_CC) -std=gnu11 -O2 -g $(COMMON_WARNINGS) $(AUTH_SERVER_CFLAGS) -MMD -MP -c $< -o $@

$(AUTH_SERVER_LIB): $(AUTH_SERVER_OBJECTS)
	rm -f $@
	ar rcs $@ $^

.PHONY: auth-server
auth-server: $(AUTH_SERVER_LIB)
all: auth-server

-include $(wildcard $(BUILD)/servers/auth/*.d)

# The server as a program of its own (servers/auth/program): $(AUTH_SERVER).
AUTH_SERVER := $(BUILD)/servers/auth/auth
$(AUTH_SERVER): servers/auth/program/auth_main.c $(AUTH_SERVER_LIB) $(PORTS_LIB) $(HURD_STUBS_LIB) \
		$(IHASH_LIB) $(LIBMACH_GLIBC) | deps
	@mkdir -p $(dir $@)
	$(HOST_CC) -std=gnu11 -O2 -g $(COMMON_WARNINGS) -static $(AUTH_SERVER_CFLAGS) -o $@ $< \
		$(AUTH_SERVER_LIB) $(PORTS_LIB) $(HURD_STUBS_LIB) $(IHASH_LIB) $(LIBMACH_GLIBC)
auth-server: $(AUTH_SERVER)
