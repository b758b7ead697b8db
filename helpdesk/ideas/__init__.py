"""The idea board: customers suggest and vote; the team triages, ships and tells voters."""
