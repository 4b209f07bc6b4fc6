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
    usitc deadline --from 2026-07-02 --days 20
step "A case schedule for a complaint filed today" \
    usitc schedule --complaint-filed "$(date +%F)"
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
    portfolio synth --policies 2000 --seed 1 --out "$out/book.json"
step "The book's simulated years: loss ratio, VaR/TVaR 99.5 %, pool-size effect" \
    portfolio simulate "$out/book.json" --years 5000 --seed 1
