"""The Reflect panel: the prompt of the day and the nudges of the client on screen."""
