#!/usr/bin/env bash
# Runs lib/trivfs's pure-logic host unit test (ASan/UBSan build) for prove.
cd "$(dirname "$0")/../.." && exec build/host-tests/test_trivfs_logic
