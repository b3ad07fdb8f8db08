"""Small reusable widgets and the look they share: chips, a flow layout, painting, the
theme's colours, kind icons, locale-aware dates and one yes/no question.

Nothing here knows the window, a panel or a service.
"""
