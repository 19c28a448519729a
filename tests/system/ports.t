#!/usr/bin/env bash
# System test: lib/ports on the emulator (tests/linux/ports_test.c, static
# glibc): a bucket bounded to 3 workers serving 8 client threads, objects found
# by protected payload and by name, RPCs cancelled by interrupt and by a dead
# client, no-senders freeing objects, counts back to zero; under every
# accelerator with 1 and 2 CPUs, its TAP lines and exit status.
set -u
cd "$(dirname "$0")/../.."
. tests/lib/tap.sh
. tests/lib/qemu.sh
. tests/lib/system.sh
. tests/lib/linux_program.sh

linux_program_test ports "${WB_LINUX:-build/linux}/ports_test" 23
tap_done
