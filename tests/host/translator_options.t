#!/usr/bin/env bash
# Runs the hello and null translators' options host unit test (ASan/UBSan) for prove.
cd "$(dirname "$0")/../.." && exec build/host-tests/test_translator_options
