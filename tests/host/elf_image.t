#!/usr/bin/env bash
# Runs the elf_image host unit test (ASan/UBSan build) for prove.
cd "$(dirname "$0")/../.." && exec build/host-tests/test_elf_image
