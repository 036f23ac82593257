"""The early warning's rules, pure: features, rule triggers, the model, the fairness audit."""
