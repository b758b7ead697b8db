"""WSGI entry point: `gunicorn wsgi:app` or `flask --app wsgi run`."""

import gc
import os

from helpdesk import create_app
from helpdesk.tagging.service import current_tagger

app = create_app()

# Served (gunicorn), build the sentiment tagger now, not at the first customer message: that
# message's request would train it (two seconds) while holding SQLite's write lock, and the
# other writers would wait behind it (tests/reliability/test_concurrency.py saw them time out).
# `flask` commands skip this: most never tag anything.
if not os.environ.get("FLASK_RUN_FROM_CLI"):
    with app.app_context():
        current_tagger()

# What start-up built (the app, its templates, the tagger's lexicon) lives as long as the
# process: move it out of the garbage collector's sight, so the collections that requests
# cause walk only what requests create (a third off a queue page; bench/pages.py shows it).
gc.collect()
gc.freeze()
