#!/usr/bin/env bash
# Runs the lib/lookup host test (fake directory servers, ASan/UBSan) for prove.
cd "$(dirname "$0")/../.." && exec build/host-tests/test_lookup
