#!/usr/bin/env bash
# Runs the utils_args host test (settrans/showtrans/fsysopts command lines, argz) for prove.
cd "$(dirname "$0")/../.." && exec build/host-tests/test_utils_args
