#!/usr/bin/env bash
# Runs the hurd_files host test of the Hurd protocols' MIG stubs (ASan/UBSan) for prove.
cd "$(dirname "$0")/../.." && exec build/host-tests/test_hurd_files
