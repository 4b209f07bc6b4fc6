"""Government premium subsidies: programmes as versioned data, evaluation and the grant ledger."""
