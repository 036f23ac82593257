"""Pure rules of succession planning: the rules as data, eligibility, limits, shares."""
