#!/usr/bin/env bash
# Runs the page_frames host unit test (ASan/UBSan build) for prove.
cd "$(dirname "$0")/../.." && exec build/host-tests/test_page_frames
