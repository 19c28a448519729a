# Builds settrans, showtrans and fsysopts (utils/) as static glibc programs on
# libmach-glibc and lib/lookup (its timed stubs carry every RPC they make):
# $(SETTRANS), $(SHOWTRANS), $(FSYSOPTS). settrans -a needs lib/fshelp's
# fshelp_start (the exec branch); without it, -a reports that it cannot start.
UTILS_BUILD := $(BUILD)/utils
SETTRANS := $(UTILS_BUILD)/settrans
SHOWTRANS := $(UTILS_BUILD)/showtrans
FSYSOPTS := $(UTILS_BUILD)/fsysopts
UTILS_PROGRAMS := $(SETTRANS) $(SHOWTRANS) $(FSYSOPTS)
UTILS_CFLAGS := -std=gnu11 -O2 -g $(COMMON_WARNINGS) -I utils $(LOOKUP_CFLAGS)
UTILS_COMMON := utils/utils_args.c utils/utils_node.c
UTILS_LIBS := $(LOOKUP_LIB) $(LIBMACH_GLIBC)
UTILS_HEADERS := $(wildcard utils/*.h) lib/lookup/lookup.h $(LOOKUP_TIMED_HEADERS)

ifneq ($(wildcard lib/fshelp/fshelp_start.h),)
UTILS_CFLAGS += -DUTILS_HAVE_FSHELP_START -I lib/fshelp
UTILS_LIBS := $(FSHELP_START_LIB) $(LOOKUP_LIB) $(HURD_STUBS_LIB) $(LIBMACH_GLIBC)
endif

$(SETTRANS): utils/settrans.c utils/settrans_active.c
$(SHOWTRANS): utils/showtrans.c
$(FSYSOPTS): utils/fsysopts.c
$(UTILS_PROGRAMS): $(UTILS_COMMON) $(UTILS_HEADERS) $(UTILS_LIBS) | deps $(LIBMACH_GENERATED_HEADERS) \
		$(HURD_GENERATED_HEADERS)
	@mkdir -p $(dir $@)
	$(HOST_CC) $(UTILS_CFLAGS) -static -o $@ $(filter %.c,$^) $(UTILS_LIBS)

.PHONY: utils
utils: $(UTILS_PROGRAMS)
all: utils
