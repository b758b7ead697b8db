"""WSGI entry point: `gunicorn wsgi:app` or `flask --app wsgi run`."""

import gc

from helpdesk import create_app

app = create_app()

# What start-up built (the app, its templates, the tagger's lexicon) lives as long as the
# process: move it out of the garbage collector's sight, so the collections that requests
# cause walk only what requests create (a third off a queue page; bench/pages.py shows it).
gc.collect()
gc.freeze()
