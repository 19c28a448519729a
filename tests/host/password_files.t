#!/usr/bin/env bash
# Runs the password server's parsing and hashing host unit test (ASan/UBSan) for prove.
cd "$(dirname "$0")/../.." && exec build/host-tests/test_password_files
