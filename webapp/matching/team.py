"""Tennessee's TEAM observation rubric (General Educator): its 19 indicators, as the IPI
model lists them (programs/models/ipi.toml) — the list the bench draws scores on, and
the one a district without its own list imports scores against."""
from __future__ import annotations

from functools import cache

from ..programs import presets


@cache
def indicators() -> tuple[str, ...]:
    model = presets.load_file(presets.MODELS_DIR / "ipi.toml")
    return tuple(model.lists["rubric_indicators"])
