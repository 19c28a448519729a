#!/usr/bin/env bash
# Runs the kernel/ipc host unit test (ASan/UBSan build) for prove.
cd "$(dirname "$0")/../.." && exec build/host-tests/test_ipc
