#!/usr/bin/env bash
# Runs the host unit test of the fast path's receive side (ASan/UBSan build) for prove.
cd "$(dirname "$0")/../.." && exec build/host-tests/test_ipc_fast_receive
