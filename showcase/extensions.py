"""Extensions, created unbound here and bound to an app in create_app."""

from flask_cors import CORS
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_sqlalchemy import SQLAlchemy

from showcase.api.blueprint import ProblemApi
from showcase.models.base import Base

db = SQLAlchemy(model_class=Base)
api = ProblemApi()
cors = CORS()
limiter = Limiter(key_func=get_remote_address)
