#!/bin/sh
# The clusters tool is deterministic: two runs on the same small input give
# byte-identical blobs. Usage: clusters_tool_determinism.sh TOOL MODEL INPUT TMPDIR
set -eu
tool=$1 model=$2 input=$3 tmp=$4
"$tool" --model "$model" --clusters 8 --min-count 1 --iters 4 --out "$tmp/clusters_a.bin" "$input" "$input" 2>/dev/null
"$tool" --model "$model" --clusters 8 --min-count 1 --iters 4 --out "$tmp/clusters_b.bin" "$input" "$input" 2>/dev/null
cmp "$tmp/clusters_a.bin" "$tmp/clusters_b.bin"
test "$(wc -c < "$tmp/clusters_a.bin")" -gt 1000
echo "clusters tool: deterministic ($(wc -c < "$tmp/clusters_a.bin") bytes)"
