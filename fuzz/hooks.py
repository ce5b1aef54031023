"""schemathesis hooks for admin_api.py (loaded through SCHEMATHESIS_HOOKS).

Every generated Idempotency-Key that the API accepts gets a unique suffix, as a real client's
keys are unique: Hypothesis draws short keys such as "0" again and again, and the daemon rightly
answers 422 when a key comes back with another request, which would hide the handlers behind it.
Keys the API refuses (the negative cases) are sent as generated."""
import itertools
import re

import schemathesis

_sequence = itertools.count()


@schemathesis.hook
def before_call(context, case, **kwargs):
    key = (case.headers or {}).get("Idempotency-Key")
    if key is not None and re.fullmatch(r"[!-~]{1,180}", key):
        case.headers["Idempotency-Key"] = f"{key}-{next(_sequence)}"
