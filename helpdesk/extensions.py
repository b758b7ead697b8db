"""Flask extensions, created here without an app and bound to one in create_app."""

from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect

from helpdesk.database import Base

db = SQLAlchemy(model_class=Base)
migrate = Migrate()
login_manager = LoginManager()
csrf = CSRFProtect()
# Limits are declared where they apply (the API per token); counters live where
# RATELIMIT_STORAGE_URI says: memory:// in one process, Redis across workers.
limiter = Limiter(key_func=get_remote_address, headers_enabled=True)
