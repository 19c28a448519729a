# Builds lib/ports, the server framework, for static glibc programs (servers):
# $(PORTS_LIB), compiled with $(PORTS_CFLAGS); a program links it before
# $(IHASH_LIB) and $(LIBMACH_GLIBC).
include libmach/libmach.mk

PORTS_LIB := $(BUILD)/lib/libports.a
PORTS_CFLAGS := -I lib/ports -I lib/ihash $(LIBMACH_GLIBC_CFLAGS)
PORTS_SOURCES := $(wildcard lib/ports/*.c)
PORTS_OBJECTS := $(patsubst lib/ports/%.c,$(BUILD)/lib/ports/%.o,$(PORTS_SOURCES))

$(BUILD)/lib/ports/%.o: lib/ports/%.c | deps $(LIBMACH_GENERATED_HEADERS)
	@mkdir -p $(dir $@)
	$(HOST_CC) -std=gnu11 -O2 -g $(COMMON_WARNINGS) $(PORTS_CFLAGS) -MMD -MP -c $< -o $@

$(PORTS_LIB): $(PORTS_OBJECTS)
	rm -f $@
	ar rcs $@ $^

.PHONY: ports
ports: $(PORTS_LIB)
all: ports

-include $(wildcard $(BUILD)/lib/ports/*.d)
