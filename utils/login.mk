# Builds login and su (utils/login.c, utils/su.c) as static glibc programs
# like the other utilities, with the timed password stub (password_check_user
# with a timeout, made by lib/lookup's rule from hurd/password.defs):
# $(LOGIN), $(SU). image/image.mk puts them in the image's /bin.
LOGIN := $(UTILS_BUILD)/login
SU := $(UTILS_BUILD)/su
LOGIN_PASSWORD_STUB := $(UTILS_BUILD)/timed_password_user.o
LOGIN_COMMON := utils/login_session.c utils/login_account.c $(UTILS_COMMON)

$(LOGIN_PASSWORD_STUB): $(LOOKUP_STUB_DIR)/timed_password_user.c | deps $(HURD_GENERATED_HEADERS)
	@mkdir -p $(dir $@)
	$(HOST_CC) -std=gnu11 -O2 -g $(COMMON_WARNINGS) -Werror $(LOOKUP_CFLAGS) $(LOOKUP_STUB_CFLAGS) \
		-c $< -o $@

$(LOGIN): utils/login.c
$(SU): utils/su.c
$(LOGIN) $(SU): $(LOGIN_COMMON) utils/login_session.h $(UTILS_HEADERS) $(LOGIN_PASSWORD_STUB) \
		$(LOOKUP_STUB_DIR)/timed_password.h $(UTILS_LIBS) | deps $(LIBMACH_GENERATED_HEADERS) \
		$(HURD_GENERATED_HEADERS)
	@mkdir -p $(dir $@)
	$(HOST_CC) $(UTILS_CFLAGS) -static -o $@ $(filter %.c,$^) $(LOGIN_PASSWORD_STUB) $(UTILS_LIBS) \
		$(HURD_STUBS_LIB) $(LIBMACH_GLIBC)

IMAGE_USER_PROGRAMS := $(LOGIN) $(SU)
.PHONY: login
login: $(LOGIN) $(SU)
all: login
