#!/usr/bin/env bash
# Runs the exec server's pure-logic host unit test (ASan/UBSan build) for prove.
cd "$(dirname "$0")/../.." && exec build/host-tests/test_exec_logic
