#!/usr/bin/env bash
# The demo `make demo` runs: a fresh SQLite database, the example exporters, the catalog, the
# subsidy rules, quotes and comparisons, and the Section 337 clock and record.
# Every step is a real `patentshield` command a user can run themselves (see README.md).
set -euo pipefail
cd "$(dirname "$0")/.."

ps=${PATENTSHIELD:-.venv/bin/patentshield}
out=${DEMO_OUT:-var}
mkdir -p "$out"

step() { printf '\n\033[1m== %s\033[0m\n$ patentshield %s\n' "$1" "${*:2}"; "$ps" "${@:2}"; }

step "The insurance catalog: which products exist, and which answer a 337 case" \
    catalog list
step "The example exporters (Shenzhen LED, Ningbo desks, Dongguan vapes, Foshan, Jinan)" \
    enterprise import examples/enterprises.yaml
step "One profile" enterprise show sz-led-lighting

step "Subsidy programmes (versioned, each with its source)" subsidy programmes
step "Shenzhen: 50 % of a CNY 500,000 premium, capped at CNY 200,000 per applicant-year" \
    subsidy check --programme shenzhen --product-type overseas_ip_infringement_liability \
    --premium 500000
step "Shenzhen: CNY 180,000 already granted this year leaves CNY 20,000" \
    subsidy check --programme shenzhen --product-type overseas_ip_infringement_liability \
    --premium 100000 --granted-this-year 180000

step "The seed's package: Chancheng tier C, aggregate limit 90 x CNY 16,000" \
    quote --product chancheng-package-10-c --region 440604
step "Shenzhen LED maker: a negotiated overseas-liability policy (premium agreed at CNY 120,000)" \
    quote --enterprise sz-led-lighting --product huangpu-2020-overseas-liability --premium 120000
step "Shenzhen LED maker: the tariff products side by side" \
    quote compare --enterprise sz-led-lighting --product picc-2013-enforcement \
    --product chancheng-package-10-c --product foshan-chancheng-2010
step "Ningbo furniture maker: enforcement plans compared" \
    quote compare --enterprise nb-standing-desks --product picc-2013-enforcement \
    --product chancheng-package-10-a --product chancheng-package-10-b
step "Dongguan e-cigarette device maker: the benchmark 337-defence policy at CNY 300,000" \
    quote --enterprise dg-vape-devices --product illustrative-337-defence --premium 300000
step "Saved quotes" quote list

step "The 337 clock: an answer due 20 days after service (19 CFR 201.14 and 210.13)" \
    procedure deadline --from 2026-07-02 --days 20
step "A case schedule for a complaint filed today" \
    procedure schedule --complaint-filed "$(date +%F)"
step "Shipped record: real instituted investigations, statistics by respondent country" \
    usitc stats --source shipped --by country
step "Charts of the shipped record" usitc chart --source shipped --out "$out/charts"
step "The risk engine's parameter file, each parameter with its data and sources" \
    usitc calibrate --out "$out/calibration.yaml"

step "Risk engine check: compound Poisson(2) x lognormal(1, 1) against its closed form (mean 3.2974)" \
    risk aggregate --frequency poisson --lam 2 --severity lognormal --sigma 1 --scale 1 \
    --sims 200000 --seed 1
step "The case model's implied shares and durations beside the published ones" \
    risk calibration-check --calibration "$out/calibration.yaml" --years 5000
for exporter in sz-led-lighting nb-standing-desks dg-vape-devices fs-kitchen-appliances \
    jn-laser-machinery; do
    step "Section 337 risk of $exporter: chance of being named, cost, tail" \
        risk simulate --enterprise "$exporter" --years 5000 --seed 1
    step "Which products suit $exporter: net benefit, tail cut, gaps" \
        recommend --enterprise "$exporter" --years 3000 --seed 1
done
step "A risk-rated product priced by the engine for the Shenzhen LED maker" \
    risk simulate --enterprise sz-led-lighting --product beijing-2022-overseas-legal-expense \
    --years 5000 --seed 1
step "An insurer's view: a synthetic book of 2,000 policies" \
    programme synth --policies 2000 --seed 1 --out "$out/book.json"
step "The book's simulated years: loss ratio, VaR/TVaR 99.5 %, pool-size effect" \
    programme simulate "$out/book.json" --years 5000 --seed 1
# --- Issue 5: from the ITC complaint to the insurer's payment ---------------------------------
# A Shenzhen LED maker insured under the illustrative 337-defence policy is named with four
# co-respondents in a new investigation. Dates are fixed (2026) so every figure is reproducible.
export PATENTSHIELD_HOME="${PATENTSHIELD_HOME:-$out/home}"
py="$(dirname "$ps")/python"
field() { "$ps" "$@" --format json | "$py" -c 'import json, sys; print(json.load(sys.stdin)["id"])'; }
co=(--respondent "Zhongshan Lumen Lighting Co., Ltd." --respondent "Xiamen Solarbeam Optoelectronics Co., Ltd."
    --respondent "Brightway Lighting USA Inc." --respondent "Ningbo Glowtech Electric Co., Ltd.")

