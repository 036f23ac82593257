"""The resolution targets scorecard (bảng theo dõi chỉ tiêu nghị quyết, PRODUCT §3.6; a bounded
context above the registry and the appraisal): each target per unit and for the province, with
the target beside it, from the registry's cadres and the appraisal's closed periods. It reads
both through their ``queries`` modules; nothing depends on it."""
