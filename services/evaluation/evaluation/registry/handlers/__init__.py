"""The registry's use cases: each handler loads what it needs, applies the domain rules and writes the
change together with its events (one document, one write). Views and consumers call these."""
