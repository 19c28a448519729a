#!/usr/bin/env bash
# Runs the emulator's signal-logic host unit test (ASan/UBSan build) for prove.
cd "$(dirname "$0")/../.." && exec build/host-tests/test_signal_logic
