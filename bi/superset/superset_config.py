"""Apache Superset's settings for the support review: a local, single-user instance over the published marts.

Superset keeps its own metadata (users, charts, dashboards) in a SQLite file under $SUPPORT_SUPERSET_HOME
(`make bi`: warehouse/superset/). Nothing here reaches the network: no telemetry pixel, no map tiles.
"""

import os

DATA_DIR = os.environ["SUPPORT_SUPERSET_HOME"]
SQLALCHEMY_DATABASE_URI = f"sqlite:///{DATA_DIR}/superset.db"
# Local review only; set SUPERSET_SECRET_KEY for any instance others can reach.
SECRET_KEY = os.environ.get("SUPERSET_SECRET_KEY", "support-metrics-local-review")
SCARF_ANALYTICS = False
# The published marts are read-only and small: no async queries, no results backend, no cache server.
CACHE_CONFIG = {"CACHE_TYPE": "NullCache"}
DATA_CACHE_CONFIG = {"CACHE_TYPE": "NullCache"}
FEATURE_FLAGS = {"DASHBOARD_RBAC": False, "ALERT_REPORTS": False}

# Everything the pages load comes from this server: Superset's default policy allows a usage pixel (Scarf),
# map tiles and web fonts from the internet; this one allows none, so the browser never asks for them.
_LOCAL_ONLY = ["'self'", "blob:", "data:"]
TALISMAN_ENABLED = True
TALISMAN_CONFIG = {
    "content_security_policy": {
        "base-uri": ["'self'"],
        "default-src": ["'self'"],
        "img-src": _LOCAL_ONLY,
        "worker-src": ["'self'", "blob:"],
        "connect-src": ["'self'"],
        "object-src": "'none'",
        "style-src": ["'self'", "'unsafe-inline'"],
        "font-src": _LOCAL_ONLY,
        "script-src": ["'self'", "'strict-dynamic'"],
    },
    "content_security_policy_nonce_in": ["script-src"],
    "force_https": False,
    "session_cookie_secure": False,
}
TALISMAN_DEV_CONFIG = TALISMAN_CONFIG