quote_id=$(field quote --enterprise sz-led-lighting --product illustrative-337-defence \
    --premium 400000 --date 2026-03-01)
step "Bind the saved quote: policy PS-2026-0001, terms frozen from the product version" \
    policy bind "$quote_id" --number PS-2026-0001
step "An earlier case under the same policy year (337-TA-1498) takes most of the aggregate" \
    case open --number 337-TA-1498 --complaint 2026-03-10 --instituted 2026-04-08 \
    --served 2026-04-09 --complainant "Photon Patents LLC" --patent "US 8,765,432" \
    --insured sz-led-lighting=PS-2026-0001 --format json >/dev/null
"$ps" case counsel 337-TA-1498 --respondent sz-led-lighting --firm "Kirkland & Pell LLP" \
    --panel --date 2026-04-10 --format json >/dev/null
first_claim=$(field claim notify 337-TA-1498 --respondent sz-led-lighting --date 2026-04-15 \
    --first-accused-sale 2025-01-10)
"$ps" claim expense "$first_claim" --invoice KP-1498-01 --vendor "Kirkland & Pell LLP" \
    --category us_counsel --phase discovery --amount 19000000 --date 2026-06-30 --format json >/dev/null
step "337-TA-1498 adjudicated: (19,000,000 - 100,000) x 80 % capped at the CNY 15 M per-claim limit" \
    claim adjudicate "$first_claim" --date 2026-07-01

step "The new investigation 337-TA-1501: the insured and four uninsured co-respondents" \
    case open --number 337-TA-1501 --title "Certain LED Lighting Devices" \
    --complaint 2026-03-16 --instituted 2026-04-15 --served 2026-04-16 \
    --complainant "Lumina IP Holdings LLC" --patent "US 9,876,543" --patent "US 10,234,567" \
    --product "LED ceiling luminaires" --insured sz-led-lighting=PS-2026-0001 "${co[@]}"
step "Duties on 30 April 2026: overdue and at-risk first" \
    case tasks 337-TA-1501 --date 2026-04-30
step "The insurer consents to panel counsel" \
    case counsel 337-TA-1501 --respondent sz-led-lighting --firm "Kirkland & Pell LLP" --panel \
    --date 2026-04-20
claim_id=$(field claim notify 337-TA-1501 --respondent sz-led-lighting --date 2026-04-28 \
    --first-accused-sale 2025-01-10)
step "The notice of claim, checked: in the period, ITC covered, notified in time" \
    claim show "$claim_id"

mkdir -p "$out/evidence"
printf 'LED driver design log, 2021-03-02 to 2022-11-30\n' >"$out/evidence/rd-log-2021.txt"
printf 'Freedom-to-operate search report, CCPIT Patent, 2022-01-15\n' >"$out/evidence/fto-2022.txt"
printf 'Claim chart: US 9,876,543 claim 1 vs luminaire model BW-40\n' >"$out/evidence/chart.txt"
step "Evidence into the vault (SHA-256, read-only)" \
    evidence add 337-TA-1501 "$out/evidence/rd-log-2021.txt" --kind rd_records --by "Li Wei" \
    --date 2026-04-22
"$ps" evidence add 337-TA-1501 "$out/evidence/fto-2022.txt" --kind search_reports \
    --by "Li Wei" --date 2026-04-22 --format json >/dev/null
"$ps" evidence add 337-TA-1501 "$out/evidence/chart.txt" --kind technical_comparison \
    --by "Kirkland & Pell LLP" --date 2026-04-24 --format json >/dev/null
step "Verify every stored file" evidence verify 337-TA-1501
step "The dossier for the insurer: documents, manifest.json and a PDF cover letter" \
    evidence export 337-TA-1501 --respondent sz-led-lighting --out "$out/dossier-337-TA-1501.zip" \
    --date 2026-04-28

step "Invoices: panel counsel (pleadings)" \
    claim expense "$claim_id" --invoice KP-1501-01 --vendor "Kirkland & Pell LLP" \
    --category us_counsel --phase pleadings --amount 1200000 --date 2026-05-06
"$ps" claim expense "$claim_id" --invoice HS-0007 --vendor "Harbor & Stone LLP" \
    --category us_counsel --phase pleadings --amount 300000 --date 2026-05-08 --format json >/dev/null
