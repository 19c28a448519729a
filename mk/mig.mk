# Generates RPC stubs with Debian's MIG from gnumach-dev's .defs (D1). The
# x86_64-gnu-mig wrapper preprocesses with `cpp -undef`, which drops __x86_64__,
# so we preprocess ourselves and feed x86_64-gnu-migcom.
#
# Three flavours, each in its own directory under $(MIG_DIR):
#   user/         client stubs for user programs (libmach) and user-side servers
#   kernel-server/ the kernel's server stubs, with the KERNEL_SERVER translations
#   kernel-user/  client stubs the kernel itself calls (notifications, exceptions)
# For every flavour and interface NAME (mach, mach_port, notify, ...):
#   NAME.h NAME_user.c      client header and stubs
#   NAME_server.h NAME_server.c  server header and stubs

MIG_DIR    := $(BUILD)/mig
MIGCOM     := /usr/lib/mig/x86_64-gnu-migcom
MIG_CPP     = $(HOST_CC) -E -x c -undef -ansi -D__x86_64__ -I include -idirafter $(MACH_INCLUDE)
MIG_FLAVOUR_FLAGS_user :=
MIG_FLAVOUR_FLAGS_kernel-server := -DKERNEL_SERVER
MIG_FLAVOUR_FLAGS_kernel-user := -DKERNEL_USER
# A kernel-user interface must be a KernelUser subsystem, so that its port
# arguments are kernel ports (ipc_port_t); .defs that do not say so themselves
# (notify.defs) get the word added to their subsystem line. Likewise a
# kernel-server interface must be a KernelServer one, so that its stubs read
# requests in the sender's orientation as kernel/ipc hands them over (notify.defs
# again, served for the no-senders notifications of device ports).
MIG_FLAVOUR_FILTER_user := cat
MIG_FLAVOUR_FILTER_kernel-server := sed -E 's/^subsystem[[:space:]]+([a-z_]+[[:space:]]+[0-9]+;)/subsystem KernelServer \1/'
MIG_FLAVOUR_FILTER_kernel-user := sed -E 's/^subsystem[[:space:]]+([a-z_]+[[:space:]]+[0-9]+;)/subsystem KernelUser \1/'

# Per-interface preprocessor flags. mach_debug: the VM debugging routines are
# left out (skipped, so numbering holds): their structures in gnumach-dev's C
# headers disagree with the .defs on x86_64, and nothing here serves them.
MIG_INTERFACE_FLAGS_mach_debug := -DMACH_VM_DEBUG=0

# The project's corrected .defs: every stub is regenerated when one changes.
MIG_OVERLAY_DEFS := $(wildcard include/*/*.defs)

# Where each interface's .defs lives.
mig_defs_path = $(firstword $(wildcard include/mach/$(1).defs $(MACH_INCLUDE)/mach/$(1).defs \
	$(MACH_INCLUDE)/mach_debug/$(1).defs $(MACH_INCLUDE)/device/$(1).defs \
	$(MACH_INCLUDE)/mach/x86_64/$(1).defs \
	hurd/$(1).defs))

define mig_rules
$(MIG_DIR)/$(1)/%_user.c $(MIG_DIR)/$(1)/%.h $(MIG_DIR)/$(1)/%_server.c $(MIG_DIR)/$(1)/%_server.h: \
		$(MIG_OVERLAY_DEFS) mk/mig.mk | deps
	@mkdir -p $(MIG_DIR)/$(1)
	$$(MIG_CPP) $(MIG_FLAVOUR_FLAGS_$(1)) $$(MIG_INTERFACE_FLAGS_$$*) $$(call mig_defs_path,$$*) | \
		$(MIG_FLAVOUR_FILTER_$(1)) > $(MIG_DIR)/$(1)/$$*.defs.i
	cd $(MIG_DIR)/$(1) && $(MIGCOM) -user $$*_user.c -header $$*.h -server $$*_server.c \
		-sheader $$*_server.h < $$*.defs.i
endef
$(foreach flavour,user kernel-server kernel-user,$(eval $(call mig_rules,$(flavour))))
