#!/usr/bin/env bash
# System test: the auth server (servers/auth) on the emulator, its routines
# served by lib/ports in tests/linux/auth_test.c with client threads: getids,
# makeauth (subsets, EPERM, root, merged handles), the rendezvous in both
# orders, a forged handshake, wrong rendezvous ports and a dead client failing
# instead of hanging, handles freed by no-senders; under every accelerator
# with 1 and 2 CPUs, its TAP lines and exit status.
set -u
cd "$(dirname "$0")/../.."
. tests/lib/tap.sh
. tests/lib/qemu.sh
. tests/lib/system.sh
. tests/lib/linux_program.sh

linux_program_test auth "${WB_LINUX:-build/linux}/auth_test" 22
tap_done
