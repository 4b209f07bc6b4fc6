"""Enterprise profiles: who the exporter is, what it sells in the US, its patents and history."""
