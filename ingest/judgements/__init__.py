"""Human judgements about the archive's readings, kept as data that survives re-reading.

- `model`: the judgements file (db/judgements.yml): its entries, their checks and conflicts,
  writing an entry or marking one undone;
- `apply`: the judgements applied to a reading (the registry overlay and the extractor's and
  the pipeline's steps); pure;
- `review` (not imported here: it writes the archive): `archive review` and the review page,
  which write one judgement and apply it to the archive at once.
"""

from .apply import NO_JUDGEMENTS, Applier, numbered, overlay, surname_of_name
from .model import (DECISIONS, FIELDS, Judgement, JudgementError, Judgements, check, dependents, describe,
                    load_judgements, parse)

__all__ = ["Applier", "DECISIONS", "FIELDS", "Judgement", "JudgementError", "Judgements", "NO_JUDGEMENTS", "check",
           "dependents", "describe", "load_judgements", "numbered", "overlay", "parse", "surname_of_name"]
