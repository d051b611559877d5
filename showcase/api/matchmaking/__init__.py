"""Matchmaking: registrations, meeting requests and the clusters' answers."""
