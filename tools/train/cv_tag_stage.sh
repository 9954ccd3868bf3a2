#!/bin/sh
# 5-fold cross-validation of the whole tag stage on ANERcorp's training split
# (docs/TAGGER.md, "Cross-validation"): train.txt is cut into 5 contiguous
# blocks of sentences; for each, a tagger is trained on the other four
# (the settings of build_default_model.sh), a model is built with it, and
# `syria tag --conll` tags the held-out block, with ANERcorp's conventions
# and with SCHEMA.md's (--schema). The 5 outputs are scored together with
# ../shared/tools/score.py: about 9,000 entities, where the last-400-sentence
# block has 973, so differences of half a point can be told from noise.
# test.txt is never read.
#
# Usage (from the repository root, tools built in BUILD, default "build"):
#   sh tools/train/cv_tag_stage.sh [extra syria-train-tagger options]
# Env: SEED (default 1), KEEP=DIR to keep the folds, models and outputs, TRAINER
# (default --crf, as build_default_model.sh; TRAINER= for the perceptron).
# Time: about 15 s on the project's 2-core machine (two folds at a time).
set -eu

BUILD=${BUILD:-build}
SHARED=${SHARED:-../shared}
DATA=$SHARED/data
TOOLS=$BUILD/tools
TRAIN=$DATA/anercorp/train.txt
SEED=${SEED:-1}
TRAINER=${TRAINER---crf}
FOLDS=5

for t in syria syria-build-model syria-train-tagger; do
    if [ ! -x "$TOOLS/$t" ]; then
        echo "cv_tag_stage: $TOOLS/$t missing: cmake --build $BUILD -j2" >&2
        exit 1
    fi
done
if [ ! -r "$TRAIN" ]; then
    echo "cv_tag_stage: $TRAIN missing (the shared data folder is $SHARED)" >&2
    exit 1
fi

if [ -n "${KEEP:-}" ]; then
    OUT=$KEEP
    mkdir -p "$OUT"
else
    OUT=$(mktemp -d)
    trap 'rm -rf "$OUT"' EXIT INT TERM
fi

# The clitic model's inputs, as build_default_model.sh.
MODEL_ARGS="--dict /usr/share/hunspell/ar.dic"
for f in people cities countries organisations locations misc; do
    MODEL_ARGS="$MODEL_ARGS --names libsyria/lexicons/$f.tsv"
done
"$TOOLS/syria-build-model" $MODEL_ARGS --lexicons libsyria/lexicons --out "$OUT/clitics.smdl" \
    "$DATA/corpus/ant_multisource.txt" > "$OUT/clitics.log" 2>&1

# The folds as CoNLL files: the same blocks as --dev-fold K/5.
awk -v folds=$FOLDS -v out="$OUT" '
    BEGIN { RS = ""; ORS = "\n\n" }
    { s[NR] = $0 }
    END { for (k = 0; k < folds; k++) for (i = int(NR * k / folds) + 1; i <= int(NR * (k + 1) / folds); i++)
              print s[i] > (out "/fold" k ".txt") }' "$TRAIN"

fold() {
    k=$1
    shift
    "$TOOLS/syria-train-tagger" --model "$OUT/clitics.smdl" --model-gazetteer \
        --clusters libsyria/model/clusters.bin --train "$TRAIN" --dev-fold "$k/$FOLDS" \
        --epochs 12 --seed "$SEED" --unk-rate 0.35 $TRAINER --out "$OUT/tagger$k" "$@" > "$OUT/train$k.log" 2>&1
    "$TOOLS/syria-build-model" $MODEL_ARGS --lexicons libsyria/lexicons --tagger "$OUT/tagger$k" \
        --clusters libsyria/model/clusters.bin --out "$OUT/model$k.smdl" "$DATA/corpus/ant_multisource.txt" \
        > "$OUT/model$k.log" 2>&1
    "$TOOLS/syria" tag --conll --model "$OUT/model$k.smdl" "$OUT/fold$k.txt" > "$OUT/anercorp$k.sys"
    "$TOOLS/syria" tag --conll --schema --model "$OUT/model$k.smdl" "$OUT/fold$k.txt" > "$OUT/schema$k.sys"
    # The tagger alone, for comparison.
    "$TOOLS/syria-train-tagger" --load "$OUT/tagger$k" --model "$OUT/clitics.smdl" --model-gazetteer \
        --clusters libsyria/model/clusters.bin --eval "$OUT/fold$k.txt" --eval-out "$OUT/tagger$k.sys" \
        > /dev/null 2>&1
}

k=0
while [ $k -lt $FOLDS ]; do
    fold $k "$@" &
    if [ $((k % 2)) -eq 1 ] || [ $k -eq $((FOLDS - 1)) ]; then wait; fi
    k=$((k + 1))
done
wait

: > "$OUT/gold.txt"
for v in anercorp schema tagger; do : > "$OUT/$v.sys"; done
k=0
while [ $k -lt $FOLDS ]; do
    cat "$OUT/fold$k.txt" >> "$OUT/gold.txt"
    for v in anercorp schema tagger; do cat "$OUT/$v$k.sys" >> "$OUT/$v.sys"; done
    k=$((k + 1))
done
for v in anercorp schema tagger; do
    case $v in
    anercorp) echo "== tag stage, ANERcorp's conventions (syria tag --conll)" ;;
    schema) echo "== tag stage, SCHEMA.md's conventions (syria tag --conll --schema)" ;;
    tagger) echo "== the tagger alone" ;;
    esac
    /usr/bin/python3 "$SHARED/tools/score.py" conll "$OUT/gold.txt" "$OUT/$v.sys" | sed -n '2,6p'
done
