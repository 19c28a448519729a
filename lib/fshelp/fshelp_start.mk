# Builds lib/fshelp's start of a translator (fshelp_start.c) as a static
# library for glibc programs: $(FSHELP_START_LIB), compiled with
# $(FSHELP_START_CFLAGS); linked before $(HURD_STUBS_LIB) and $(LIBMACH_GLIBC).
# Two stub sets of its own: exec_exec with a wait (hurd/exec.defs with
# userprefix fshelp_timed_, waittime fshelp_start_wait_ms, msgoption
# MACH_SEND_TIMEOUT), and the server side of fsys_startup alone (hurd/fsys.defs
# with serverprefix fshelp_start_ and its own demux), so that a program that
# serves fsys itself (S_fsys_*) can link both.
FSHELP_START_BUILD := $(BUILD)/lib/fshelp
FSHELP_START_LIB := $(FSHELP_START_BUILD)/libfshelp_start.a
FSHELP_START_CFLAGS := -I lib/fshelp $(LIBMACH_GLIBC_CFLAGS) $(HURD_STUBS_CFLAGS)
FSHELP_START_MIG := $(FSHELP_START_BUILD)/mig
FSHELP_START_GENERATED := $(FSHELP_START_MIG)/fshelp_exec_timed.h $(FSHELP_START_MIG)/fshelp_fsys_startup_server.h
FSHELP_START_OBJECTS := $(FSHELP_START_BUILD)/fshelp_start.o $(FSHELP_START_MIG)/fshelp_exec_timed_user.o \
	$(FSHELP_START_MIG)/fshelp_fsys_startup_server.o
FSHELP_START_COMPILE := $(HOST_CC) -std=gnu11 -O2 -g $(COMMON_WARNINGS) $(FSHELP_START_CFLAGS) \
	-I $(FSHELP_START_MIG)

$(FSHELP_START_MIG)/fshelp_exec_timed.defs.i: hurd/exec.defs $(HURD_SHARED_DEFS) lib/fshelp/fshelp_start.mk | deps
	@mkdir -p $(dir $@)
	sed '/^serverprefix/a userprefix fshelp_timed_;\nwaittime fshelp_start_wait_ms;\nmsgoption MACH_SEND_TIMEOUT;' $< | \
		$(MIG_CPP) -I hurd - > $@
$(FSHELP_START_MIG)/fshelp_fsys_startup.defs.i: hurd/fsys.defs $(HURD_SHARED_DEFS) lib/fshelp/fshelp_start.mk | deps
	@mkdir -p $(dir $@)
	sed 's/^serverprefix S_;/serverprefix fshelp_start_;\nserverdemux fshelp_start_fsys_server;/' $< | \
		$(MIG_CPP) -I hurd - > $@
$(FSHELP_START_MIG)/fshelp_exec_timed_user.c $(FSHELP_START_MIG)/fshelp_exec_timed.h: \
		$(FSHELP_START_MIG)/fshelp_exec_timed.defs.i
	cd $(FSHELP_START_MIG) && $(MIGCOM) -user fshelp_exec_timed_user.c -header fshelp_exec_timed.h \
		-server /dev/null -sheader /dev/null < fshelp_exec_timed.defs.i
$(FSHELP_START_MIG)/fshelp_fsys_startup_server.c $(FSHELP_START_MIG)/fshelp_fsys_startup_server.h: \
		$(FSHELP_START_MIG)/fshelp_fsys_startup.defs.i
	cd $(FSHELP_START_MIG) && $(MIGCOM) -user /dev/null -header /dev/null \
		-server fshelp_fsys_startup_server.c -sheader fshelp_fsys_startup_server.h \
		< fshelp_fsys_startup.defs.i

# Generated code: MIG's waivers and weak EOPNOTSUPP defaults (mk/hurd.mk).
$(FSHELP_START_MIG)/%.o: $(FSHELP_START_MIG)/%.c | deps $(LIBMACH_GENERATED_HEADERS) $(HURD_GENERATED_HEADERS)
	$(FSHELP_START_COMPILE) $(HURD_STUB_DEFINES) $(HURD_STUB_WAIVERS) \
		-include lib/fshelp/fshelp_start_wait.h -c $< -o $@
$(FSHELP_START_BUILD)/fshelp_start.o: lib/fshelp/fshelp_start.c $(FSHELP_START_GENERATED) | deps \
		$(LIBMACH_GENERATED_HEADERS) $(HURD_GENERATED_HEADERS)
	@mkdir -p $(dir $@)
	$(FSHELP_START_COMPILE) -MMD -MP -c $< -o $@

$(FSHELP_START_LIB): $(FSHELP_START_OBJECTS)
	rm -f $@
	ar rcs $@ $^

# Generated through pattern rules, kept (not deleted as intermediates).
.SECONDARY: $(addprefix $(FSHELP_START_MIG)/,fshelp_exec_timed.defs.i fshelp_exec_timed_user.c \
	fshelp_exec_timed.h fshelp_fsys_startup.defs.i fshelp_fsys_startup_server.c \
	fshelp_fsys_startup_server.h)

.PHONY: fshelp-start
fshelp-start: $(FSHELP_START_LIB)
all: fshelp-start

-include $(wildcard $(FSHELP_START_BUILD)/*.d)

# The file systems' part of lib/fshelp (fshelp.mk: $(BUILD)/lib/libfshelp.a
# from every lib/fshelp/*.c) takes fshelp_start.o too, built by the rule above:
# it gets the generated stubs fshelp_start.o needs with it.
$(BUILD)/lib/libfshelp.a: $(FSHELP_START_MIG)/fshelp_exec_timed_user.o \
	$(FSHELP_START_MIG)/fshelp_fsys_startup_server.o
