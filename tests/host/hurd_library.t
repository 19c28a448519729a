#!/usr/bin/env bash
# Runs the fs/io/fsys round trips against build/hurd/libhurd-stubs.a itself, for prove.
cd "$(dirname "$0")/../.." && exec build/host-tests/test_hurd_library
