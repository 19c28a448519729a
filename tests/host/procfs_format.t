#!/usr/bin/env bash
# Runs procfs's text-formatting host unit test (ASan/UBSan build) for prove.
cd "$(dirname "$0")/../.." && exec build/host-tests/test_procfs_format
