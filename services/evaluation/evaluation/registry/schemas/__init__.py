"""HTTP contracts of the registry (marshmallow): units, positions, competencies, standards, cadres, gaps, imports."""
