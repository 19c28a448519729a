#!/usr/bin/env bash
# Runs the auth id-set host unit test (ASan/UBSan build) for prove.
cd "$(dirname "$0")/../.." && exec build/host-tests/test_auth_ids
