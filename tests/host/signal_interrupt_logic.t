#!/usr/bin/env bash
# Runs the host unit test of the emulator's RPC-interrupt rules (ASan/UBSan
# build) for prove.
cd "$(dirname "$0")/../.." && exec build/host-tests/test_signal_interrupt_logic
