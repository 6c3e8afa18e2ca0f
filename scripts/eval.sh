#!/usr/bin/env bash
# Accuracy on the labelled evaluation sets (../shared/eval, not in this repository) with the
# project's own `duxin eval`. Usage: scripts/eval.sh [EVAL_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
E=${1:-../shared/eval}
[ -d "$E" ] || { echo "no evaluation data at $E"; exit 1; }
cargo build --release --quiet --bin duxin
run() { echo "== duxin eval --task $1 $E/$2/eval.jsonl"; target/release/duxin eval --task "$1" "$E/$2/eval.jsonl" | grep -E "$3"; }
run sentiment online_shopping_10_cats 'accuracy|items per'
run emotion smp2020_ewect 'happy vs|items per'
run satisfaction jddc_uss_turns '^dissatisfied +[0-9]|Spearman|items per'
run satisfaction jddc_uss_satisfaction 'Spearman|^dissatisfied +[0-9]'
run complaint twitter_complaints 'accuracy|items per'
run sentiment tweeteval_sentiment 'accuracy|items per'
run emotion goemotions 'accuracy|happy vs'
run intent bitext_customer_service_intents 'accuracy'
