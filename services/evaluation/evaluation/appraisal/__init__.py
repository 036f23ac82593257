"""The appraisal (bounded context above the registry): evaluation periods, output tasks, 360
ratings and the general-criteria policy, citizens' satisfaction as the 360 citizen group counts
it, period scores and classification under Decree 335 (live while a period is open, frozen when
it closes), the score preview and the excellent quota. It reads the registry through
``registry.queries``; the early warning and the scorecard read it through ``appraisal.queries``."""
