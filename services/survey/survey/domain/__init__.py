"""Pure rules of the survey service (periods, indices, bursts, responses, forms): no Flask, no storage."""
