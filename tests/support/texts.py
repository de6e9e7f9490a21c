"""Texts and rules shared by the tests that run whole cycles."""

RULES = """
[groups]
isis = ["ISIS", "Islamic State", "Daesh"]
[[rules]]
name = "isis-raid"
query = "@isis NEAR/30 (raid OR strike)"
"""
RAID = (
    "US special operations forces carried out a raid before dawn in Atmeh in Idlib province, "
    "killing a senior Islamic State official, two US officials said."
)
STRIKE = (
    "An Islamic State cell was hit by an air strike near Raqqa, a monitoring group said; three "
    "militants were killed on a farm outside the city."
)
