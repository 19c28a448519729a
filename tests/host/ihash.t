#!/usr/bin/env bash
# Runs the ihash host unit test (ASan/UBSan build) for prove.
cd "$(dirname "$0")/../.." && exec build/host-tests/test_ihash
