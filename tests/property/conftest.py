# TEMPORARY exploration profile; remove before handing back
from hypothesis import HealthCheck, Phase, settings
settings.register_profile("explore", max_examples=40, deadline=None, suppress_health_check=list(HealthCheck),
                          phases=[Phase.explicit, Phase.reuse, Phase.generate])
import os
if os.environ.get("SG_EXPLORE"):
    settings.load_profile("explore")
    os.environ["HYPOTHESIS_PROFILE"] = "explore"
