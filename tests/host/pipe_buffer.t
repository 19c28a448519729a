#!/usr/bin/env bash
# Runs the pipe server's buffer host unit test (ASan/UBSan build) for prove.
cd "$(dirname "$0")/../.." && exec build/host-tests/test_pipe_buffer
