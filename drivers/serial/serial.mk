# Builds the user-space serial driver (drivers/serial) as a static glibc
# program, $(SERIAL_DRIVER): device.defs served with MIG's user-flavour server
# stubs, late read replies with device_reply.defs' sending stubs.
SERIAL_DRIVER := $(BUILD)/drivers/serial/serial
SERIAL_BUILD := $(BUILD)/drivers/serial
SERIAL_CFLAGS := -std=gnu11 -O2 -g $(COMMON_WARNINGS) $(LIBMACH_GLIBC_CFLAGS) -I $(MIG_DIR)/user \
	-I drivers/serial
# Generated code only: MIG's checks compare bit-field counts with unsigned
# sizes, and its weak defaults leave parameters unused.
SERIAL_STUB_FLAGS := $(SERIAL_CFLAGS) -Wno-sign-compare -Wno-unused-parameter \
	-DMIG_EOPNOTSUPP=MIG_BAD_ID
SERIAL_STUB_OBJECTS := $(SERIAL_BUILD)/device_server.o $(SERIAL_BUILD)/device_reply_user.o

$(SERIAL_BUILD)/device_server.o: $(MIG_DIR)/user/device_server.c | deps $(LIBMACH_GENERATED_HEADERS)
	@mkdir -p $(dir $@)
	$(HOST_CC) $(SERIAL_STUB_FLAGS) -c $< -o $@
$(SERIAL_BUILD)/device_reply_user.o: $(MIG_DIR)/user/device_reply_user.c | deps $(LIBMACH_GENERATED_HEADERS)
	@mkdir -p $(dir $@)
	$(HOST_CC) $(SERIAL_STUB_FLAGS) -c $< -o $@

$(SERIAL_DRIVER): $(wildcard drivers/serial/*.c drivers/serial/*.h) include/wildebeest/serial.h \
		$(SERIAL_STUB_OBJECTS) $(MIG_DIR)/user/device_reply.h $(MIG_DIR)/user/device_server.h \
		$(LIBMACH_GLIBC) | deps
	@mkdir -p $(dir $@)
	$(HOST_CC) $(SERIAL_CFLAGS) -static -o $@ $(filter %.c,$^) $(SERIAL_STUB_OBJECTS) $(LIBMACH_GLIBC)

.PHONY: serial-driver
serial-driver: $(SERIAL_DRIVER)
all: serial-driver

# tests/linux/serial_test: the irq device's refusals and a client of the driver.
$(LINUX_TEST_DIR)/serial_test: tests/linux/serial_test.c tests/linux/linux_tap.h tests/linux/linux_check.h \
		include/wildebeest/serial.h include/wildebeest/bootstrap_registry_client.h \
		$(LIBMACH_GLIBC) | deps
	@mkdir -p $(dir $@)
	$(HOST_CC) $(LINUX_TEST_CFLAGS) $(LIBMACH_GLIBC_CFLAGS) -o $@ $< $(LIBMACH_GLIBC) -lpthread

# tests/linux/console_test: COM1 handed to the driver (--console) and back.
$(LINUX_TEST_DIR)/console_test: tests/linux/console_test.c tests/linux/linux_tap.h tests/linux/linux_check.h \
		include/wildebeest/serial.h include/wildebeest/bootstrap_registry_client.h \
		$(LIBMACH_GLIBC) | deps
	@mkdir -p $(dir $@)
	$(HOST_CC) $(LINUX_TEST_CFLAGS) $(LIBMACH_GLIBC_CFLAGS) -o $@ $< $(LIBMACH_GLIBC)
