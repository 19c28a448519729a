#!/usr/bin/env bash
# Runs the initial stack layout host unit test (ASan/UBSan build) for prove.
cd "$(dirname "$0")/../.." && exec build/host-tests/test_loader_stack
