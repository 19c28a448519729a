#!/usr/bin/env bash
# Runs the host unit test of tmpfs's store, ustar reader and options (ASan/UBSan) for prove.
cd "$(dirname "$0")/../.." && exec build/host-tests/test_tmpfs_store
