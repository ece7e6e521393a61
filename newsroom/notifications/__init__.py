"""Notifications: who hears of a workflow move, in the admin and by e-mail."""
