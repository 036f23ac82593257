"""Succession planning (quy hoạch cán bộ, "động và mở"; bounded context above the registry and the
appraisal): plans per term, the candidates for each key title of each unit with the limits and the
eligibility rules the province sets as data, overrides with a reason, the yearly review's history,
the shares of women, young and trained cadres against the resolution's targets, and the rotation and
courses planned for a candidate (the courses reach the training service by an event).

It sits above the appraisal because eligibility needs three years of results: it reads the registry
through ``registry.queries`` and the appraisal through ``appraisal.queries``; nothing reads it."""
