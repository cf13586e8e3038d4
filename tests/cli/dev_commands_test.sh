#!/usr/bin/env bash
# Every query command on the dev corpus (twelve real 8-Ks, data/dev), with
# the answers a reader of those filings would give, and the questions and
# arguments dealgraph must refuse politely (one line or the list of forms,
# exit 2 for a malformed request, 1 for a well-formed one with no answer).
# Usage: dev_commands_test.sh DEALGRAPH_BINARY DATA_DIR
set -uo pipefail
bin=$1
data=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
db=(--db "$tmp/g.db")
source "$(dirname "$0")/checks.sh"

"$bin" ingest "${db[@]}" "$data/dev" >/dev/null 2>&1 || { echo "FAIL: ingest of data/dev" >&2; exit 1; }

# --- entities
run "entities orgs" 0 entities "${db[@]}" --type organization
has "entities orgs" "Reata Pharmaceuticals"
has "entities orgs" "JPMorgan Chase Bank"
has "entities orgs" "WaterBridge Infrastructure"
run "entities people" 0 entities "${db[@]}" --type person
has "entities people" "Janet Carrig"
has "entities people" "Jan H. Loeb"
run "entities bad type" 2 entities "${db[@]}" --type planet
err_has "entities bad type" "unknown entity type"

# --- events: filters, each off an index
run "events party+type" 0 events "${db[@]}" --party Biogen --type corporate.transaction --format jsonl
[ "$(grep -c . <<<"$out")" -eq 1 ] || fail "events party+type: want one Biogen transaction, got $(grep -c . <<<"$out")"
has "events party+type" '"date":"2023-07-28"'
has "events party+type" '"id":"org:reata-pharmaceuticals"'
run "events family" 0 events "${db[@]}" --types executive --format jsonl
has "events family" '"type":"executive.change"'
has "events family" '"type":"executive.compensation"'
lacks "events family" '"type":"agreement.entered"'
run "events date range" 0 events "${db[@]}" --from 2024 --to 2024 --format jsonl
python3 -c '
import json, sys
dates = [json.loads(l)["date"] for l in sys.stdin if l.strip()]
assert dates and all(d.startswith("2024") for d in dates), dates
assert dates == sorted(dates), dates
' <<<"$out" || fail "events date range: every date in 2024, oldest first"
run "events unknown type" 2 events "${db[@]}" --type bogus
err_has "events unknown type" "unknown event type 'bogus'"
run "events bad date" 2 events "${db[@]}" --from 2024-13-45x
err_has "events bad date" "--from '2024-13-45x' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)"
run "events unknown party" 1 events "${db[@]}" --party "Nobody Holdings"
err_has "events unknown party" "Nobody Holdings"

# --- history
run "history pair" 0 history "${db[@]}" Biogen Reata
has "history pair" "corporate.transaction"
has "history pair" "01_biogen_reata_merger_8k.html"
run "history one" 0 history "${db[@]}" "Acorn Energy"
has "history one" "Loeb Consulting Agreement"

# --- agreements and agreement
run "agreements entered" 0 agreements "${db[@]}" --party Biogen --action entered
has "agreements entered" "Commitment Letter"
has "agreements entered" "JPMorgan Chase Bank"
run "agreements none renewed" 1 agreements "${db[@]}" --party Biogen --action renewed
has "agreements none renewed" "No agreements of Biogen renewed."
run "agreements bad action" 2 agreements "${db[@]}" --party Biogen --action frobnicated
run "agreement story" 0 agreement "${db[@]}" "Loeb Consulting Agreement"
has "agreement story" "dated 2025-01-06"
has "agreement story" "runs to 2025-12-31"
run "agreement merger" 0 agreement "${db[@]}" "Agreement and Plan of Merger"
has "agreement merger" "Reata Pharmaceuticals"
has "agreement merger" "transaction"
run "agreement unknown" 1 agreement "${db[@]}" "Treaty of Westphalia"
err_has "agreement unknown" "no agreement matches"

# --- network
run "partners" 0 partners "${db[@]}" Biogen
has "partners" "Reata Pharmaceuticals"
# JPMorgan's $1.5 billion bridge commitment is an agreement's amount, not money paid.
lacks "partners" "\$1,500,000,000"
run "path" 0 path "${db[@]}" "JPMorgan Chase Bank" "Reata Pharmaceuticals"
has "path" "-> Biogen"
run "path none" 1 path "${db[@]}" "Apple" "Nordstrom"
run "central" 0 central "${db[@]}"
head -2 <<<"$out" | grep -q "Biogen" || fail "central: Biogen is the hub of the dev corpus"

# --- ask: each form, and the refusals
run "ask enter with" 0 ask "${db[@]}" "which agreements did Biogen enter with JPMorgan?"
has "ask enter with" "Commitment Letter"
has "ask enter with" "source 01_biogen_reata_merger_8k.html"
run "ask partners" 0 ask "${db[@]}" "who are Biogen's partners?"
has "ask partners" "Reata Pharmaceuticals"
run "ask first" 0 ask "${db[@]}" "when did Biogen first work with Reata?"
has "ask first" "2023-07-28"
run "ask between" 0 ask "${db[@]}" "what happened between Acorn Energy and Jan H. Loeb"
has "ask between" "executive.compensation"
run "ask active" 0 ask "${db[@]}" "which agreements were active on 2024-06-01 for Biogen"
has "ask active" "Agreement and Plan of Merger"
run "ask history" 0 ask "${db[@]}" "history of WaterBridge Infrastructure"
has "ask history" "Janet Carrig"
run "ask as of before" 1 ask "${db[@]}" "who are Biogen's partners as of 2023-01-01"
has "ask as of before" "As of 2023-01-01"
run "ask pay none" 1 ask "${db[@]}" "what did Biogen pay Nordstrom"
has "ask pay none" "No payment from Biogen to Nordstrom"
run "ask renew none" 1 ask "${db[@]}" "which agreements did Biogen renew?"
has "ask renew none" "No agreement that Biogen renewed."
run "ask unknown entity" 1 ask "${db[@]}" "which agreements did Nobody Holdings renew?"
err_has "ask unknown entity" "Nobody Holdings"
run "ask no verb" 2 ask "${db[@]}" "which agreements did Biogen frobnicate?"
err_has "ask no verb" "which action?"
run "ask nonsense" 2 ask "${db[@]}" "what is the meaning of life?"
err_has "ask nonsense" "Questions dealgraph understands:"
err_has "ask nonsense" "which agreements did X renew|extend|amend|enter|terminate"
run "ask bad as-of" 2 ask "${db[@]}" "history of Biogen as of someday"
err_has "ask bad as-of" "'someday' is not a date"
run "ask bad active date" 2 ask "${db[@]}" "which agreements were active on Tuesday"
err_has "ask bad active date" "is not a date"

# --- filings and eval
run "filings" 0 filings "${db[@]}" --format jsonl
[ "$(grep -c . <<<"$out")" -eq 12 ] || fail "filings: want 12 dev filings"
has "filings" '"id":"0000320193-24-000005"'
run "eval dev" 0 eval "${db[@]}" --gold "$data/gold/dev.json" --min-events-f1 0.9

[ "$failures" -eq 0 ] || { echo "$failures check(s) failed" >&2; exit 1; }
echo "ok"
