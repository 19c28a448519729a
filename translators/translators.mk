# Builds the one-node translators on lib/trivfs as static glibc programs:
# $(HELLO_TRANSLATOR) and $(NULL_TRANSLATOR). Their node parts
# ($(HELLO_SOURCES), $(NULL_SOURCES)) also build into tests/linux/trivfs_test.
HELLO_SOURCES := translators/hello/hello_node.c translators/hello/hello_options.c
NULL_SOURCES := translators/null/null_node.c translators/null/null_options.c
TRANSLATOR_CFLAGS := -std=gnu11 -O2 -g $(COMMON_WARNINGS) -static $(TRIVFS_CFLAGS) \
	-I translators/hello -I translators/null
HELLO_TRANSLATOR := $(BUILD)/translators/hello
NULL_TRANSLATOR := $(BUILD)/translators/null

$(HELLO_TRANSLATOR): translators/hello/hello_main.c $(HELLO_SOURCES) $(wildcard translators/hello/*.h) \
		$(TRIVFS_PROGRAM_LIBS) | deps
	@mkdir -p $(dir $@)
	$(HOST_CC) $(TRANSLATOR_CFLAGS) -o $@ $(filter %.c,$^) $(TRIVFS_PROGRAM_LINK)

$(NULL_TRANSLATOR): translators/null/null_main.c $(NULL_SOURCES) $(wildcard translators/null/*.h) \
		$(TRIVFS_PROGRAM_LIBS) | deps
	@mkdir -p $(dir $@)
	$(HOST_CC) $(TRANSLATOR_CFLAGS) -o $@ $(filter %.c,$^) $(TRIVFS_PROGRAM_LINK)

.PHONY: translators
translators: $(HELLO_TRANSLATOR) $(NULL_TRANSLATOR)
all: translators

# procfs, the /proc translator on lib/netfs (translators/procfs/procfs.mk).
include translators/procfs/procfs.mk
