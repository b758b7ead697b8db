"""The sentiment tagger in the app: the model in use, retraining from agents corrections."""
