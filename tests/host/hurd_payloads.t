#!/usr/bin/env bash
# Runs the protected-payload host test of the Hurd stubs' translation hooks for prove.
cd "$(dirname "$0")/../.." && exec build/host-tests/test_hurd_payloads
