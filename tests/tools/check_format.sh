#!/usr/bin/env bash
# Fails when a tracked C++ file differs from what clang-format (.clang-format) makes of it.
set -euo pipefail
clang_format=$1
cd "$2"
mapfile -t files < <(git ls-files '*.cpp' '*.hpp')
"$clang_format" --dry-run --Werror "${files[@]}"
echo "${#files[@]} passed, 0 failed"
