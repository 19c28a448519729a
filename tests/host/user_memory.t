#!/usr/bin/env bash
# Runs the user-memory region list host unit test (ASan/UBSan build) for prove.
cd "$(dirname "$0")/../.." && exec build/host-tests/test_user_memory
