"""Claims: notice, expense ledger, adjudication, payments, joint defence, reserves."""
