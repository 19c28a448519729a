# Builds the Hurd protocols' RPC stubs (hurd/*.defs, D5) for glibc programs:
# MIG's user stubs and server demuxes of every interface in one static library,
# $(HURD_STUBS_LIB), and their headers as <hurd/NAME.h> (client) and
# <hurd/NAME_server.h> (server) under $(HURD_STUBS_INCLUDE); for the reply
# interfaces (NAME_reply: a server's late answers) only the sending stubs.
# Programs compile with $(HURD_STUBS_CFLAGS) and link $(HURD_STUBS_LIB).

HURD_INTERFACES := fs io fsys auth proc exec term startup pipe password msg
# interrupt_operation (hurd/interrupt.defs): a signal ends a kept request.
HURD_INTERFACES += interrupt
HURD_REPLY_INTERFACES := io_reply auth_reply proc_reply term_reply password_reply
HURD_BUILD := $(BUILD)/hurd
HURD_STUBS_LIB := $(HURD_BUILD)/libhurd-stubs.a
HURD_STUBS_INCLUDE := $(HURD_BUILD)/include
HURD_STUBS_CFLAGS := -I include -I $(HURD_STUBS_INCLUDE) -idirafter $(MACH_INCLUDE)
# The shared types every interface includes: a change regenerates them all.
HURD_SHARED_DEFS := hurd/hurd_types.defs include/hurd/hurd_types.h

# mk/mig.mk's user flavour generates them (mig_defs_path finds hurd/NAME.defs);
# here each also depends on its own .defs.
$(foreach name,$(HURD_INTERFACES) $(HURD_REPLY_INTERFACES),$(eval \
$(MIG_DIR)/user/$(name)_user.c $(MIG_DIR)/user/$(name).h \
$(MIG_DIR)/user/$(name)_server.c $(MIG_DIR)/user/$(name)_server.h: \
	hurd/$(name).defs $(HURD_SHARED_DEFS)))

HURD_GENERATED_HEADERS := $(patsubst %,$(HURD_STUBS_INCLUDE)/hurd/%.h,$(HURD_INTERFACES)) \
	$(patsubst %,$(HURD_STUBS_INCLUDE)/hurd/%_server.h,$(HURD_INTERFACES)) \
	$(patsubst %,$(HURD_STUBS_INCLUDE)/hurd/%.h,$(HURD_REPLY_INTERFACES))
$(HURD_STUBS_INCLUDE)/hurd/%.h: $(MIG_DIR)/user/%.h
	@mkdir -p $(dir $@)
	cp $< $@

# Server routines a program does not define answer EOPNOTSUPP (MIG's weak
# defaults, which leave their parameters unused). Waivers for generated code
# only: MIG's checks compare bit-field counts (int after promotion) with
# unsigned sizes (-Wno-sign-compare), and the defaults (-Wno-unused-parameter).
HURD_STUB_DEFINES := -DMIG_EOPNOTSUPP=EOPNOTSUPP -include errno.h
HURD_STUB_WAIVERS := -Wno-sign-compare -Wno-unused-parameter
HURD_STUB_COMPILE_FLAGS := -std=gnu11 -O2 -g $(COMMON_WARNINGS) -Werror $(HURD_STUBS_CFLAGS) \
	$(HURD_STUB_DEFINES) $(HURD_STUB_WAIVERS)
HURD_STUB_OBJECTS := $(patsubst %,$(HURD_BUILD)/stubs/%_user.o,$(HURD_INTERFACES)) \
	$(patsubst %,$(HURD_BUILD)/stubs/%_server.o,$(HURD_INTERFACES)) \
	$(patsubst %,$(HURD_BUILD)/stubs/%_user.o,$(HURD_REPLY_INTERFACES))
$(HURD_BUILD)/stubs/%.o: $(MIG_DIR)/user/%.c $(HURD_GENERATED_HEADERS) | deps
	@mkdir -p $(dir $@)
	$(HOST_CC) $(HURD_STUB_COMPILE_FLAGS) -c $< -o $@

$(HURD_STUBS_LIB): $(HURD_STUB_OBJECTS)
	rm -f $@
	ar rcs $@ $^

.PHONY: hurd-stubs
hurd-stubs: $(HURD_STUBS_LIB) $(HURD_GENERATED_HEADERS)
all: hurd-stubs
