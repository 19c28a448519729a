#!/usr/bin/env bash
# Runs the proc server's process-table host unit test (ASan/UBSan build) for prove.
cd "$(dirname "$0")/../.." && exec build/host-tests/test_proc_table
