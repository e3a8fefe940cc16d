"""ITA rules and arithmetic: frameworks per fiscal year, scoring, analysis. Never imports Django."""
