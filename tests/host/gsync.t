#!/usr/bin/env bash
# Runs the kern/gsync.c host unit test (ASan/UBSan build) for prove.
cd "$(dirname "$0")/../.." && exec build/host-tests/test_gsync
