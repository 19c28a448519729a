#!/usr/bin/env bash
# Runs the clock and entropy arithmetic host unit test (ASan/UBSan build) for prove.
cd "$(dirname "$0")/../.." && exec build/host-tests/test_clock_lib
