#!/usr/bin/env bash
# Runs the term server's line-discipline host unit test (ASan/UBSan build) for prove.
cd "$(dirname "$0")/../.." && exec build/host-tests/test_term_discipline