"$ps" claim expense "$claim_id" --invoice LT-2231 --vendor "LexTrans Discovery" \
    --category ediscovery_translation --phase discovery --amount 500000 --currency USD \
    --fx-rate 7.1 --date 2026-06-15 --format json >/dev/null
"$ps" claim expense "$claim_id" --invoice DA-01 --vendor "Shenzhen Optics Lab" \
    --category design_around_cbp --phase discovery --amount 400000 --date 2026-06-20 \
    --format json >/dev/null
step "A joint defence of three respondents shares the technical expert" \
    jointdefence create 337-TA-1501 --name experts --member sz-led-lighting \
    --member "Zhongshan Lumen Lighting Co., Ltd." --member "Brightway Lighting USA Inc."
step "The expert's invoice split equally: the insured's share goes into its claim" \
    jointdefence allocate 337-TA-1501 --group experts --invoice EXP-0715 \
    --vendor "Dr. Chen Optics Consulting" --category experts --phase discovery \
    --amount 1000000 --date 2026-07-15
step "One co-respondent settles on its own: its part ends, the case goes on" \
    claim outcome 337-TA-1501 --kind settlement --respondent "Ningbo Glowtech Electric Co., Ltd." \
    --date 2026-07-20
step "The insurer consents in writing to settle with the complainant, up to CNY 6,000,000" \
    claim consent-settlement "$claim_id" --counterparty "Lumina IP Holdings LLC" \
    --maximum 6000000 --date 2026-07-31 --terms "licence of US 9,876,543 and US 10,234,567"
"$ps" claim expense "$claim_id" --invoice SET-1501 --vendor "Lumina IP Holdings LLC" \
    --category settlement_licence --phase settlement --amount 6000000 --date 2026-08-01 \
    --format json >/dev/null
step "Adjudication: consent, cover, deductible, coinsurance, sub-limits and the aggregate left" \
    claim adjudicate "$claim_id" --date 2026-08-03
step "The settlement paid (idempotency key settle-1501)" \
    claim pay "$claim_id" --idempotency-key settle-1501 --date 2026-08-05
step "The same request again pays nothing more" \
    claim pay "$claim_id" --idempotency-key settle-1501 --date 2026-08-05
step "Settlement ends the case: the paid claim is closed" \
    claim outcome 337-TA-1501 --kind settlement --date 2026-08-06 --note "licence agreement"
step "The earlier claim stays open: adjudicated but unpaid, with a reserve" \
    claim show "$first_claim"
step "Both claims of the policy year: the aggregate limit holds" \
    claim list --policy PS-2026-0001
# --- Issue 13: programme analytics for the administration and the insurer ----------------------
step "A subsidy what-if: Chancheng's 2012 terms on its 2011 cooperative (94 firms insured; about 29 after)" \
    programme whatif --programme foshan-chancheng-2012 \
    --population src/patentshield/programme/data/chancheng-2011.yaml --years 2000 --seed 1
step "White-paper statistics of the book, with the published national figures beside them" \
    programme stats --by region --by year
# --- Issue 12: the early warning for every exporter; a compliance score moves a quote ----------
for exporter in sz-led-lighting nb-standing-desks dg-vape-devices fs-kitchen-appliances \
    jn-laser-machinery; do
    step "337 early warning for $exporter: what concerns its products, new since the last run" \
        watch run --enterprise "$exporter"
done
step "The Ningbo desk maker's enforcement quote before it records its programme" \
    quote --enterprise nb-standing-desks --product picc-2013-enforcement
today=$(date +%F)
for control in rd_records counsel_retained litigation_hold customs_readiness supplier_indemnities \
    insurer_notified; do
    "$ps" compliance control set --enterprise nb-standing-desks --control "$control" \
        --evidence "internal audit 2026, binder ${control}" --by "Chen Jing" --date "$today" \
        --format json >/dev/null
done
printf 'Freedom-to-operate opinion: height-adjustable desks vs US 9,038,549, 2026-01-20\n' \
    >"$out/evidence/fto-desks-2026.txt"
step "An FTO opinion filed into the vault (SHA-256), linked to the desks and the patent reviewed" \
    compliance fto add --enterprise nb-standing-desks "$out/evidence/fto-desks-2026.txt" \
    --counsel "Zhonghe IP Law Office (example)" --issued 2026-01-20 --patent "US 9,038,549" \
    --product "Height-adjustable desks" --conclusion clear_with_design_around
step "The compliance score: every control with its evidence, date and points" \
    compliance score --enterprise nb-standing-desks
step "The same quote now: the score's discount and limit uplift, line by line, within the product's bounds" \
    quote --enterprise nb-standing-desks --product picc-2013-enforcement
step "The insurer's service providers under the 337-defence product (examples)" \
    compliance providers list --product illustrative-337-defence
