"""Course results from the training service (`training.results.v1`), kept as the evaluation
service's read model of what each cadre completed; each result recomputes that cadre's gaps."""
from cadre_shared.consumer import ConsumerSpec

from ..handlers.gap_refresh import on_course_result

TRAINING_RESULTS = ConsumerSpec("training-results", ["training.results.v1"], on_course_result,
                                event_types={"result.recorded"})
