#!/usr/bin/env bash
# Runs the host unit test of lib/netfs's and lib/iohelp's pure logic (ASan/UBSan) for prove.
cd "$(dirname "$0")/../.." && exec build/host-tests/test_netfs_logic
