# Builds lib/ihash for glibc programs (the servers): $(IHASH_LIB), whose
# header is found with $(IHASH_CFLAGS).

IHASH_LIB := $(BUILD)/lib/libihash.a
IHASH_CFLAGS := -I lib/ihash

$(BUILD)/lib/ihash/ihash.o: lib/ihash/ihash.c lib/ihash/ihash.h | deps
	@mkdir -p $(dir $@)
	$(HOST_CC) -std=gnu11 -O2 -g $(COMMON_WARNINGS) -c $< -o $@

$(IHASH_LIB): $(BUILD)/lib/ihash/ihash.o
	rm -f $@
	ar rcs $@ $^

.PHONY: ihash
ihash: $(IHASH_LIB)
all: ihash
