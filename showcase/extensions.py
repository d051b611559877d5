"""Extensions, created unbound here and bound to an app in create_app.

The rate limiter is not among them: flask-limiter keeps per-app state on the Limiter itself, so
showcase.rate_limits gives each app its own.
"""

from flask_cors import CORS
from flask_sqlalchemy import SQLAlchemy

from showcase.models.base import Base

db = SQLAlchemy(model_class=Base)
cors = CORS()
