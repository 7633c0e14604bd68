"""The demo: four places of the source essays, their people, modules, badges and rewards (content/ as
data files), and a week and a half of learning through the real services."""
